import { MAX_AMOUNT_FEN, type Fen } from '@aid/money';
import { CATEGORIES, isCalendarDay, type Bill, type Category } from '@aid/settlement';

/**
 * The fast path of `aid settle`: decodes one line straight from its bytes into a Bill,
 * without JSON.parse, without an intermediate object and with few allocations (dates and
 * category lists are shared). It only accepts what it is sure of: one flat JSON object with
 * each of the eleven fields exactly once, strings of printable ASCII without escapes, and
 * every value valid. Anything else, valid or not, gives `undefined`, and the caller decodes
 * the line the ordinary way (JSON.parse, then parseBill), which yields the same bill or names
 * the problems. So this function never decides that a line is wrong, and the tests check
 * that whatever it accepts equals what the ordinary way gives.
 */
export class FastBillDecoder {
  /** The line last decoded, and where its claim and member ids lie in it. */
  bytes: Buffer = Buffer.alloc(0);
  claimIdStart = 0;
  claimIdEnd = 0;
  memberIdStart = 0;
  memberIdEnd = 0;

  private at = 0;
  /** Reads stop here: what lies beyond belongs to the next line or is stale. */
  private end = 0;
  private readonly dates = new Map<number, string>();
  /** The field at each key position of the last line, -1 where unknown. */
  private readonly keyOrder = new Int8Array(FIELD_WORDS.length).fill(-1);

  decode(bytes: Buffer, start: number, end: number): Bill | undefined {
    this.bytes = bytes;
    this.at = start;
    this.end = end;
    let claimId: string | undefined;
    let memberId: string | undefined;
    let serviceDate: string | undefined;
    let visitType: Bill['visitType'] | undefined;
    let facilityLevel: Bill['facilityLevel'] | undefined;
    let inCounty: boolean | undefined;
    let totalCost = -1;
    let eligibleCost = -1;
    let categories: readonly Category[] | undefined;
    let insured: boolean | undefined;
    let majorDisease: boolean | undefined;
    let seen = 0;
    let position = 0;

    if (!this.skipSpaceThen(OPEN_BRACE)) return undefined;
    for (;;) {
      this.skipSpace();
      const field = this.key(position++);
      if (field < 0 || (seen & (1 << field)) !== 0) return undefined;
      seen |= 1 << field;
      if (!this.skipSpaceThen(COLON)) return undefined;
      this.skipSpace();
      switch (field) {
        case CLAIM_ID:
          this.claimIdStart = this.at + 1;
          claimId = this.text();
          this.claimIdEnd = this.at - 1;
          break;
        case MEMBER_ID:
          this.memberIdStart = this.at + 1;
          memberId = this.text();
          this.memberIdEnd = this.at - 1;
          break;
        case SERVICE_DATE:
          serviceDate = this.date();
          break;
        case VISIT_TYPE:
          visitType = VISIT_TYPE_VALUES[this.word(VISIT_TYPE_WORDS)];
          break;
        case FACILITY_LEVEL:
          facilityLevel = FACILITY_LEVEL_VALUES[this.word(FACILITY_LEVEL_WORDS)];
          break;
        case IN_COUNTY:
          inCounty = this.flag();
          break;
        case TOTAL_COST:
          totalCost = this.amount();
          break;
        case ELIGIBLE_COST:
          eligibleCost = this.amount();
          break;
        case CATEGORIES_FIELD:
          categories = this.categories();
          break;
        case INSURED:
          insured = this.flag();
          break;
        case MAJOR_DISEASE:
          majorDisease = this.flag();
          break;
      }
      if (this.skipSpaceThen(CLOSE_BRACE)) break;
      if (this.byte(this.at - 1) !== COMMA) return undefined;
    }
    this.skipSpace();
    if (this.at !== end || seen !== ALL_FIELDS) return undefined;
    if (
      claimId === undefined ||
      memberId === undefined ||
      serviceDate === undefined ||
      visitType === undefined ||
      facilityLevel === undefined ||
      inCounty === undefined ||
      totalCost < 0 ||
      eligibleCost < 0 ||
      eligibleCost > totalCost ||
      categories === undefined ||
      insured === undefined ||
      majorDisease === undefined
    ) {
      return undefined;
    }
    return {
      claimId,
      memberId,
      serviceDate,
      visitType,
      facilityLevel,
      inCounty,
      totalCost,
      eligibleCost,
      categories,
      insured,
      majorDisease,
    };
  }

