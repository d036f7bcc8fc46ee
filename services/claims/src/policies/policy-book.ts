import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parsePolicy, type Policy } from '@aid/settlement';

/** The settlement policies the claims service knows, one per region and year. */
export class PolicyBook {
  private readonly byKey = new Map<string, Policy>();

  constructor(policies: readonly Policy[]) {
    for (const p of policies) {
      const key = `${p.region}/${p.year}`;
      if (this.byKey.has(key)) throw new Error(`two policies for ${p.region} ${p.year}`);
      this.byKey.set(key, p);
    }
  }

  find(region: string, year: number): Policy | null {
    return this.byKey.get(`${region}/${year}`) ?? null;
  }

  list(): { region: string; year: number }[] {
    return [...this.byKey.values()].map((p) => ({ region: p.region, year: p.year }));
  }

  /** Reads every .yaml/.yml/.json policy in a folder; a bad file stops the service with its problems named. */
  static fromDirectory(dir: string): PolicyBook {
    const policies: Policy[] = [];
    for (const name of readdirSync(dir).sort()) {
      if (!/\.(ya?ml|json)$/.test(name)) continue;
      const file = path.join(dir, name);
      const text = readFileSync(file, 'utf8');
      const parsed = parsePolicy(name.endsWith('.json') ? JSON.parse(text) : parseYaml(text));
      if (!parsed.ok) {
        throw new Error(`${file}: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
      }
      policies.push(parsed.policy);
    }
    return new PolicyBook(policies);
  }
}
