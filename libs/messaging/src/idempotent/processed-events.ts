import type { ClientBase, Pool, PoolClient } from 'pg';

/**
 * Delivery is at least once, so every consumer must make a redelivered event harmless.
 * The event id is recorded in the same transaction as the handler's own writes: either
 * both commit or neither does, and a second delivery finds the mark and does nothing.
 *
 * Table: <schema>.processed_events (consumer, event_id, processed_at), primary key
 * (consumer, event_id). `consumer` names the handler (e.g. `payout:household-ledger`), so
 * several handlers in one schema each see every event once.
 */

export type ProcessOutcome = 'processed' | 'duplicate';

export interface ProcessOnceOptions {
  schema: string;
  consumer: string;
  eventId: string;
}

type Queryable = Pick<Pool, 'query'>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function table(schema: string): string {
  if (!IDENTIFIER.test(schema)) throw new TypeError(`not a plain SQL identifier: ${JSON.stringify(schema)}`);
  return `"${schema}".processed_events`;
}

export async function ensureProcessedEventsTable(pool: Queryable, schema: string): Promise<void> {
  const name = table(schema);
  try {
    await pool.query(`
      create schema if not exists "${schema}";
      create table if not exists ${name} (
        consumer     text        not null,
        event_id     text        not null,
        processed_at timestamptz not null default now(),
        primary key (consumer, event_id)
      )`);
  } catch (err) {
    // Two services starting at once can both pass "if not exists" and collide in the catalog.
    const code = (err as { code?: string }).code;
    if (code !== '23505' && code !== '42P07' && code !== '42P06') throw err;
  }
}

/**
 * Runs `fn` unless this consumer already processed this event, inside the transaction the
 * caller opened on `client`; the caller commits or rolls back. If `fn` throws, the error
 * propagates and the caller's rollback removes the mark with the writes, so a retry
 * processes the event again.
 *
 * Two transactions with the same event at once: the second insert waits on the first's
 * row lock, then sees its mark once it commits (duplicate) or takes over if it rolls back.
 * Under REPEATABLE READ or SERIALIZABLE the second gets a serialization failure instead,
 * which is retriable.
 */
export async function processOnce(
  client: Pick<ClientBase, 'query'> & Partial<Pick<ClientBase, 'getTransactionStatus'>>,
  options: ProcessOnceOptions,
  fn: () => Promise<void>,
): Promise<ProcessOutcome> {
  if (!options.consumer) throw new TypeError('processOnce needs a consumer name');
  if (!options.eventId) throw new TypeError('processOnce needs an event id');
  // Outside a transaction block the mark would commit on its own, before `fn` ran; pg
  // knows the session's state from the server's last ReadyForQuery, at no extra round trip.
  const status = client.getTransactionStatus?.();
  if (status === 'I') {
    throw new Error('processOnce must run inside a transaction the caller opened (BEGIN … COMMIT)');
  }
  const { rows } = await client.query<{ inserted: boolean }>(
    `insert into ${table(options.schema)} (consumer, event_id) values ($1, $2)
     on conflict do nothing
     returning true as inserted`,
    [options.consumer, options.eventId],
  );
  if (rows.length === 0) return 'duplicate';
  await fn();
  return 'processed';
}

/**
 * Opens a transaction, runs `fn` once per (consumer, event id), commits; rolls back and
 * rethrows if `fn` throws.
 */
export async function withIdempotentTransaction(
  pool: Pool,
  schema: string,
  consumer: string,
  eventId: string,
  fn: (client: PoolClient) => Promise<void>,
): Promise<ProcessOutcome> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const outcome = await processOnce(client, { schema, consumer, eventId }, () => fn(client));
    await client.query(outcome === 'processed' ? 'commit' : 'rollback');
    client.release();
    return outcome;
  } catch (err) {
    try {
      await client.query('rollback');
      client.release();
    } catch (rollbackError) {
      // A connection that cannot even roll back must not go back to the pool.
      client.release(rollbackError as Error);
    }
    throw err;
  }
}
