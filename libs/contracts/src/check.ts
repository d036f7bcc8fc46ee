import { parseYuan, type Fen } from '@aid/money';

/**
 * Small field checkers shared by the topic edge (contract validation) and the HTTP edge.
 * Each returns problems as `field: why`, so a caller can name every bad field at once.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

export class Checker {
  readonly problems: FieldProblem[] = [];

  constructor(private readonly prefix = '') {}

  private at(field: string): string {
    return this.prefix ? `${this.prefix}.${field}` : field;
  }

  /** A checker for an object inside this one, naming its fields under `field`. */
  nested(field: string): Checker {
    return new Checker(this.at(field));
  }

  fail(field: string, message: string): void {
    this.problems.push({ field: this.at(field), message });
  }

  string(obj: Record<string, unknown>, field: string, opts: { max?: number; pattern?: RegExp; hint?: string } = {}): string {
    const v = obj[field];
    if (typeof v !== 'string' || v.trim() === '') {
      this.fail(field, 'is required and must be a non-empty string');
      return '';
    }
    if (opts.max !== undefined && v.length > opts.max) this.fail(field, `must be at most ${opts.max} characters`);
    if (opts.pattern && !opts.pattern.test(v)) this.fail(field, opts.hint ?? `must match ${opts.pattern}`);
    return v;
  }

  boolean(obj: Record<string, unknown>, field: string): boolean {
    const v = obj[field];
    if (typeof v !== 'boolean') {
      this.fail(field, 'is required and must be true or false');
      return false;
    }
    return v;
  }

  integer(obj: Record<string, unknown>, field: string, min: number, max: number): number {
    const v = obj[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.fail(field, `must be a whole number from ${min} to ${max}`);
      return min;
    }
    return v;
  }

  oneOf<T extends string>(obj: Record<string, unknown>, field: string, allowed: readonly T[]): T {
    const v = obj[field];
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      this.fail(field, `must be one of ${allowed.join(', ')}`);
      return allowed[0];
    }
    return v as T;
  }

  listOf<T extends string>(obj: Record<string, unknown>, field: string, allowed: readonly T[]): T[] {
    const v = obj[field];
    if (!Array.isArray(v)) {
      this.fail(field, `must be a list of ${allowed.join(', ')}`);
      return [];
    }
    v.forEach((item, i) => {
      if (typeof item !== 'string' || !(allowed as readonly string[]).includes(item)) {
        this.fail(`${field}[${i}]`, `must be one of ${allowed.join(', ')}`);
      }
    });
    if (new Set(v).size !== v.length) this.fail(field, 'must not repeat a value');
    return v as T[];
  }

  date(obj: Record<string, unknown>, field: string): string {
    const v = obj[field];
    if (typeof v !== 'string' || !isCalendarDate(v)) {
      this.fail(field, 'must be a calendar date YYYY-MM-DD');
      return '';
    }
    return v;
  }

  /** Yuan as a decimal string, read by the one money codec; its reason for a refusal goes under the field. */
  yuan(obj: Record<string, unknown>, field: string): Fen {
    const parsed = parseYuan(obj[field]);
    if (!parsed.ok) {
      this.fail(field, parsed.reason);
      return 0;
    }
    return parsed.value;
  }

  object(obj: Record<string, unknown>, field: string): Record<string, unknown> {
    const v = obj[field];
    if (!isRecord(v)) {
      this.fail(field, 'is required and must be an object');
      return {};
    }
    return v;
  }

  /** Refuses fields nobody defined, so a misspelt one is not silently dropped. */
  noOtherFields(obj: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(obj)) if (!known.includes(key)) this.fail(key, 'is not a known field');
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isCalendarDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[mo - 1];
}
