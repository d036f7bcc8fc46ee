import type { QueryRunner } from 'typeorm';

/** The schema the data source works in (migrations write every name qualified with it). */
export function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema || !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error(`payout data source: bad schema ${JSON.stringify(schema)}`);
  return schema;
}
