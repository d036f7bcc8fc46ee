import { YUAN_PATTERN } from '@aid/money';
import { isRecord, type Checker } from './check';

/**
 * The fields of a public event, described once: the topic edge checks data with them and the
 * JSON Schemas agencies code against are generated from them, so the two cannot disagree.
 */
export type Field =
  | { kind: 'id' }
  | { kind: 'text'; max: number }
  | { kind: 'date' }
  | { kind: 'month' }
  | { kind: 'yuan' }
  | { kind: 'boolean' }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'oneOf'; values: readonly string[] }
  | { kind: 'exactly'; value: string }
  | { kind: 'listOf'; values: readonly string[] }
  | { kind: 'object'; fields: Fields }
  /** Exactly these objects, in this order. */
  | { kind: 'sequence'; items: readonly Fields[]; hint: string };

export type Fields = Readonly<Record<string, Field>>;

const ID_PATTERN = '^[A-Za-z0-9._:-]+$';
const ID_MAX = 64;
const MONTH_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])$';
const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

export const field = {
  id: { kind: 'id' },
  date: { kind: 'date' },
  month: { kind: 'month' },
  yuan: { kind: 'yuan' },
  boolean: { kind: 'boolean' },
  text: (max: number): Field => ({ kind: 'text', max }),
  integer: (min: number, max: number): Field => ({ kind: 'integer', min, max }),
  oneOf: (values: readonly string[]): Field => ({ kind: 'oneOf', values }),
  exactly: (value: string): Field => ({ kind: 'exactly', value }),
  listOf: (values: readonly string[]): Field => ({ kind: 'listOf', values }),
  object: (fields: Fields): Field => ({ kind: 'object', fields }),
  sequence: (items: readonly Fields[], hint: string): Field => ({ kind: 'sequence', items, hint }),
} as const satisfies Record<string, Field | ((...args: never[]) => Field)>;

/** Checks `data` against `fields`, each problem named under the checker's prefix. */
export function checkFields(c: Checker, fields: Fields, data: Record<string, unknown>): void {
  for (const [name, f] of Object.entries(fields)) {
    switch (f.kind) {
      case 'id':
        c.string(data, name, {
          max: ID_MAX,
          pattern: new RegExp(ID_PATTERN),
          hint: 'must be an id of letters, digits, . _ : -',
        });
        break;
      case 'text':
        c.string(data, name, { max: f.max });
        break;
      case 'date':
        c.date(data, name);
        break;
      case 'month':
        c.string(data, name, { pattern: new RegExp(MONTH_PATTERN), hint: 'must be YYYY-MM' });
        break;
      case 'yuan':
        c.yuan(data, name);
        break;
      case 'boolean':
        c.boolean(data, name);
        break;
      case 'integer':
        c.integer(data, name, f.min, f.max);
        break;
      case 'oneOf':
        c.oneOf(data, name, f.values);
        break;
      case 'exactly':
        c.oneOf(data, name, [f.value]);
        break;
      case 'listOf':
        c.listOf(data, name, f.values);
        break;
      case 'object': {
        const inner = c.object(data, name);
        if (isRecord(data[name])) nestedCheck(c, name, f.fields, inner);
        break;
      }
      case 'sequence': {
        const items = data[name];
        if (!Array.isArray(items) || items.length !== f.items.length) {
          c.fail(name, f.hint);
          break;
        }
        items.forEach((item, i) => {
          if (isRecord(item)) nestedCheck(c, `${name}[${i}]`, f.items[i], item);
          else c.fail(`${name}[${i}]`, 'must be an object');
        });
        break;
      }
      default:
        unreachable(f);
    }
  }
}

function nestedCheck(c: Checker, name: string, fields: Fields, data: Record<string, unknown>): void {
  const inner = c.nested(name);
  checkFields(inner, fields, data);
  c.problems.push(...inner.problems);
}

export type JsonSchema = { [key: string]: unknown };

/** The JSON Schema (draft 2020-12 vocabulary) of an object with `fields`, all of them required. */
export function objectSchema(fields: Fields): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, fieldSchema(f)])),
    required: Object.keys(fields),
  };
}

function fieldSchema(f: Field): JsonSchema {
  switch (f.kind) {
    case 'id':
      return { type: 'string', minLength: 1, maxLength: ID_MAX, pattern: ID_PATTERN };
    case 'text':
      // Not blank: at least one character that is not white space.
      return { type: 'string', maxLength: f.max, pattern: '\\S' };
    case 'date':
      return { type: 'string', format: 'date', pattern: DATE_PATTERN };
    case 'month':
      return { type: 'string', pattern: MONTH_PATTERN };
    case 'yuan':
      return { type: 'string', pattern: YUAN_PATTERN, description: 'yuan as a decimal string, e.g. "8500.00"' };
    case 'boolean':
      return { type: 'boolean' };
    case 'integer':
      return { type: 'integer', minimum: f.min, maximum: f.max };
    case 'oneOf':
      return { enum: [...f.values] };
    case 'exactly':
      return { const: f.value };
    case 'listOf':
      return { type: 'array', items: { enum: [...f.values] }, uniqueItems: true };
    case 'object':
      return objectSchema(f.fields);
    case 'sequence':
      return {
        type: 'array',
        prefixItems: f.items.map(objectSchema),
        minItems: f.items.length,
        maxItems: f.items.length,
      };
    default:
      return unreachable(f);
  }
}

function unreachable(value: never): never {
  throw new Error(`unexpected field ${JSON.stringify(value)}`);
}
