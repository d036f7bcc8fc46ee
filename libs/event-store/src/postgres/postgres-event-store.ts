import { Pool, type PoolClient, type PoolConfig } from 'pg';
import {
  DuplicateEventIdError,
  WrongExpectedVersionError,
  type AppendOptions,
  type AppendResult,
  type CheckpointStore,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
} from '../port';
import { validateAppend } from '../validate-append';
import { assertSchemaName, eventStoreDdl } from './schema';

export interface PostgresEventStoreOptions {
  /** A pool the caller owns, or a connection string for a pool the store owns. */
  pool?: Pool;
  connectionString?: string;
  poolConfig?: PoolConfig;
  /** The service's schema, e.g. `claims`. */
  schema: string;
}

interface EventRow {
  global_position: string;
  stream_id: string;
  stream_version: string;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  recorded_at: Date;
}

const UNIQUE_VIOLATION = '23505';

function isDuplicateEventId(err: unknown): boolean {
  const pgErr = err as { code?: string; constraint?: string };
  return pgErr.code === UNIQUE_VIOLATION && pgErr.constraint === 'events_event_id_key';
}

function expectedCode(expected: ExpectedVersion): number {
  switch (expected) {
    case 'any':
      return -1;
    case 'no_stream':
      return 0;
    case 'stream_exists':
      return -3;
    default:
      return expected;
  }
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.event_type,
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    position: row.global_position,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}

const COLUMNS = 'global_position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at';

export class PostgresEventStore implements EventStore {
  readonly schema: string;
  readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly sql: { append: string; readStream: string; readAll: string };

  constructor(options: PostgresEventStoreOptions) {
    this.schema = assertSchemaName(options.schema);
    this.ownsPool = !options.pool;
    this.pool = options.pool ?? new Pool({ connectionString: options.connectionString, ...options.poolConfig });
    const s = this.schema;
    this.sql = {
      append: `select outcome, stream_version, last_position from ${s}.append_to_stream($1, $2, $3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[])`,
      readStream: `select ${COLUMNS} from ${s}.events where stream_id = $1 and stream_version >= $2 order by stream_version limit $3`,
      // Only transactions older than every running one are visible to this read, and the
      // order is the commit-safe (transaction_id, global_position): see docs/adr/0003.
      readAll: `select ${COLUMNS} from ${s}.events
        where (transaction_id, global_position) > (
                coalesce((select a.transaction_id from ${s}.events a where a.global_position = $1), '0'::xid8),
                $1::bigint)
          and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        order by transaction_id, global_position
        limit $2`,
    };
  }

  /** Creates the schema, tables and append function if missing. Safe to run at every start. */
  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      // Two services starting at once must not race on `create ... if not exists`.
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock(hashtext($1))', [`aid-ledger:event-store:${this.schema}`]);
      await client.query(eventStoreDdl(this.schema));
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const client = await this.pool.connect();
    try {
      try {
        return await this.appendWith(client, streamId, events, options);
      } catch (err) {
        // A concurrent append of the same event ids can pass the duplicate check while the
        // other is in flight; the unique index then refuses it, and a second try (in its own
        // implicit transaction) sees the events stored and reports the duplicate.
        if (!isDuplicateEventId(err)) throw err;
        return await this.alreadyStored(client, streamId, events);
      }
    } finally {
      client.release();
    }
  }

  /**
   * Appends with a client the caller holds, so that the append joins the caller's own
   * transaction when one is open: several streams, or a stream and other tables, commit
   * together or not at all. A conflict or a duplicate id aborts that transaction.
   */
  async appendWith(
    client: PoolClient,
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const expected = options.expectedVersion ?? 'any';
    validateAppend(streamId, events, expected);
    const params = [
      streamId,
      expectedCode(expected),
      events.map((e) => e.eventId),
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion ?? 1),
      events.map((e) => JSON.stringify(e.data)),
      events.map((e) => JSON.stringify(e.metadata ?? {})),
    ];
    const { rows } = await client.query({ name: `${this.schema}.append`, text: this.sql.append, values: params });
    const row = rows[0] as { outcome: string; stream_version: string | null; last_position: string | null };
    switch (row.outcome) {
      case 'appended':
      case 'duplicate':
        return {
          nextExpectedVersion: Number(row.stream_version),
          lastPosition: row.last_position as string,
          duplicate: row.outcome === 'duplicate',
        };
      case 'conflict':
        throw new WrongExpectedVersionError(streamId, expected, Number(row.stream_version));
      case 'partial_duplicate':
        throw new DuplicateEventIdError(streamId, events.map((e) => e.eventId));
      default:
        throw new Error(`append_to_stream returned an unknown outcome ${row.outcome}`);
    }
  }

  /**
   * After the unique index refused an event id: a retry whose events are all in this stream
   * is a duplicate; anything else is a caller bug.
   */
  private async alreadyStored(client: PoolClient, streamId: string, events: readonly NewEvent[]): Promise<AppendResult> {
    const { rows } = await client.query(
      `select f.found, f.in_stream, f.last_position, (select version from ${this.schema}.streams where stream_id = $1) as version
         from ${this.schema}.find_stored($1, $2::uuid[]) f`,
      [streamId, events.map((e) => e.eventId)],
    );
    const row = rows[0] as { found: number; in_stream: number; last_position: string; version: string };
    if (row.in_stream !== events.length) throw new DuplicateEventIdError(streamId, events.map((e) => e.eventId));
    return { nextExpectedVersion: Number(row.version), lastPosition: row.last_position, duplicate: true };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.readStreamWith(this.pool, streamId, options);
  }

  /**
   * Reads with a client the caller holds, inside its transaction: a command that holds a
   * connection (and a lock) reads on it rather than waiting for a second one from the pool.
   */
  async readStreamWith(
    client: Pick<PoolClient, 'query'>,
    streamId: string,
    options: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> {
    const { rows } = await client.query<EventRow>({
      name: `${this.schema}.readStream`,
      text: this.sql.readStream,
      values: [streamId, options.fromVersion ?? 1, options.maxCount ?? null],
    });
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? '0';
    if (!/^\d+$/.test(after)) throw new Error(`after: "${after}" is not a position of this store`);
    const { rows } = await this.pool.query<EventRow>({
      name: `${this.schema}.readAll`,
      text: this.sql.readAll,
      values: [after, options.maxCount ?? 1000],
    });
    return rows.map(toRecorded);
  }

  checkpoints(): PostgresCheckpointStore {
    return new PostgresCheckpointStore(this.pool, this.schema);
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }
}

/** Checkpoints in the store's schema; `storeWith` joins the caller's transaction. */
export class PostgresCheckpointStore implements CheckpointStore {
  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  async load(subscriptionId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ position: string }>(
      `select position from ${this.schema}.checkpoints where subscription_id = $1`,
      [subscriptionId],
    );
    return rows[0]?.position ?? null;
  }

  async store(subscriptionId: string, position: string): Promise<void> {
    await this.storeWith(this.pool, subscriptionId, position);
  }

  async storeWith(client: Pick<PoolClient, 'query'>, subscriptionId: string, position: string): Promise<void> {
    await client.query(
      `insert into ${this.schema}.checkpoints (subscription_id, position, updated_at) values ($1, $2, now())
       on conflict (subscription_id) do update set position = excluded.position, updated_at = now()`,
      [subscriptionId, position],
    );
  }
}