  /** The byte at `at`, or -1 past the end of the line. */
  private byte(at: number): number {
    return at < this.end ? this.bytes[at] : -1;
  }

  private skipSpace(): void {
    let c = this.byte(this.at);
    // Most lines have no white space at all: anything above a space ends the loop at once.
    while (c <= SPACE && (c === SPACE || c === TAB || c === LF || c === CR)) c = this.byte(++this.at);
  }

  /** Skips white space and one byte, and tells whether that byte was `expected`. */
  private skipSpaceThen(expected: number): boolean {
    this.skipSpace();
    return this.byte(this.at++) === expected;
  }

  /** A quoted run of printable ASCII other than `"` and `\`; returns the position of the closing quote, or -1. */
  private quoted(): number {
    if (this.byte(this.at) !== QUOTE) return -1;
    for (let at = this.at + 1; at < this.end; at++) {
      const c = this.bytes[at];
      if (c === QUOTE) return at;
      if (c < 0x20 || c > 0x7e || c === BACKSLASH) return -1;
    }
    return -1;
  }

  /**
   * The number of the field a key names, or -1. Lines of one file mostly list their keys in
   * the same order, so the key the last line had at this position is tried first.
   */
  private key(position: number): number {
    const guess = this.keyOrder[position];
    if (guess >= 0 && this.quotedIs(FIELD_WORDS[guess])) return guess;
    const found = this.word(FIELD_WORDS);
    if (position < this.keyOrder.length) this.keyOrder[position] = found;
    return found;
  }

  /** Whether `"word"` comes next; if so, steps over it. */
  private quotedIs(word: Uint8Array): boolean {
    const at = this.at;
    if (this.byte(at) !== QUOTE || this.byte(at + word.length + 1) !== QUOTE) return false;
    for (let i = 0; i < word.length; i++) if (this.bytes[at + 1 + i] !== word[i]) return false;
    this.at = at + word.length + 2;
    return true;
  }

  /** A quoted string that is one of `words`: its index, or -1. */
  private word(words: readonly Uint8Array[]): number {
    const close = this.quoted();
    if (close < 0) return -1;
    const found = matchWord(this.bytes, this.at + 1, close, words);
    this.at = close + 1;
    return found;
  }

  private text(): string | undefined {
    const close = this.quoted();
    if (close <= this.at + 1) return undefined; // not a plain string, or empty
    const text = this.bytes.toString('latin1', this.at + 1, close);
    this.at = close + 1;
    return text;
  }

  private flag(): boolean | undefined {
    const at = this.at;
    if (
      this.byte(at) === 0x74 &&
      this.byte(at + 1) === 0x72 &&
      this.byte(at + 2) === 0x75 &&
      this.byte(at + 3) === 0x65
    ) {
      this.at = at + 4;
      return true;
    }
    if (
      this.byte(at) === 0x66 &&
      this.byte(at + 1) === 0x61 &&
      this.byte(at + 2) === 0x6c &&
      this.byte(at + 3) === 0x73 &&
      this.byte(at + 4) === 0x65
    ) {
      this.at = at + 5;
      return false;
    }
    return undefined;
  }

  /** `"digits[.d[d]]"` as fen, or -1: the grammar of @aid/money, property-tested equal to its parseYuan. */
  private amount(): Fen {
    const close = this.quoted();
    if (close < 0) return -1;
    const bytes = this.bytes;
    let at = this.at + 1;
    let whole = 0;
    let digits = 0;
    while (at < close && isDigit(bytes[at])) {
      whole = whole * 10 + (bytes[at++] - ZERO);
      if (++digits > 10) return -1;
    }
    if (digits === 0) return -1;
    // The codec's grammar: no leading zeros ("0.5" yes, "00.5" and "07" no).
    if (digits > 1 && bytes[this.at + 1] === ZERO) return -1;
    let fen = whole * 100;
    if (at < close) {
      if (bytes[at++] !== DOT) return -1;
      const decimals = close - at;
      if (decimals === 1 && isDigit(bytes[at])) fen += (bytes[at] - ZERO) * 10;
      else if (decimals === 2 && isDigit(bytes[at]) && isDigit(bytes[at + 1]))
        fen += (bytes[at] - ZERO) * 10 + (bytes[at + 1] - ZERO);
      else return -1;
    }
    if (fen > MAX_AMOUNT_FEN) return -1;
    this.at = close + 1;
    return fen;
  }

