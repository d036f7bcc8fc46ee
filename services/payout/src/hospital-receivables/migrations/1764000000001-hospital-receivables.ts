import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '../../database/schema-of';

/** What each fund owes each hospital, per year and disbursement month. */
export class HospitalReceivables1764000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      create table "${s}".hospital_receivables (
        hospital_id text    not null,
        year        integer not null,
        month       text    not null,
        fund        text    not null,
        owed_fen    bigint  not null,
        lines       integer not null,
        primary key (hospital_id, year, month, fund)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table "${schemaOf(queryRunner)}".hospital_receivables`);
  }
}
