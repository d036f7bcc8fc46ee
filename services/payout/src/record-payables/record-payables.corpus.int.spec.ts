import { randomUUID } from 'node:crypto';
import { malformedEvents, schemaVersionOf, TOPIC_NAMES } from '@aid/contracts';
import { waitFor } from '@aid/testing';
import { aBillSettledEnvelope, aSettledBill } from '../testing/fixtures';
import { payoutHarness, type PayoutHarness } from '../testing/harness';
import { claimPayables } from './claim-payables.query';

/**
 * The topic half of the bad-input corpus for payout: every field of BillSettled, wrong in
 * each way, fed to payout's consumer of aid.claims.v1. Each is dead-lettered with the field
 * named and no payables are shown for the claim; a valid settlement afterwards is recorded.
 */
const topic = TOPIC_NAMES.claims;
let h: PayoutHarness;
const deadLetters: string[] = [];

beforeAll(async () => {
  h = await payoutHarness('payout_corpus', { deadLetters });
  await h.payout.consumer.start();
});
afterAll(async () => {
  await h?.payout.consumer.stop();
  await h?.drop();
});

describe("payout's consumer of aid.claims.v1, fed malformed events", () => {
  it('dead-letters each with the field named, records nothing, and still records a valid settlement', async () => {
    const valid = aBillSettledEnvelope(aSettledBill({ claimId: 'corpus-claim' }));
    const cases = malformedEvents(topic).map((c) => {
      const data = { ...(c.data as object), ...(c.path === 'claimId' ? {} : { claimId: 'corpus-claim' }) };
      return {
        ...c,
        envelope: {
          ...valid,
          eventId: randomUUID(),
          type: c.type,
          schemaVersion: schemaVersionOf(topic, c.type)!,
          data,
        },
      };
    });
    expect(cases.length).toBeGreaterThan(100);
    await h.bus.publish(topic, cases.map((c) => c.envelope) as never);
    await waitFor(() => deadLetters.length >= cases.length, 60_000);
    const unnamed = cases.filter((c) => {
      const reason = deadLetters.find((r) => r.includes(c.envelope.eventId));
      return !reason || !reason.includes(`data.${c.path}`);
    });
    expect(unnamed.map((c) => `${c.type} ${c.path}=${c.label}`)).toEqual([]);
    expect(await claimPayables(h.store, 'corpus-claim')).toBeNull();

    await h.bus.publish(topic, [valid]);
    await waitFor(() => claimPayables(h.store, 'corpus-claim'), 30_000);
    expect(deadLetters).toHaveLength(cases.length);
  });
});
