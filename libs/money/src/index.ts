/**
 * Money: integer fen inside, decimal yuan strings at every edge, one grammar for all of
 * them. Rates are integers per 10,000. See money.ts for why plain numbers are exact here.
 */
export {
  FEN_PER_YUAN,
  MAX_AMOUNT_FEN,
  MoneyError,
  RATE_SCALE,
  YUAN_PATTERN,
  applyRate,
  divideRoundHalfUp,
  fenFromSql,
  formatRate,
  formatYuan,
  parseRate,
  parseYuan,
  sqlYuanToFen,
  sumFen,
  yuanToFen,
  type Fen,
  type Parsed,
  type Rate,
} from './money';
export { describe as describeValue } from './describe';
