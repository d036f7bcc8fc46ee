import { hospitalReceivablesProjection } from '../hospital-receivables/receivables.projection';
import { householdLedgerProjection } from '../household-ledger/ledger.projection';
import type { Projection, ProjectionName } from './projection';

/** Every read model of payout, each fed from payout's own event store. */
export const PROJECTIONS: readonly Projection[] = [householdLedgerProjection, hospitalReceivablesProjection];

export function projectionNamed(name: ProjectionName): Projection {
  const found = PROJECTIONS.find((p) => p.name === name);
  if (!found) throw new Error(`no projection named ${name}`);
  return found;
}
