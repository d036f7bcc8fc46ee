import type { ChainCheckpoint } from '@aid/event-store';
import { compareWithCheckpoint, formatVerdict } from './output';

const checkpoint = { eventCount: 4, lastPosition: '4', headHash: 'a'.repeat(64) } as ChainCheckpoint;

describe('aid verify output', () => {
  it('prints an intact chain as key: value lines', () => {
    expect(formatVerdict('claims', { intact: true, chained: 0, head: null, unchained: 2 })).toBe(
      'verify claims: intact\nchained events: 0\nhead: none (nothing chained yet)\nnot yet chained: 2\n',
    );
  });

  it('names the first break by position, stream and event id', () => {
    const text = formatVerdict('claims', {
      intact: false,
      verifiedBefore: 6,
      problem: {
        kind: 'removed',
        seq: 7,
        globalPosition: '9',
        streamId: 'claim-1',
        streamVersion: 2,
        eventId: 'e-1',
        detail: 'gone',
      },
    });
    expect(text).toBe(
      'verify claims: broken\nfirst break: removed\nglobal position: 9\nstream: claim-1 version 2\nevent id: e-1\nchain link: 7 (links 1 to 6 verified)\ndetail: gone\n',
    );
  });
});

describe('compareWithCheckpoint', () => {
  it('matches the link at the checkpoint place with the same position and hash', () => {
    expect(compareWithCheckpoint(checkpoint, { global_position: '4', hash: 'a'.repeat(64) })).toEqual({
      matches: true,
    });
  });

  it.each<[string, { global_position: string; hash: string } | null, string]>([
    ['a missing link', null, 'not in the database'],
    ['another position', { global_position: '5', hash: 'a'.repeat(64) }, 'is global position 5'],
    ['another hash', { global_position: '4', hash: 'b'.repeat(64) }, 'was rewritten'],
  ])('fails on %s', (_, link, detail) => {
    expect(compareWithCheckpoint(checkpoint, link)).toEqual({
      matches: false,
      detail: expect.stringContaining(detail),
    });
  });
});
