import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ServiceRuntime } from '@aid/platform';
import { PolicyBook } from './policies/policy-book';
import type { ClaimsDeps } from './settle-bill/submit-bill.handler';

/** The policies folder: CLAIMS_POLICY_DIR, else config/policies at the repository (or image) root. */
export function policyDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.CLAIMS_POLICY_DIR ?? path.resolve(__dirname, '..', '..', '..', '..', 'config', 'policies');
}

/** Wires the claims use cases to the runtime: the clock and id source are chosen here, once. */
export function claimsDeps(runtime: ServiceRuntime, policies: PolicyBook): ClaimsDeps {
  return {
    store: runtime.store,
    pool: runtime.pool,
    schema: runtime.options.schema,
    policies,
    newId: randomUUID,
    now: () => new Date(),
  };
}

export const CLAIMS_DEPS = Symbol('CLAIMS_DEPS');
