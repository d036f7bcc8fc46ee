import type { JsonSchema } from './fields';
import { contractSchemas, type ContractTopic } from './registry';

/*
 * Malformed public events, generated from the contracts' own schemas: the bad-input corpus of
 * the topic edge. Consumers' tests feed them to their consumers; the contract's unit test
 * feeds them to parseContractEvent. Each case is a valid event with one field wrong.
 */
type Json = unknown;

export function sample(s: JsonSchema): Json {
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  switch (s.type) {
    case 'object': {
      const props = s.properties as Record<string, JsonSchema>;
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, sample(v)]));
    }
    case 'array':
      return Array.isArray(s.prefixItems)
        ? (s.prefixItems as JsonSchema[]).map(sample)
        : [sample(s.items as JsonSchema)];
    case 'integer':
      return s.minimum;
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'date') return '2019-03-01';
      if (String(s.pattern).includes('(0[1-9]|1[0-2])')) return '2019-02';
      if (s.description && String(s.description).startsWith('yuan')) return '12.00';
      if (s.pattern === '\\S') return '甲';
      return 'x-1';
    default:
      throw new Error(`no sample for ${JSON.stringify(s)}`);
  }
}

const CONTROL = ['\u0000', 'a\u0000b', '\u0001', 'a\nb', '\u007f', '\u0085', '\ud800'];
const WRONG_TYPES = [null, 0, 1.5, true, [], {}, '', ' '];

/** Values wrong for a field of this schema. */
function badValues(s: JsonSchema): Json[] {
  if ('const' in s) return [...WRONG_TYPES, `${String(s.const)}x`];
  if (Array.isArray(s.enum)) return [...WRONG_TYPES, ...CONTROL, 'NOT-ONE-OF-THEM', String(s.enum[0]).toLowerCase()];
  switch (s.type) {
    case 'object':
      return [null, 0, 'x', [], true];
    case 'array':
      return Array.isArray(s.prefixItems) ? [null, 0, 'x', {}, []] : [null, 0, 'x', {}, [null], ['NOT-ONE-OF-THEM']];
    case 'integer':
      return [null, '2019', 1.5, true, [], (s.minimum as number) - 1, (s.maximum as number) + 1];
    case 'boolean':
      return [null, 'true', 1, 0, []];
    case 'string':
      if (s.format === 'date') return [...WRONG_TYPES, ...CONTROL, '2019-02-30', '2019-13-01', '2019-1-1', '20190301'];
      if (s.description && String(s.description).startsWith('yuan'))
        return [...WRONG_TYPES, ...CONTROL, 12, '-1', '1.001', '1e3', '1000000000.01'];
      if (s.pattern === '\\S') return [...WRONG_TYPES, ...CONTROL, 'x'.repeat(10_000)];
      if (String(s.pattern).includes('(0[1-9]|1[0-2])')) return [...WRONG_TYPES, ...CONTROL, '2019-13', '2019-2'];
      return [...WRONG_TYPES, ...CONTROL, 'a b', 'a/b', 'é', 'x'.repeat(65)];
    default:
      throw new Error(`no bad values for ${JSON.stringify(s)}`);
  }
}

/** Every field path of an object schema, nested ones included, with its schema. */
function fieldPaths(s: JsonSchema, prefix = ''): [string, JsonSchema][] {
  const out: [string, JsonSchema][] = [];
  for (const [k, v] of Object.entries(s.properties as Record<string, JsonSchema>)) {
    const path = prefix ? `${prefix}.${k}` : k;
    out.push([path, v]);
    if (v.type === 'object') out.push(...fieldPaths(v, path));
    if (Array.isArray(v.prefixItems))
      (v.prefixItems as JsonSchema[]).forEach((item, i) => out.push(...fieldPaths(item, `${path}[${i}]`)));
  }
  return out;
}

function withValue(data: Json, path: string, value: Json | typeof REMOVE): Json {
  const copy = JSON.parse(JSON.stringify(data));
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  let at = copy;
  for (const k of keys.slice(0, -1)) at = at[k];
  const last = keys[keys.length - 1];
  if (value === REMOVE) delete at[last];
  else at[last] = value;
  return copy;
}
const REMOVE = Symbol('remove');

export interface MalformedEvent {
  topic: ContractTopic;
  type: string;
  /** The field that is wrong, as the contract names it under `data.`. */
  path: string;
  label: string;
  data: unknown;
}

const topicOf = (path: string): ContractTopic => path.split('/')[0] as ContractTopic;
const typeOf = (path: string): string => path.split('/')[1].split('.v')[0];

/** Every public event type with a valid example built from its schema. */
export function contractExamples(): { topic: ContractTopic; type: string; schema: JsonSchema; data: unknown }[] {
  return contractSchemas().map((c) => ({
    topic: topicOf(c.path),
    type: typeOf(c.path),
    schema: c.schema,
    data: sample(c.schema),
  }));
}

/** Every field of every public event (of `topic`, if given), missing and wrong in each way. */
export function malformedEvents(topic?: ContractTopic): MalformedEvent[] {
  return contractExamples()
    .filter((c) => topic === undefined || c.topic === topic)
    .flatMap(({ topic: t, type, schema, data }) =>
      fieldPaths(schema).flatMap(([path, s]) => [
        { topic: t, type, path, label: 'missing', data: withValue(data, path, REMOVE) },
        ...badValues(s).map((value) => ({
          topic: t,
          type,
          path,
          label: JSON.stringify(value)?.slice(0, 30) ?? String(value),
          data: withValue(data, path, value),
        })),
      ]),
    );
}
