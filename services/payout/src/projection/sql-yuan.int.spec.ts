import { MAX_AMOUNT_FEN, fenFromSql, formatYuan, parseYuan, sqlYuanToFen } from '@aid/money';
import { createTestSchema, type TestSchema } from '@aid/testing';
import fc from 'fast-check';

/** Strings that look like amounts, and many that nearly do. */
const amountLike = fc.oneof(
  fc.stringMatching(/^-?[0-9]{0,12}(\.[0-9]{0,3})?$/),
  fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', '+', 'e', ' ', ',', '\n'), maxLength: 14 }),
  fc.integer({ min: 0, max: MAX_AMOUNT_FEN + 1000 }).map((fen) => formatYuan(fen)),
);

describe('the projections read yuan in SQL as the codec reads it', () => {
  let db: TestSchema;
  beforeAll(async () => {
    db = await createTestSchema('payout_sql_yuan', { max: 2 });
  });
  afterAll(() => db.drop());

  /** The SQL cast on PostgreSQL: the fen, or the refusal. */
  const inSql = async (text: string): Promise<{ ok: true; value: number } | { ok: false; error: string }> => {
    try {
      const { rows } = await db.pool.query(`select ${sqlYuanToFen('$1::text')}::text as fen`, [text]);
      return { ok: true, value: fenFromSql(rows[0].fen) };
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
  };

  it('accepts and refuses the same strings as parseYuan, with the same value', async () => {
    await fc.assert(
      fc.asyncProperty(amountLike, async (text) => {
        const codec = parseYuan(text);
        const sql = await inSql(text);
        expect(sql.ok).toBe(codec.ok);
        if (codec.ok && sql.ok) expect(sql.value).toBe(codec.value);
        if (!sql.ok) expect(sql.error).toContain('not a yuan amount');
      }),
      { numRuns: 400 },
    );
  });
});
