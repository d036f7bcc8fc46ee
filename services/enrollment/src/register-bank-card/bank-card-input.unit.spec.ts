import { Checker } from '@aid/contracts';
import { bankCardInput } from './bank-card-input';

const VALID = { cardNumber: '4111111111111111', bankName: '中国农业银行乌兰浩特支行', holderName: '张三' };

function problems(body: unknown) {
  const c = new Checker();
  bankCardInput(c, body);
  return c.problems;
}

describe('the body of PUT /members/:id/bank-card', () => {
  it('takes the number, the bank and the holder, trimmed', () => {
    const c = new Checker();
    expect(bankCardInput(c, { ...VALID, holderName: ' 张三 ' })).toEqual(VALID);
    expect(c.problems).toEqual([]);
  });

  it('names cardNumber and never echoes it', () => {
    for (const cardNumber of ['4111111111111112', '41111111 11111111', '411111111111', '41111111111111111111']) {
      const found = problems({ ...VALID, cardNumber });
      expect(found.map((p) => p.field)).toEqual(['cardNumber']);
      for (const p of found) expect(p.message).not.toContain(cardNumber.slice(-4));
    }
    expect(problems({ ...VALID, cardNumber: undefined }).map((p) => p.field)).toEqual(['cardNumber']);
  });

  it('names every missing, bad or unknown field', () => {
    expect(problems({ extra: 1 }).map((p) => p.field)).toEqual(['extra', 'cardNumber', 'bankName', 'holderName']);
    expect(problems({ ...VALID, bankName: 'x'.repeat(51), holderName: 'a\u0000b' }).map((p) => p.field)).toEqual([
      'bankName',
      'holderName',
    ]);
    expect(problems([]).map((p) => p.field)).toContain('body');
  });
});
