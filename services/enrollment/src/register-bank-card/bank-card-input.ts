import type { Checker } from '@aid/contracts';
import { parseBankCardNumber } from '../domain/bank-card-number';
import { bodyObject } from '../shared/input';

export interface BankCardInput {
  cardNumber: string;
  bankName: string;
  holderName: string;
}

/** The body of `PUT /members/:memberId/bank-card`. No message repeats the number. */
export function bankCardInput(c: Checker, body: unknown): BankCardInput {
  const b = bodyObject(c, body);
  c.noOtherFields(b, ['cardNumber', 'bankName', 'holderName']);
  const parsed = parseBankCardNumber(b.cardNumber);
  if (!parsed.ok) c.fail('cardNumber', parsed.reason);
  const bankName = c.string(b, 'bankName', { max: 50 }).trim();
  const holderName = c.string(b, 'holderName', { max: 100 }).trim();
  return { cardNumber: parsed.ok ? parsed.value : '', bankName, holderName };
}
