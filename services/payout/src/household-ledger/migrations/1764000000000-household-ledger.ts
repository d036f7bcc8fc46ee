import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '../../database/schema-of';

/**
 * The household aid ledger. Index and constraint names are PostgreSQL's defaults on purpose:
 * a rebuild creates its tables with `create table ... (like ... including all)`, which names
 * them the same way, so a rebuilt table is indistinguishable from a migrated one.
 */
export class HouseholdLedger1764000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      create table "${s}".household_ledger_lines (
        event_id       uuid        not null,
        event_position bigint      not null,
        event_type     text        not null,
        household_id   text        not null,
        year           integer     not null,
        month          text        not null,
        program        text        not null,
        fund           text        not null,
        payee_kind     text        not null,
        hospital_id    text,
        claim_id       text        not null,
        member_id      text        not null,
        amount_fen     bigint      not null,
        occurred_at    timestamptz not null,
        primary key (event_id),
        check (program in ('MEDICAL', 'PREMIUM_SUBSIDY', 'TEMPORARY_ASSISTANCE', 'LIVING_ALLOWANCE')),
        check (payee_kind in ('HOSPITAL', 'HOUSEHOLD_BANK_CARD')),
        check ((payee_kind = 'HOSPITAL') = (hospital_id is not null))
      )`);
    await queryRunner.query(`create index on "${s}".household_ledger_lines (household_id, year)`);
    await queryRunner.query(`
      create table "${s}".household_ledger_totals (
        household_id text    not null,
        year         integer not null,
        program      text    not null,
        fund         text    not null,
        amount_fen   bigint  not null,
        lines        integer not null,
        primary key (household_id, year, program, fund)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`drop table "${s}".household_ledger_totals`);
    await queryRunner.query(`drop table "${s}".household_ledger_lines`);
  }
}
