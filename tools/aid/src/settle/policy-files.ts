import { readFileSync } from 'node:fs';
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { parsePolicy, type PathSegment, type Policy } from '@aid/settlement';
import type { Problem } from './problems';

export interface LoadedPolicies {
  /** Policies by service year; complete only when `problems` is empty. */
  readonly byYear: ReadonlyMap<number, Policy>;
  readonly problems: readonly Problem[];
}

/**
 * Reads and validates every policy file (YAML or JSON: JSON is read as YAML), then checks
 * that together they are one region with one policy per year. Every problem found is
 * returned, with the line of the key it concerns.
 */
export function loadPolicies(files: readonly string[]): LoadedPolicies {
  const problems: Problem[] = [];
  const loaded: LoadedPolicy[] = [];
  for (const file of files) {
    const result = loadPolicy(file);
    if (result.ok) loaded.push(result.loaded);
    else problems.push(...result.problems);
  }

  const byYear = new Map<number, LoadedPolicy>();
  const first = loaded[0];
  for (const entry of loaded) {
    const { file, policy, lineOf } = entry;
    if (policy.region !== first.policy.region) {
      problems.push({
        file,
        line: lineOf(['region']),
        field: 'region',
        message: `"${policy.region}" is not the region of ${first.file} ("${first.policy.region}"); settle one region at a time`,
      });
    }
    const sameYear = byYear.get(policy.year);
    if (sameYear) {
      problems.push({
        file,
        line: lineOf(['year']),
        field: 'year',
        message: `${policy.year} is already the year of ${sameYear.file}; give one policy per year`,
      });
    } else {
      byYear.set(policy.year, entry);
    }
  }
  return { byYear: new Map([...byYear].map(([year, e]) => [year, e.policy])), problems };
}

interface LoadedPolicy {
  readonly file: string;
  readonly policy: Policy;
  /** The line of a key path in the file. */
  readonly lineOf: (path: readonly PathSegment[]) => number | undefined;
}

type LoadResult = { ok: true; loaded: LoadedPolicy } | { ok: false; problems: Problem[] };

function loadPolicy(file: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return {
      ok: false,
      problems: [{ file, field: '(file)', message: `cannot read the policy file: ${(err as Error).message}` }],
    };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        file,
        line: lineCounter.linePos(e.pos[0]).line,
        field: '(syntax)',
        message: `not valid YAML or JSON: ${e.message}`,
      })),
    };
  }
  const lineOf = (path: readonly PathSegment[]): number | undefined => {
    const offset = offsetOf(doc, path);
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  const parsed = parsePolicy(doc.toJS({ maxAliasCount: 1000 }));
  if (!parsed.ok) {
    const problems = parsed.errors.map((e) => ({ file, line: lineOf(e.segments), field: e.path, message: e.message }));
    return { ok: false, problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
  }
  return { ok: true, loaded: { file, policy: parsed.policy, lineOf } };
}

/**
 * Where a key path points in the source: the key itself when it exists (so an unknown key
 * is shown on its own line), else the deepest mapping or list on the way (a missing key is
 * shown where it should have been).
 */
function offsetOf(doc: Document, path: readonly PathSegment[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = isScalar(node) || isMap(node) || isSeq(node) ? node.range?.[0] : undefined;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      offset = isScalar(pair.key) ? pair.key.range?.[0] : offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (isScalar(node) || isMap(node) || isSeq(node)) offset = node.range?.[0] ?? offset;
      else break;
    } else {
      break;
    }
  }
  return offset;
}
