import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { contractSchemas } from './registry';

const dir = path.resolve(__dirname, '..', 'schemas');

function committed(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? committed(path.join(folder, e.name)) : [path.relative(dir, path.join(folder, e.name))],
  );
}

describe('the committed JSON Schemas (libs/contracts/schemas/)', () => {
  it('are exactly what the registry generates: run `npx nx run contracts:schemas` after changing a contract', () => {
    const generated = contractSchemas();
    expect(committed(dir).sort()).toEqual(generated.map((s) => s.path).sort());
    for (const { path: file, text } of generated)
      expect({ file, text: readFileSync(path.join(dir, file), 'utf8') }).toEqual({ file, text });
  });
});
