import type { ChainCheckpoint, ChainVerdict } from '@aid/event-store';

/** What `aid verify` prints: `key: value` lines, the first saying intact or broken (docs/audit.md). */
export function formatVerdict(schema: string, verdict: ChainVerdict): string {
  if (verdict.intact) {
    const head = verdict.head
      ? `link ${verdict.head.seq}, global position ${verdict.head.globalPosition}, hash ${verdict.head.hash}`
      : 'none (nothing chained yet)';
    return lines([
      [`verify ${schema}`, 'intact'],
      ['chained events', String(verdict.chained)],
      ['head', head],
      ['not yet chained', String(verdict.unchained)],
    ]);
  }
  const p = verdict.problem;
  return lines([
    [`verify ${schema}`, 'broken'],
    ['first break', p.kind],
    ['global position', p.globalPosition],
    ['stream', `${p.streamId} version ${p.streamVersion}`],
    ['event id', p.eventId],
    ['chain link', `${p.seq} (links 1 to ${verdict.verifiedBefore} verified)`],
    ['detail', p.detail],
  ]);
}

export type CheckpointComparison = { matches: true } | { matches: false; detail: string };

/** Holds the database's chain link at the checkpoint's place against the checkpoint. */
export function compareWithCheckpoint(
  checkpoint: ChainCheckpoint,
  link: { global_position: string; hash: string } | null,
): CheckpointComparison {
  const at = `link ${checkpoint.eventCount} (global position ${checkpoint.lastPosition})`;
  if (checkpoint.eventCount === 0) return { matches: true };
  if (!link)
    return { matches: false, detail: `the checkpoint's ${at} is not in the database's chain: events were removed` };
  if (link.global_position !== checkpoint.lastPosition) {
    return {
      matches: false,
      detail: `the checkpoint's ${at} is global position ${link.global_position} in the database`,
    };
  }
  if (link.hash !== checkpoint.headHash) {
    return {
      matches: false,
      detail: `the checkpoint's ${at} has hash ${checkpoint.headHash}, the database's ${link.hash}: history up to it was rewritten`,
    };
  }
  return { matches: true };
}

export function formatComparison(
  schema: string,
  checkpoint: ChainCheckpoint,
  comparison: CheckpointComparison,
): string {
  if (comparison.matches) {
    return lines([
      [
        'checkpoint',
        `matches (link ${checkpoint.eventCount}, global position ${checkpoint.lastPosition}, taken ${checkpoint.createdAt})`,
      ],
    ]);
  }
  return lines([
    [`verify ${schema}`, 'broken'],
    ['first break', 'checkpoint'],
    ['detail', comparison.detail],
  ]);
}

export function lines(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([k, v]) => `${k}: ${v}\n`).join('');
}
