export const SETTLE_USAGE = `Usage: aid settle --policy FILE [--policy FILE ...] --claims FILE.jsonl

Settles every bill of FILE.jsonl (one JSON object per line) through the five layers of the
policy for its service year, in file order, carrying each member's annual totals from bill
to bill, and prints one JSON object per bill in the same order:
  {"claimId","basicMedical","criticalIllness","supplementary","medicalAssistance","backstop","outOfPocket"}
with amounts in yuan with two decimals.

Options:
  --policy FILE   a policy file (YAML or JSON) of one region and year; repeat it for
                  other years of the same region
  --claims FILE   the bills, JSON Lines
  -h, --help      this text

Exit status: 0 when every bill was settled; 2 on bad input or usage, in which case
nothing is printed on standard output and every problem goes to standard error with
its file, line and field.
`;

export type SettleArgs =
  | { readonly kind: 'run'; readonly policies: readonly string[]; readonly claims: string }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string };

/** `--policy FILE` (repeatable), `--claims FILE`, also as `--name=FILE`; `--help`. */
export function parseSettleArgs(args: readonly string[]): SettleArgs {
  const policies: string[] = [];
  let claims: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    const match = /^(--[a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match) return usageError(`unexpected argument "${arg}"`);
    const [, name, inline] = match;
    if (name !== '--policy' && name !== '--claims') return usageError(`unknown option ${name}`);
    const value = inline ?? args[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
      return usageError(`${name} needs a file name`);
    }
    if (name === '--policy') policies.push(value);
    else if (claims !== undefined) return usageError('--claims given twice; settle one file of bills at a time');
    else claims = value;
  }
  if (policies.length === 0) return usageError('no --policy given');
  if (claims === undefined) return usageError('no --claims given');
  return { kind: 'run', policies, claims };
}

function usageError(message: string): SettleArgs {
  return { kind: 'usage-error', message };
}
