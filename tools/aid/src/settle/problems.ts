/** One problem with the input, as the command reports it. */
export interface Problem {
  readonly file: string;
  /** 1-based; absent when the problem concerns no line (an unreadable file). */
  readonly line?: number;
  /** The field or key path, e.g. `eligibleCost` or `layers.criticalIllness.tiers[1].upTo`. */
  readonly field: string;
  readonly message: string;
}

/** `claims.jsonl:3: eligibleCost: has more than two decimals` (the value is not repeated) */
export function problemLine({ file, line, field, message }: Problem): string {
  return `${file}${line === undefined ? '' : `:${line}`}: ${field}: ${message}\n`;
}
