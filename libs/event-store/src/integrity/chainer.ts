import type { Pool } from 'pg';
import type { CheckpointStore, ReadAllOptions, RecordedEvent } from '../port';
import { assertSchemaName } from '../postgres/schema';
import { CatchUpSubscription } from '../subscription/catch-up-subscription';
import { GENESIS_HASH, chainHash } from './canonical';
import { CONTENT_COLUMNS, toContent, type ContentRow } from './rows';

export interface ChainerOptions {
  pool: Pool;
  schema: string;
  batchSize?: number;
  idleDelayMs?: number;
  onError?: (error: unknown) => void;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Follows the store in its commit-safe order, as a catch-up subscription does, and writes
 * each event's link of the hash chain to `event_hashes`. Appends never wait for it: the chain
 * trails the store by one poll. Its checkpoint is the chain's last row, written in the same
 * transaction as the links, so a crash leaves no gap and no link twice.
 */
export class Chainer {
  readonly name: string;
  private readonly subscription: CatchUpSubscription;
  private readonly schema: string;
  /** The last batch read, by position: the chain hashes what it read, without a second read. */
  private read = new Map<string, ContentRow>();

  constructor(private readonly options: ChainerOptions) {
    this.schema = assertSchemaName(options.schema);
    this.name = `chainer:${this.schema}`;
    const head: CheckpointStore = {
      load: async () => (await this.head(options.pool))?.position ?? null,
      store: async () => undefined,
    };
    this.subscription = new CatchUpSubscription({
      subscriptionId: this.name,
      store: { readAll: (o) => this.readAll(o ?? {}) },
      checkpoints: head,
      batchSize: options.batchSize ?? 1000,
      idleDelayMs: options.idleDelayMs,
      onError: options.onError,
      handle: async (events) => {
        await this.chain(events);
        return 'checkpointed';
      },
    });
  }

  /** Chains everything the store lets a reader see now; returns how many events it chained. */
  catchUp(): Promise<number> {
    return this.subscription.catchUp();
  }

  /** Keeps following the store (the shape of a service runtime's worker). */
  async start(): Promise<void> {
    this.subscription.start();
  }

  stop(): Promise<void> {
    return this.subscription.stop();
  }

  /**
   * The store's global read (PostgresEventStore.readAll, docs/adr/0003: only transactions
   * older than every running one, in (transaction_id, global_position) order), with the
   * columns as the chain hashes them.
   */
  private async readAll({ after, maxCount }: ReadAllOptions): Promise<RecordedEvent[]> {
    const s = this.schema;
    const { rows } = await this.options.pool.query<ContentRow>(
      `select ${CONTENT_COLUMNS} from ${s}.events e
        where (e.transaction_id, e.global_position) > (
                coalesce((select a.transaction_id from ${s}.events a where a.global_position = $1), '0'::xid8),
                $1::bigint)
          and e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        order by e.transaction_id, e.global_position
        limit $2`,
      [after ?? '0', maxCount ?? 1000],
    );
    this.read = new Map(rows.map((r) => [r.global_position, r]));
    return rows.map((r) => ({
      eventId: r.event_id,
      type: r.event_type,
      schemaVersion: r.schema_version,
      streamId: r.stream_id,
      streamVersion: Number(r.stream_version),
      position: r.global_position,
      data: r.data,
      metadata: r.metadata as RecordedEvent['metadata'],
      recordedAt: new Date(r.recorded_at),
    }));
  }

  private async head(client: Pick<Pool, 'query'>): Promise<{ seq: number; position: string; hash: string } | null> {
    const { rows } = await client.query<{ seq: string; global_position: string; hash: string }>(
      `select seq::text as seq, global_position::text as global_position, hash
         from ${this.schema}.event_hashes h order by h.seq desc limit 1`,
    );
    return rows[0] ? { seq: Number(rows[0].seq), position: rows[0].global_position, hash: rows[0].hash } : null;
  }

  private async chain(events: RecordedEvent[]): Promise<void> {
    const s = this.schema;
    const client = await this.options.pool.connect();
    try {
      await client.query('begin');
      // Two instances of a service each run a chainer; one at a time extends the chain.
      await client.query('select pg_advisory_xact_lock(hashtext($1))', [`aid-ledger:chainer:${s}`]);
      const head = await this.head(client);
      let prev = head?.hash ?? GENESIS_HASH;
      let seq = head?.seq ?? 0;
      const cols = {
        seq: [] as number[],
        position: [] as string[],
        eventId: [] as string[],
        streamId: [] as string[],
        version: [] as string[],
        prev: [] as string[],
        hash: [] as string[],
      };
      for (const event of events) {
        const row = this.read.get(event.position);
        if (!row) throw new Error(`chainer ${s}: event at global position ${event.position} was not read`);
        const hash = chainHash(prev, toContent(row));
        cols.seq.push(++seq);
        cols.position.push(row.global_position);
        cols.eventId.push(row.event_id);
        cols.streamId.push(row.stream_id);
        cols.version.push(row.stream_version);
        cols.prev.push(prev);
        cols.hash.push(hash);
        prev = hash;
      }
      await client.query(
        `insert into ${s}.event_hashes (seq, global_position, event_id, stream_id, stream_version, prev_hash, hash)
         select * from unnest($1::bigint[], $2::bigint[], $3::uuid[], $4::text[], $5::bigint[], $6::text[], $7::text[])`,
        [cols.seq, cols.position, cols.eventId, cols.streamId, cols.version, cols.prev, cols.hash],
      );
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) {
        // Another chainer got there first (it is retried from the new head), or the events
        // table changed under the chain (then `aid verify` says where).
        throw new Error(`chainer ${s}: events already chained came again; retrying from the chain's head`);
      }
      throw err;
    } finally {
      client.release();
    }
  }
}
