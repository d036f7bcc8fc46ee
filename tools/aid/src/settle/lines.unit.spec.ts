import { forEachLine, type ReadInto } from './lines';

/** A reader over bytes in memory that hands out at most `step` bytes a call, as a pipe might. */
function reader(text: string, step = Infinity): ReadInto {
  const source = Buffer.from(text, 'utf8');
  let at = 0;
  return (buffer, offset, length) => {
    const n = Math.min(length, step, source.length - at);
    source.copy(buffer, offset, at, at + n);
    at += n;
    return n;
  };
}

function lines(text: string, chunkBytes?: number, step?: number): [number, string][] {
  const seen: [number, string][] = [];
  forEachLine(
    reader(text, step),
    (bytes, start, end, line) => seen.push([line, bytes.toString('utf8', start, end)]),
    chunkBytes,
  );
  return seen;
}

describe('forEachLine', () => {
  it('numbers lines from 1 and drops their endings, \\n or \\r\\n', () => {
    expect(lines('a\nbb\r\nccc\n')).toEqual([
      [1, 'a'],
      [2, 'bb'],
      [3, 'ccc'],
    ]);
  });

  it('counts a last line without a newline, and empty lines as lines', () => {
    expect(lines('a\n\nb')).toEqual([
      [1, 'a'],
      [2, ''],
      [3, 'b'],
    ]);
  });

  it('finds no line in empty input, and one empty line in a lone newline', () => {
    expect(lines('')).toEqual([]);
    expect(lines('\n')).toEqual([[1, '']]);
  });

  it('joins lines that cross chunks, grows for lines longer than a chunk, and takes short reads', () => {
    const text = ['short', 'x'.repeat(50), 'mid-length line', '成员'.repeat(20), 'end'].join('\n');
    const expected = text.split('\n').map((l, i): [number, string] => [i + 1, l]);
    expect(lines(text, 8)).toEqual(expected);
    expect(lines(text, 16, 3)).toEqual(expected);
  });
});
