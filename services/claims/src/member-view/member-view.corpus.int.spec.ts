import { randomUUID } from 'node:crypto';
import { contractExamples, malformedEvents, schemaVersionOf, TOPIC_NAMES, type EventEnvelope } from '@aid/contracts';
import { ensureProcessedEventsTable, InProcessMessageBus } from '@aid/messaging';
import { topicConsumer, type Worker } from '@aid/platform';
import { createTestSchema, waitFor, type TestSchema } from '@aid/testing';
import { applyEnrollmentEvent } from './apply-enrollment-event';
import { memberAsOf } from './member-as-of';
import { memberViewDdl } from './member-view.schema';

/**
 * The topic half of the bad-input corpus for claims: every field of every enrollment event,
 * wrong in each way, fed to claims' consumer of aid.enrollment.v1. Each is dead-lettered with
 * the field named and the member view shows nothing of it; a valid event afterwards is applied.
 */
const topic = TOPIC_NAMES.enrollment;
const envelope = (type: string, data: unknown): EventEnvelope =>
  ({
    eventId: randomUUID(),
    type,
    schemaVersion: schemaVersionOf(topic, type)!,
    streamId: 'household-x-1',
    streamVersion: 1,
    globalPosition: '1',
    partitionKey: 'x-1',
    correlationId: 'corpus',
    causationId: null,
    occurredAt: '2019-03-01T00:00:00.000Z',
    data,
  }) as EventEnvelope;

let test: TestSchema;
let bus: InProcessMessageBus;
let worker: Worker;
const deadLetters: string[] = [];

beforeAll(async () => {
  test = await createTestSchema('claims_mv_corpus');
  await test.pool.query(memberViewDdl(test.schema));
  await ensureProcessedEventsTable(test.pool, test.schema);
  bus = new InProcessMessageBus({ onDeadLetter: (_topic, reason) => deadLetters.push(reason) });
  worker = topicConsumer({
    name: 'claims.member-view',
    topic,
    bus,
    pool: test.pool,
    schema: test.schema,
    handle: (event, client) => applyEnrollmentEvent(client, test.schema, event),
  });
  await worker.start();
});

afterAll(async () => {
  await worker?.stop();
  await test?.drop();
});

describe("claims' consumer of aid.enrollment.v1, fed malformed events", () => {
  it('dead-letters each with the field named, changes no member, and still applies a valid event', async () => {
    const cases = malformedEvents(topic).map((c) => ({ ...c, envelope: envelope(c.type, c.data) }));
    expect(cases.length).toBeGreaterThan(200);
    await bus.publish(
      topic,
      cases.map((c) => c.envelope),
    );
    await waitFor(() => deadLetters.length >= cases.length, 60_000);
    const unnamed = cases.filter((c) => {
      const reason = deadLetters.find((r) => r.includes(c.envelope.eventId));
      return !reason || !reason.includes(`data.${c.path}`);
    });
    expect(unnamed.map((c) => `${c.type} ${c.path}=${c.label}`)).toEqual([]);
    expect(await memberAsOf(test.pool, test.schema, 'x-1', '2019-03-01')).toBeNull();

    const valid = contractExamples().filter((c) => c.topic === topic);
    const registered = valid.find((c) => c.type === 'HouseholdRegistered')!;
    const added = valid.find((c) => c.type === 'MemberAdded')!;
    await bus.publish(topic, [envelope(registered.type, registered.data), envelope(added.type, added.data)]);
    const member = await waitFor(() => memberAsOf(test.pool, test.schema, 'x-1', '2019-03-01'), 30_000);
    expect(member).toMatchObject({ memberId: 'x-1', householdId: 'x-1' });
    expect(deadLetters).toHaveLength(cases.length);
  });
});
