import type { SourceFile } from './repository';

/**
 * Signs of a second yuan↔fen codec: every conversion belongs to `@aid/money` (libs/money,
 * ADR 0006). Each rule looks at one line; those that would also fire on ordinary
 * arithmetic or formatting fire only on a line that speaks of money.
 */
const MONEY_WORD = /yuan|cents|amount|cost|premium|subsid|\bfen|fen\b/i;

interface Rule {
  name: string;
  why: string;
  pattern: RegExp;
  onlyNextToMoney?: boolean;
}

export const MONEY_RULES: readonly Rule[] = [
  {
    name: 'two-decimals-pattern',
    why: 'a grammar of yuan amounts of its own (use YUAN_PATTERN, parseYuan or yuanToFen)',
    // An escaped dot or `[.]`, maybe a group's opening, then an escaped d or `[0-9]` taken one
    // or two times: in a regex or a string.
    pattern: /(?:\\{1,2}\.|\[\.\])(?:\((?:\?:)?)?(?:\\{1,2}d|\[0-9\])\{(?:1,)?2\}/,
  },
  {
    name: 'hundred',
    why: 'scaling by 100 between yuan and fen (use yuanToFen / formatYuan, or sqlYuanToFen in SQL)',
    pattern: /[*/%]\s*100n?\b(?![\d_.])|\b100n?\s*\*|\b100n\b/,
    onlyNextToMoney: true,
  },
  {
    name: 'drop-the-dot',
    why: 'reading an amount by removing its decimal point',
    pattern: /\.replace(?:All)?\(\s*(?:'\.'|"\."|\/\\\.\/g?)/,
  },
  { name: 'pad-cents', why: 'padding decimals into fen', pattern: /\.padEnd\(\s*2\b/ },
  {
    name: 'bigint-money',
    why: 'money as bigint (fen is a number: `Fen`, bounded by MAX_AMOUNT_FEN)',
    pattern: /\bBigInt\(|\b\d+n\b/,
    onlyNextToMoney: true,
  },
  { name: 'float', why: 'floating point on money (parseFloat)', pattern: /\bparseFloat\(|Number\.parseFloat\(/ },
  {
    name: 'float-format',
    why: 'floating point on money (toFixed, Math.round, Number on an amount)',
    pattern: /\.toFixed\(|\bMath\.round\(|\bNumber\(/,
    onlyNextToMoney: true,
  },
  {
    name: 'own-codec-function',
    why: 'a conversion function of its own (import it from @aid/money)',
    pattern:
      /\b(?:function\s+|(?:const|let|var)\s+)(?:fen|toFen|fenOf|yuanToFen|fenToYuan|toYuan|parseYuan|tryParseYuan|formatYuan|parseFen|yuanText)\s*(?:=\s*(?:async\s*)?(?:\([^)]*\)|\w+)\s*(?::[^=]+)?=>|\()/,
  },
];

export interface MoneyFinding {
  at: string;
  rule: string;
  line: string;
}

/** The lines of `file` that look like a second yuan↔fen conversion, with the rule each breaks. */
export function moneyFindings(file: SourceFile): MoneyFinding[] {
  return file.text.split('\n').flatMap((line, i) =>
    MONEY_RULES.filter((r) => r.pattern.test(line) && (!r.onlyNextToMoney || MONEY_WORD.test(line))).map((r) => ({
      at: `${file.path}:${i + 1}`,
      rule: r.name,
      line: line.trim(),
    })),
  );
}

/** TypeScript and JavaScript sources, tests included; the codec itself is the one exception. */
export const isScannedForMoney = (file: SourceFile): boolean =>
  /\.(ts|mjs|cjs|js)$/.test(file.path) && !file.path.startsWith('libs/money/');

/**
 * Conversions allowed outside the codec, each for a reason. An entry that no longer matches
 * anything fails the check, so the list cannot outlive its reasons.
 */
export const MONEY_ALLOWED: readonly { path: string; rule: string; why: string }[] = [
  {
    path: 'tools/aid/src/settle/fast-bill.ts',
    rule: 'hundred',
    why: "the command's byte-level bill decoder (a fifth of its time): property-tested equal to parseBill, hence to parseYuan",
  },
  {
    path: 'tools/aid/src/settle/output.ts',
    rule: 'hundred',
    why: "the command's digit writer into its output buffer: property-tested equal to formatYuan",
  },
];
