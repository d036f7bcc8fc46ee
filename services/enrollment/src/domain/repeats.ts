/** Lists of codes compared as sets: `[POOR, MARGINAL]` and `[MARGINAL, POOR]` say the same. */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
