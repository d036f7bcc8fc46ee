import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The checks of this folder read the repository's own files; they run in the lint tier. */
export const root = path.resolve(__dirname, '..', '..');

// What the build, the installer and the tools make, never what the repository holds.
const NOT_SOURCES = new Set(['.git', 'node_modules', 'dist', '.tmp', '.nx', 'coverage', 'bench-results']);
const NOT_SOURCE_PATHS = new Set(['infra/kafka/lib']);
const BINARY = /\.(png|jpe?g|gif|ico|jar|gz|zip|pdf)$/i;

/** A file of the repository, path relative to its root with `/` separators, and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** Every text file of the repository, whether committed yet or not (generated folders aside). */
export function repositoryFiles(): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (NOT_SOURCES.has(entry.name) || NOT_SOURCE_PATHS.has(rel)) continue;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile() && !BINARY.test(entry.name) && !entry.name.endsWith('.log'))
        files.push({ path: rel, text: readFileSync(path.join(root, rel), 'utf8') });
    }
  };
  walk('');
  return files;
}

/** A fixture of this folder, read as if it were the file at `as` (fixtures are .txt so nothing else builds them). */
export function fixture(name: string, as: string): SourceFile {
  return { path: as, text: readFileSync(path.join(__dirname, 'fixtures', name), 'utf8') };
}

/** The fixtures break the rules on purpose: the checks read them only when told to. */
export const isFixture = (file: SourceFile): boolean => file.path.startsWith('tools/lint/fixtures/');

/** `path:line: text` for each line of `file` that `test` finds fault with. */
export function offendingLines(file: SourceFile, test: (line: string) => boolean): string[] {
  return file.text.split('\n').flatMap((line, i) => (test(line) ? [`${file.path}:${i + 1}: ${line.trim()}`] : []));
}
