import { foldRecorded, runCommand, type PostgresEventStore, type RunCommandOptions } from '@aid/event-store';
import type { Pool } from 'pg';
import { memberAsOf } from '../member-view/member-as-of';
import type { PolicyBook } from '../policies/policy-book';
import type { BillSubmission, SubmissionEvent } from './domain/claim-events';
import {
  claimDecider,
  claimStream,
  submissionStreams,
  type ClaimState,
  type SubmissionState,
  type SubmitBill,
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

function outcomeOf(claim: ClaimState): ClaimOutcome {
  if (claim.status === 'new' || claim.status === 'submitted')
    throw new Error(`claim left ${claim.status} after a submission`);
  return claim;
}

/**
 * Settles one submitted bill: the claim stream and the member's year stream are read,
 * decided on and appended in one transaction. Bills of one member wait for each other
 * (a lock on the member-year stream), so each is settled on the accumulators the one
 * before it left. `options` is for the contention benchmark (bench/contention.mjs).
 */
export async function submitBill(
  deps: ClaimsDeps,
  submission: BillSubmission,
  meta: { correlationId: string; causationId?: string | null },
  options: Pick<RunCommandOptions<SubmissionState, SubmissionEvent>, 'concurrency' | 'retry'> = {},
): Promise<{ outcome: ClaimOutcome; created: boolean }> {
  const year = Number(submission.dischargeDate.slice(0, 4));
  const patient = await memberAsOf(deps.pool, deps.schema, submission.memberId, submission.dischargeDate);
  const policy = patient ? deps.policies.find(patient.region, year) : null;
  const now = deps.now().toISOString();
  const command: SubmitBill = { type: 'SubmitBill', data: { submission, patient, policy, submittedAt: now } };
  const metadata = {
    correlationId: meta.correlationId,
    causationId: meta.causationId ?? null,
    partitionKey: patient?.householdId ?? `member:${submission.memberId}`,
    occurredAt: now,
  };
  const { events, state } = await runCommand(
    deps.store,
    claimDecider,
    submissionStreams(command),
    command,
    { eventIds: deps.newId, metadata },
    options,
  );
  return { outcome: outcomeOf(state.claim), created: events.length > 0 };
}

/** The recorded outcome of a claim, or null when no bill was ever submitted under its id. */
export async function findClaim(deps: Pick<ClaimsDeps, 'store'>, claimId: string): Promise<ClaimOutcome | null> {
  const { claim } = foldRecorded(claimDecider, await deps.store.readStream(claimStream(claimId)));
  return claim.status === 'settled' || claim.status === 'rejected' ? claim : null;
}
