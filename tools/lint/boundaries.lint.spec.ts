import { execFileSync } from 'node:child_process';
import path from 'node:path';

// The architecture rules live in eslint.config.js; these fixtures break each one on
// purpose, so that a rule that stops biting fails this test rather than passing in silence.
const root = path.resolve(__dirname, '..', '..');

// ESLint loads its flat config through import(), which Jest's module system cannot do:
// run the real command instead, with the fixture on standard input.
async function lint(filePath: string, code: string): Promise<string[]> {
  const bin = path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
  let out: string;
  try {
    out = execFileSync(process.execPath, [bin, '--format', 'json', '--stdin', '--stdin-filename', filePath], {
      cwd: root,
      input: code,
      env: { ...process.env, NX_DAEMON: 'false' },
    }).toString();
  } catch (err) {
    // ESLint exits 1 when it found problems; its report is still on stdout.
    out = (err as { stdout: Buffer }).stdout.toString();
  }
  // The Nx rule reads only a cached project graph, and says on stdout when it has none and
  // skips itself: a skipped rule must fail this test, not pass it in silence.
  if (out.includes('No cached ProjectGraph'))
    throw new Error('@nx/enforce-module-boundaries was skipped: no project graph');
  const [result] = JSON.parse(out) as { messages: { ruleId: string | null; message: string }[] }[];
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

beforeAll(() => {
  // Writes the project graph that the Nx boundary rule reads (as `npm run lint` does).
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), 'show', 'projects'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false' },
    stdio: 'ignore',
  });
}, 120_000);

describe('architecture rules', () => {
  it('refuse a framework import inside a service domain folder', async () => {
    const messages = await lint(
      'services/claims/src/settle-bill/domain/bad-decider.ts',
      "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
    );
    expect(messages).toEqual([expect.stringContaining('no-restricted-imports: ')]);
    expect(messages[0]).toContain('domain code is pure');
  });

  it('refuse a database import in the pure settlement library', async () => {
    const messages = await lint('libs/settlement/src/bad.ts', "import { Pool } from 'pg';\nexport const p = Pool;\n");
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('refuse the root entry of the event store (it loads pg) inside a domain folder', async () => {
    const messages = await lint(
      'services/claims/src/settle-bill/domain/uses-store.ts',
      "import { assertNever } from '@aid/event-store';\nexport const f = assertNever;\n",
    );
    expect(messages).toEqual([expect.stringContaining('@aid/event-store/decider')]);
  });

  it('refuse reading the clock inside a decider', async () => {
    const messages = await lint(
      'services/claims/src/settle-bill/domain/clock.ts',
      'export const decidedAt = () => new Date();\n',
    );
    expect(messages).toEqual([expect.stringContaining('time comes from the command')]);
  });

  it('let the same imports stand at the edges', async () => {
    const messages = await lint(
      'services/claims/src/settle-bill/settle-bill.controller.ts',
      "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
    );
    expect(messages).toEqual([]);
  });
});
