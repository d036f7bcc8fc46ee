import type { EventEnvelope } from './envelope';
import { contractExamples, malformedEvents } from './malformed-events';
import { parseContractEvent, schemaVersionOf, TOPIC_NAMES } from './registry';

/**
 * The topic half of the bad-input corpus, at the one place every consumer parses messages
 * (claims reads aid.enrollment.v1, payout reads aid.claims.v1): for every public event, a
 * valid message built from its own schema, then each field wrong in each way. Every bad one
 * is refused (a consumer dead-letters it) with the field named; none is ignored as unknown.
 */
function envelope(type: string, schemaVersion: number, data: unknown): EventEnvelope {
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

const contracts = contractExamples();
const cases = malformedEvents();

describe('the topic corpus: malformed public events', () => {
  it('covers every event type of the consumed topics, hundreds of cases', () => {
    const types = new Set(contracts.map((c) => `${c.topic} ${c.type}`));
    expect(contracts.some((c) => c.topic === TOPIC_NAMES.enrollment)).toBe(true);
    expect(contracts.some((c) => c.topic === TOPIC_NAMES.claims)).toBe(true);
    expect(types.size).toBe(contracts.length);
    expect(cases.length).toBeGreaterThan(500);
  });

  it.each(contracts.map((c) => [c.topic, c.type, c]))('a valid %s %s, built from its schema, parses', (_t, _e, c) => {
    const parsed = parseContractEvent(c.topic, envelope(c.type, schemaVersionOf(c.topic, c.type)!, c.data));
    expect(parsed).toMatchObject({ ok: true });
  });

  it('refuses every bad field with the field named, never as an unknown type', () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const parsed = parseContractEvent(c.topic, envelope(c.type, schemaVersionOf(c.topic, c.type)!, c.data));
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
