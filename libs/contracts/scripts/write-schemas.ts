import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { contractSchemas } from '../src/registry';

/**
 * Writes the JSON Schemas of the public events to libs/contracts/schemas/ from the registry,
 * replacing what is there: `npx nx run contracts:schemas` after changing a contract.
 * libs/contracts/src/schemas.int.spec.ts fails while the committed files lag behind.
 */
const dir = path.resolve(process.argv[2] ?? path.join(process.cwd(), 'libs', 'contracts', 'schemas'));
rmSync(dir, { recursive: true, force: true });
for (const { path: file, text } of contractSchemas()) {
  const target = path.join(dir, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
}
