import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Payee, Programme } from '../record-payables/domain/payout-events';

/** One line per payout event: every yuan a household was given, by program, fund and payee. */
@Entity({ name: 'household_ledger_lines' })
@Index('household_ledger_lines_household_id_year_idx', ['householdId', 'year'])
export class LedgerLineEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  /** Global position of the event in payout's store (a bigint, as a string). */
  @Column({ name: 'event_position', type: 'bigint' })
  eventPosition!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'household_id', type: 'text' })
  householdId!: string;

  @Column({ name: 'year', type: 'integer' })
  year!: number;

  @Column({ name: 'month', type: 'text' })
  month!: string;

  @Column({ name: 'program', type: 'text' })
  program!: Programme;

  @Column({ name: 'fund', type: 'text' })
  fund!: string;

  @Column({ name: 'payee_kind', type: 'text' })
  payeeKind!: Payee;

  /** The hospital paid, when the payee is a hospital. */
  @Column({ name: 'hospital_id', type: 'text', nullable: true })
  hospitalId!: string | null;

  @Column({ name: 'claim_id', type: 'text' })
  claimId!: string;

  @Column({ name: 'member_id', type: 'text' })
  memberId!: string;

  /** Integer fen (a bigint, as a string). */
  @Column({ name: 'amount_fen', type: 'bigint' })
  amountFen!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}

/** Per household and year: the sum of its lines by program and fund. */
@Entity({ name: 'household_ledger_totals' })
export class LedgerTotalEntity {
  @PrimaryColumn({ name: 'household_id', type: 'text' })
  householdId!: string;

  @PrimaryColumn({ name: 'year', type: 'integer' })
  year!: number;

  @PrimaryColumn({ name: 'program', type: 'text' })
  program!: Programme;

  @PrimaryColumn({ name: 'fund', type: 'text' })
  fund!: string;

  @Column({ name: 'amount_fen', type: 'bigint' })
  amountFen!: string;

  @Column({ name: 'lines', type: 'integer' })
  lines!: number;
}