  /** `"YYYY-MM-DD"`, a real calendar date; one string per date, shared between bills. */
  private date(): string | undefined {
    const at = this.at;
    if (this.byte(at) !== QUOTE || this.byte(at + 11) !== QUOTE) return undefined;
    if (this.byte(at + 5) !== DASH || this.byte(at + 8) !== DASH) return undefined;
    const year = this.digits(at + 1, 4);
    const month = this.digits(at + 6, 2);
    const day = this.digits(at + 9, 2);
    if (year < 0 || month < 0 || day < 0 || !isCalendarDay(year, month, day)) return undefined;
    const key = year * 10000 + month * 100 + day;
    let date = this.dates.get(key);
    if (date === undefined) {
      date = this.bytes.toString('latin1', at + 1, at + 11);
      this.dates.set(key, date);
    }
    this.at = at + 12;
    return date;
  }

  private digits(at: number, count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) {
      const c = this.byte(at + i);
      if (!isDigit(c)) return -1;
      value = value * 10 + (c - ZERO);
    }
    return value;
  }

  /**
   * A list of known categories. The result is one of sixteen shared lists, in precedence
   * order: settlement looks only at which categories a member has, not at order or repeats.
   */
  private categories(): readonly Category[] | undefined {
    if (this.byte(this.at++) !== OPEN_BRACKET) return undefined;
    this.skipSpace();
    if (this.byte(this.at) === CLOSE_BRACKET) {
      this.at++;
      return CATEGORY_SETS[0];
    }
    let mask = 0;
    for (;;) {
      const found = this.word(CATEGORY_WORDS);
      if (found < 0) return undefined;
      mask |= 1 << found;
      if (this.skipSpaceThen(CLOSE_BRACKET)) return CATEGORY_SETS[mask];
      if (this.byte(this.at - 1) !== COMMA) return undefined;
      this.skipSpace();
    }
  }
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const DOT = 0x2e;
const DASH = 0x2d;
const ZERO = 0x30;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

// Field numbers follow BILL_FIELDS.
const CLAIM_ID = 0;
const MEMBER_ID = 1;
const SERVICE_DATE = 2;
const VISIT_TYPE = 3;
const FACILITY_LEVEL = 4;
const IN_COUNTY = 5;
const TOTAL_COST = 6;
const ELIGIBLE_COST = 7;
const CATEGORIES_FIELD = 8;
const INSURED = 9;
const MAJOR_DISEASE = 10;
const FIELD_WORDS = [
  'claimId',
  'memberId',
  'serviceDate',
  'visitType',
  'facilityLevel',
  'inCounty',
  'totalCost',
  'eligibleCost',
  'categories',
  'insured',
  'majorDisease',
].map(ascii);
const ALL_FIELDS = (1 << FIELD_WORDS.length) - 1;

const VISIT_TYPE_VALUES = ['INPATIENT', 'CHRONIC_OUTPATIENT'] as const;
const VISIT_TYPE_WORDS = VISIT_TYPE_VALUES.map(ascii);
const FACILITY_LEVEL_VALUES = ['PRIMARY', 'SECONDARY', 'TERTIARY'] as const;
const FACILITY_LEVEL_WORDS = FACILITY_LEVEL_VALUES.map(ascii);
const CATEGORY_WORDS = CATEGORIES.map(ascii);
/** Every subset of the categories by bit mask (bit i: CATEGORIES[i]), frozen so no bill can change another's. */
const CATEGORY_SETS: readonly (readonly Category[])[] = Array.from({ length: 1 << CATEGORIES.length }, (_, mask) =>
  Object.freeze(CATEGORIES.filter((_c, i) => (mask & (1 << i)) !== 0)),
);

function matchWord(bytes: Uint8Array, start: number, end: number, words: readonly Uint8Array[]): number {
  const length = end - start;
  next: for (let w = 0; w < words.length; w++) {
    const word = words[w];
    if (word.length !== length) continue;
    for (let i = 0; i < length; i++) if (bytes[start + i] !== word[i]) continue next;
    return w;
  }
  return -1;
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= ZERO + 9;
}
