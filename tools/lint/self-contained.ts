import { existsSync } from 'node:fs';
import path from 'node:path';
import { root, type SourceFile } from './repository';

/**
 * The repository stands on its own: no file may reach outside it, neither by a relative
 * path that climbs out of it (or names something it does not hold) nor by an absolute path
 * of some machine. Absolute paths inside containers (Dockerfile, docker-compose.yml) name
 * the image's file system and are not looked for: only host folders are.
 */
const HOST_PATH = /(?<![\w.~/-])\/(?:work|home|Users|root|mnt|media)\/|\b[A-Za-z]:\\\\?Users\\/;

// A relative path written out: `..` segments, then the rest up to where a path in code, prose or a link ends.
const RELATIVE_PATH = /(?<![\w.])(?:\.\.\/)+[^\s'"`)\]>,;:*${}#?|]*/g;

// A path.resolve or path.join call: what it starts from, and the `..` segments that follow.
const CLIMB =
  /path\.(?:resolve|join)\(\s*(__dirname|path\.dirname\(fileURLToPath\(import\.meta\.url\)\)|[\w.]+)\s*((?:,\s*['"]\.\.['"]\s*)+)/g;

const SUFFIXES = ['', '.ts', '.js', '.mjs', '.cjs', '.json', '.md', '/index.ts'];

function inside(target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Every reference in `file` that leaves the repository or names nothing in it. */
export function outsideReferences(file: SourceFile, exists: (p: string) => boolean = existsSync): string[] {
  const dir = path.join(root, path.dirname(file.path));
  // Compiled sources run from dist/, one folder deeper than they are written.
  const compiled = file.path.endsWith('.ts') && !file.path.endsWith('.spec.ts');
  const depth = path.dirname(file.path) === '.' ? 0 : path.dirname(file.path).split('/').length;
  const problems: string[] = [];
  file.text.split('\n').forEach((line, i) => {
    const at = `${file.path}:${i + 1}`;
    if (HOST_PATH.test(line)) problems.push(`${at}: an absolute path of a machine: ${line.trim()}`);
    for (const [ref] of line.matchAll(RELATIVE_PATH)) {
      const target = path.resolve(dir, ref);
      if (!inside(target)) problems.push(`${at}: ${ref} climbs out of the repository`);
      else if (!SUFFIXES.some((s) => exists(target.replace(/\/$/, '') + s)))
        problems.push(`${at}: ${ref} names nothing in the repository`);
    }
    for (const [, base, climbs] of line.matchAll(CLIMB)) {
      const count = climbs.split('..').length - 1;
      const fromOwnFolder = base === '__dirname' || base.startsWith('path.dirname(');
      if (!fromOwnFolder || count > depth + (compiled ? 1 : 0))
        problems.push(`${at}: ${count} × '..' from ${base} climbs out of the repository`);
    }
  });
  return problems;
}
