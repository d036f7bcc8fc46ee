import type { EventEnvelope } from './envelope';
import type { JsonSchema } from './fields';
import { contractSchemas, parseContractEvent, schemaVersionOf, TOPIC_NAMES, type ContractTopic } from './registry';

/**
 * The topic half of the bad-input corpus, at the one place every consumer parses messages
 * (claims reads aid.enrollment.v1, payout reads aid.claims.v1): for every public event, a
 * valid message built from its own schema, then each field wrong in each way. Every bad one
 * is refused (a consumer dead-letters it) with the field named; none is ignored as unknown.
 */
type Json = unknown;

function sample(s: JsonSchema): Json {
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

function envelope(type: string, schemaVersion: number, data: Json): EventEnvelope {
  return {
    eventId: '00000000-0000-4000-8000-000000000001',
    type,
    schemaVersion,
    streamId: 's-1',
    streamVersion: 1,
    globalPosition: '1',
    partitionKey: 'p-1',
    correlationId: 'c-1',
    causationId: null,
    occurredAt: '2019-03-01T00:00:00.000Z',
    data,
  } as EventEnvelope;
}

const topicOf = (path: string): ContractTopic => path.split('/')[0] as ContractTopic;
const typeOf = (path: string): string => path.split('/')[1].split('.v')[0];

const contracts = contractSchemas().map((c) => ({ topic: topicOf(c.path), type: typeOf(c.path), schema: c.schema }));
const cases = contracts.flatMap(({ topic, type, schema }) => {
  const valid = sample(schema);
  return fieldPaths(schema).flatMap(([path, s]) => [
    { topic, type, valid, path, value: REMOVE as Json | typeof REMOVE, label: 'missing' },
    ...badValues(s).map((value) => ({ topic, type, valid, path, value, label: JSON.stringify(value)?.slice(0, 30) })),
  ]);
});

describe('the topic corpus: malformed public events', () => {
  it('covers every event type of the consumed topics, hundreds of cases', () => {
    const types = new Set(contracts.map((c) => `${c.topic} ${c.type}`));
    expect(contracts.some((c) => c.topic === TOPIC_NAMES.enrollment)).toBe(true);
    expect(contracts.some((c) => c.topic === TOPIC_NAMES.claims)).toBe(true);
    expect(types.size).toBe(contracts.length);
    expect(cases.length).toBeGreaterThan(500);
  });

  it.each(contracts.map((c) => [c.topic, c.type, c]))('a valid %s %s, built from its schema, parses', (_t, _e, c) => {
    const parsed = parseContractEvent(c.topic, envelope(c.type, schemaVersionOf(c.topic, c.type)!, sample(c.schema)));
    expect(parsed).toMatchObject({ ok: true });
  });

  it('refuses every bad field with the field named, never as an unknown type', () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const data = withValue(c.valid, c.path, c.value);
      const parsed = parseContractEvent(c.topic, envelope(c.type, schemaVersionOf(c.topic, c.type)!, data));
      const named =
        !parsed.ok &&
        !parsed.ignored &&
        parsed.problems.some((p) => p.field === `data.${c.path}` || p.field.startsWith(`data.${c.path}`));
      if (!named) wrong.push(`${c.topic} ${c.type} ${c.path}=${c.label}: ${JSON.stringify(parsed).slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses data that is not an object, naming data', () => {
    for (const { topic, type } of contracts) {
      for (const data of [null, 'x', 1, [], true]) {
        const parsed = parseContractEvent(topic, envelope(type, schemaVersionOf(topic, type)!, data));
        expect(parsed).toMatchObject({ ok: false, ignored: false, problems: [{ field: 'data' }] });
      }
    }
  });
});
