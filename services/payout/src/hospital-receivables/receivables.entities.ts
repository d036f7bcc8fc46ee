import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What each fund owes each hospital for the bills it advanced, by year and month (月拨付). */
@Entity({ name: 'hospital_receivables' })
export class ReceivableEntity {
  @PrimaryColumn({ name: 'hospital_id', type: 'text' })
  hospitalId!: string;

  @PrimaryColumn({ name: 'year', type: 'integer' })
  year!: number;

  /** The disbursement month, YYYY-MM. */
  @PrimaryColumn({ name: 'month', type: 'text' })
  month!: string;

  @PrimaryColumn({ name: 'fund', type: 'text' })
  fund!: string;

  /** Integer fen (a bigint, as a string). */
  @Column({ name: 'owed_fen', type: 'bigint' })
  owedFen!: string;

  /** How many reimbursements make up the amount. */
  @Column({ name: 'lines', type: 'integer' })
  lines!: number;
}
