import type { ActorMetadata } from '@aid/auth';
import { foldRecorded, notFound, runCommand, type PostgresEventStore, type RunCommandOptions } from '@aid/event-store';
import type { Pool } from 'pg';
import { findFacility } from '../facilities/facility-records';
import { memberAsOf } from '../member-view/member-as-of';
import type { PolicyBook } from '../policies/policy-book';
import type { BillSubmission, FacilityOnBill, ReviewDecision, SubmissionEvent } from './domain/claim-events';
import {
  claimDecider,
  claimStream,
  submissionStreams,
  type ClaimCommand,
  type ClaimState,
  type SubmissionState,
  type SubmitBill,
} from './domain/claim.decider';

/** What a command's events carry besides their data: its trace and who sent it (their token's). */
export interface CommandContext {
  correlationId: string;
  causationId?: string | null;
  actor?: ActorMetadata | null;
}

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

async function facilityOnBill(
  deps: Pick<ClaimsDeps, 'pool' | 'schema'>,
  hospitalId: string,
): Promise<FacilityOnBill | null> {
  const f = await findFacility(deps.pool, deps.schema, hospitalId);
  return f
    ? {
        facilityId: f.facilityId,
        level: f.level,
        inCounty: f.inCounty,
        designatedFrom: f.designatedFrom,
        designatedUntil: f.designatedUntil,
      }
    : null;
}

async function decideOnBill(
  deps: ClaimsDeps,
  submission: Pick<BillSubmission, 'claimId' | 'memberId' | 'dischargeDate'>,
  command: ClaimCommand,
  householdId: string | undefined,
  meta: CommandContext,
  now: string,
  options: Pick<RunCommandOptions<SubmissionState, SubmissionEvent>, 'concurrency' | 'retry'>,
) {
  const metadata = {
    correlationId: meta.correlationId,
    causationId: meta.causationId ?? null,
    actor: meta.actor ?? null,
    partitionKey: householdId ?? `member:${submission.memberId}`,
    occurredAt: now,
  };
  const { events, state } = await runCommand(
    deps.store,
    claimDecider,
    submissionStreams(submission),
    command,
    { eventIds: deps.newId, metadata },
    options,
  );
  return { outcome: outcomeOf(state.claim), created: events.length > 0 };
}

/**
 * Settles one submitted bill: the claim stream and the member's year stream are read,
 * decided on and appended in one transaction. Bills of one member wait for each other
 * (a lock on the member-year stream), so each is settled on the accumulators the one
 * before it left. The patient and the facility are read from claims' own tables before.
 * `options` is for the contention benchmark (bench/contention.mjs).
 */
export async function submitBill(
  deps: ClaimsDeps,
  submission: BillSubmission,
  meta: CommandContext,
  options: Pick<RunCommandOptions<SubmissionState, SubmissionEvent>, 'concurrency' | 'retry'> = {},
): Promise<{ outcome: ClaimOutcome; created: boolean }> {
  const year = Number(submission.dischargeDate.slice(0, 4));
  const [patient, facility] = await Promise.all([
    memberAsOf(deps.pool, deps.schema, submission.memberId, submission.dischargeDate),
    facilityOnBill(deps, submission.hospitalId),
  ]);
  const policy = patient ? deps.policies.find(patient.region, year) : null;
  const now = deps.now().toISOString();
  const command: SubmitBill = { type: 'SubmitBill', data: { submission, patient, facility, policy, submittedAt: now } };
  return decideOnBill(deps, submission, command, patient?.householdId, meta, now, options);
}

/** A reviewer's decision on a bill held for review: approved, it is settled now; rejected, recorded. */
export async function reviewBill(
  deps: ClaimsDeps,
  review: { claimId: string; decision: ReviewDecision; reason: string; reviewer: string },
  meta: CommandContext,
): Promise<{ outcome: ClaimOutcome; created: boolean }> {
  const claim = foldRecorded(claimDecider, await deps.store.readStream(claimStream(review.claimId))).claim;
  if (claim.status === 'new' || claim.status === 'submitted') {
    throw notFound('CLAIM_NOT_HELD', `no bill is held for review under claim ${review.claimId}`);
  }
  const { submission } = claim;
  const patient = await memberAsOf(deps.pool, deps.schema, submission.memberId, submission.dischargeDate);
  const policy = patient ? deps.policies.find(patient.region, Number(submission.dischargeDate.slice(0, 4))) : null;
  const now = deps.now().toISOString();
  return decideOnBill(
    deps,
    submission,
    { type: 'ReviewBill', data: { ...review, patient, policy, reviewedAt: now } },
    patient?.householdId,
    meta,
    now,
    {},
  );
}

/** The recorded outcome of a claim, or null when no bill was ever submitted under its id. */
export async function findClaim(deps: Pick<ClaimsDeps, 'store'>, claimId: string): Promise<ClaimOutcome | null> {
  const { claim } = foldRecorded(claimDecider, await deps.store.readStream(claimStream(claimId)));
  return claim.status === 'new' || claim.status === 'submitted' ? null : claim;
}
