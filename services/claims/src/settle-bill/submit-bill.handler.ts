import { foldRecorded, toNewEvents, WrongExpectedVersionError, type PostgresEventStore, type RecordedEvent } from '@aid/event-store';
import { CommandRefused } from '@aid/platform';
import type { Pool } from 'pg';
import { memberAsOf } from '../member-view/member-as-of';
import type { PolicyBook } from '../policies/policy-book';
import type { BillSubmission } from './domain/claim-events';
import {
  ClaimIdInUse,
  claimDecider,
  claimStream,
  decideSubmission,
  memberYearDecider,
  memberYearStream,
  type ClaimState,
} from './domain/claim.decider';

export interface ClaimsDeps {
  store: PostgresEventStore;
  pool: Pool;
  schema: string;
  policies: PolicyBook;
  newId: () => string;
  now: () => Date;
}

export type ClaimOutcome = Exclude<ClaimState, { status: 'new' } | { status: 'submitted' }>;

function versionOf(events: RecordedEvent[]): number {
  return events.length === 0 ? 0 : events[events.length - 1].streamVersion;
}

const MAX_ATTEMPTS = 10;

/**
 * Settles one submitted bill: the claim stream and the member's year stream are appended
 * in one transaction, each at the version read. If another bill of the same member got in
 * first, the transaction rolls back and the bill is settled again on the new accumulators.
 */
export async function submitBill(
  deps: ClaimsDeps,
  submission: BillSubmission,
  meta: { correlationId: string; causationId?: string | null },
): Promise<{ outcome: ClaimOutcome; created: boolean }> {
  for (let attempt = 1; ; attempt++) {
    const year = Number(submission.dischargeDate.slice(0, 4));
    const [claimEvents, memberYearEvents, patient] = await Promise.all([
      deps.store.readStream(claimStream(submission.claimId)),
      deps.store.readStream(memberYearStream(submission.memberId, year)),
      memberAsOf(deps.pool, deps.schema, submission.memberId, submission.dischargeDate),
    ]);
    const claim = foldRecorded(claimDecider, claimEvents);
    const memberYear = foldRecorded(memberYearDecider, memberYearEvents);
    const policy = patient ? deps.policies.find(patient.region, year) : null;

    let decision;
    try {
      decision = decideSubmission(claim, memberYear, { submission, patient, policy, submittedAt: deps.now().toISOString() });
    } catch (err) {
      if (err instanceof ClaimIdInUse) throw new CommandRefused('CLAIM_ID_IN_USE', err.message, 409);
      throw err;
    }
    if (decision.kind === 'unchanged') return { outcome: decision.state, created: false };

    const metadata = {
      correlationId: meta.correlationId,
      causationId: meta.causationId ?? null,
      partitionKey: patient?.householdId ?? `member:${submission.memberId}`,
      occurredAt: deps.now().toISOString(),
    };
    const context = { eventIds: deps.newId, metadata };
    const client = await deps.pool.connect();
    try {
      await client.query('begin');
      await deps.store.appendWith(client, claimStream(submission.claimId), toNewEvents(decision.claimEvents, context), {
        expectedVersion: versionOf(claimEvents),
      });
      if (decision.kind === 'settle') {
        await deps.store.appendWith(
          client,
          memberYearStream(submission.memberId, year),
          toNewEvents(decision.memberYearEvents, context),
          { expectedVersion: versionOf(memberYearEvents) },
        );
      }
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      if (err instanceof WrongExpectedVersionError && attempt < MAX_ATTEMPTS) continue;
      throw err;
    } finally {
      client.release();
    }
    const outcome = decision.claimEvents.reduce(claimDecider.evolve, claim);
    return { outcome: outcome as ClaimOutcome, created: true };
  }
}

/** The recorded outcome of a claim, or null when no bill was ever submitted under its id. */
export async function findClaim(deps: Pick<ClaimsDeps, 'store'>, claimId: string): Promise<ClaimOutcome | null> {
  const events = await deps.store.readStream(claimStream(claimId));
  const state = foldRecorded(claimDecider, events);
  return state.status === 'settled' || state.status === 'rejected' ? state : null;
}
