import type { Pool } from 'pg';
import { assertSchemaName } from '../postgres/schema';
import { GENESIS_HASH, chainHash } from './canonical';
import { CONTENT_COLUMNS, HASH_COLUMNS, toContent, type ContentRow, type HashRow } from './rows';

/** Where the chain and the events first disagree. */
export interface ChainBreak {
  /**
   * altered: the event's content no longer hashes to its link; removed: a chained event is
   * gone; inserted: an event sits inside the chained stretch without a link; moved: a chained
   * event is there but out of its place in commit order; chain-edited: the hash table's own
   * links do not follow each other.
   */
  kind: 'altered' | 'removed' | 'inserted' | 'moved' | 'chain-edited';
  /** The link's place in the chain (for `inserted`, the link the event sits before). */
  seq: number;
  globalPosition: string;
  streamId: string;
  streamVersion: number;
  eventId: string;
  detail: string;
}

export interface ChainHead {
  seq: number;
  globalPosition: string;
  hash: string;
}

export type ChainVerdict =
  | { intact: true; chained: number; head: ChainHead | null; unchained: number }
  | { intact: false; verifiedBefore: number; problem: ChainBreak };

interface EventCursor {
  next(): Promise<(ContentRow & { transaction_id: string }) | undefined>;
}

/**
 * Recomputes the chain from the events, both read in commit order, and stops at the first
 * disagreement. Reads only; two pages in memory at a time.
 */
export async function verifyChain(
  pool: Pick<Pool, 'query'>,
  schema: string,
  { pageSize = 2000 }: { pageSize?: number } = {},
): Promise<ChainVerdict> {
  const s = assertSchemaName(schema);
  const events = eventCursor(pool, s, pageSize);
  let prev = GENESIS_HASH;
  let head: ChainHead | null = null;
  let lastSeq = 0;
  for (;;) {
    const { rows: links } = await pool.query<HashRow>(
      `select ${HASH_COLUMNS} from ${s}.event_hashes h where h.seq > $1 order by h.seq limit $2`,
      [lastSeq, pageSize],
    );
    if (links.length === 0) break;
    for (const link of links) {
      const seq = Number(link.seq);
      const broken = (kind: ChainBreak['kind'], detail: string, at: ContentRow | HashRow = link): ChainVerdict => ({
        intact: false,
        verifiedBefore: seq - 1,
        problem: {
          kind,
          seq,
          globalPosition: at.global_position,
          streamId: at.stream_id,
          streamVersion: Number(at.stream_version),
          eventId: at.event_id,
          detail,
        },
      });
      if (seq !== lastSeq + 1 || link.prev_hash !== prev) {
        return broken('chain-edited', `link ${seq} does not follow link ${lastSeq}: the hash table itself was edited`);
      }
      const event = await events.next();
      if (event?.global_position === link.global_position) {
        const hash = chainHash(prev, toContent(event));
        if (hash !== link.hash) {
          return broken(
            'altered',
            `its content hashes to ${hash}, the chain recorded ${link.hash} (the event, or its link, was changed)`,
            event,
          );
        }
      } else if (event && !(await exists(pool, `${s}.event_hashes`, event.global_position))) {
        return broken(
          'inserted',
          `no link of the chain covers it, yet it sits before chained position ${link.global_position} in commit order`,
          event,
        );
      } else if (await exists(pool, `${s}.events`, link.global_position)) {
        return broken('moved', `it is stored but no longer in its place in commit order (its transaction_id changed)`);
      } else {
        return broken('removed', `the chain has it at link ${seq}; the events table no longer does`);
      }
      prev = link.hash;
      lastSeq = seq;
      head = { seq, globalPosition: link.global_position, hash: link.hash };
    }
  }
  let unchained = 0;
  while (await events.next()) unchained++;
  return { intact: true, chained: lastSeq, head, unchained };
}

function eventCursor(pool: Pick<Pool, 'query'>, s: string, pageSize: number): EventCursor {
  let page: (ContentRow & { transaction_id: string })[] = [];
  let index = 0;
  let after: [string, string] = ['0', '0'];
  let done = false;
  return {
    async next() {
      if (index === page.length && !done) {
        const { rows } = await pool.query<ContentRow & { transaction_id: string }>(
          `select transaction_id::text as transaction_id, ${CONTENT_COLUMNS} from ${s}.events e
            where (transaction_id, global_position) > ($1::xid8, $2::bigint)
            order by e.transaction_id, e.global_position limit $3`,
          [...after, pageSize],
        );
        page = rows;
        index = 0;
        done = rows.length < pageSize;
        if (rows.length > 0) after = [rows[rows.length - 1].transaction_id, rows[rows.length - 1].global_position];
      }
      return page[index++];
    },
  };
}

async function exists(pool: Pick<Pool, 'query'>, table: string, position: string): Promise<boolean> {
  const { rows } = await pool.query(`select 1 from ${table} where global_position = $1`, [position]);
  return rows.length > 0;
}

/** The chain's link at a place, to hold a database against a checkpoint taken earlier. */
export async function chainLink(pool: Pick<Pool, 'query'>, schema: string, seq: number): Promise<HashRow | null> {
  const { rows } = await pool.query<HashRow>(
    `select ${HASH_COLUMNS} from ${assertSchemaName(schema)}.event_hashes where seq = $1`,
    [seq],
  );
  return rows[0] ?? null;
}
