import { DAILY_LIST_MAX_LINES, parseDailyList } from './daily-list';

const DAY = '2019-03-11';
const HEADER = 'claim_id,member_id,discharge_date,fund,amount';
const bytes = (text: string) => new TextEncoder().encode(text);
const parse = (text: string) => parseDailyList(bytes(text), DAY);

describe('reading a hospital day list (CSV)', () => {
  it('reads every line to integer fen, with or without a BOM, CRLF or a final line break', () => {
    const body = [
      HEADER,
      'claim-1,member-1,2019-03-11,BASIC_MEDICAL_INSURANCE_FUND,6800.00',
      'claim-1,member-1,2019-03-11,MEDICAL_ASSISTANCE_FUND,1200.25',
      'claim-2,member-7,2019-03-11,BASIC_MEDICAL_INSURANCE_FUND,0.5',
    ];
    const expected = {
      ok: true,
      lines: [
        { claimId: 'claim-1', memberId: 'member-1', fund: 'BASIC_MEDICAL_INSURANCE_FUND', amount: 680000 },
        { claimId: 'claim-1', memberId: 'member-1', fund: 'MEDICAL_ASSISTANCE_FUND', amount: 120025 },
        { claimId: 'claim-2', memberId: 'member-7', fund: 'BASIC_MEDICAL_INSURANCE_FUND', amount: 50 },
      ],
    };
    expect(parse(body.join('\n'))).toEqual(expected);
    expect(parse('\ufeff' + body.join('\r\n') + '\r\n')).toEqual(expected);
  });

  it('reads a header alone as a day with nothing settled', () => {
    expect(parse(HEADER + '\n')).toEqual({ ok: true, lines: [] });
  });

  it('names every bad line and column at once, and keeps none of the file', () => {
    const result = parse(
      [
        HEADER,
        'claim-1,member-1,2019-03-11,BASIC_MEDICAL_INSURANCE_FUND,6800.00',
        'claim 2,member-1,2019-03-12,NO_SUCH_FUND,-3',
        'claim-3,member-1,2019-02-30,BASIC_MEDICAL_INSURANCE_FUND,1.005',
        '',
        'claim-4,member-1,2019-03-11',
        'claim-1,member-1,2019-03-11,BASIC_MEDICAL_INSURANCE_FUND,1.00',
        'claim-5,member-1,2019-03-11,BASIC_MEDICAL_INSURANCE_FUND,0.00',
      ].join('\n'),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual([
      'line 3.claim_id',
      'line 3.discharge_date',
      'line 3.fund',
      'line 3.amount',
      'line 4.discharge_date',
      'line 4.amount',
      'line 5',
      'line 6',
      'line 7.claim_id',
      'line 8.amount',
    ]);
    expect(result.problems).toContainEqual({
      field: 'line 3.discharge_date',
      message: 'must be 2019-03-11, the day this list is for',
    });
    expect(result.problems).toContainEqual({ field: 'line 5', message: 'is empty' });
    expect(result.problems).toContainEqual({
      field: 'line 7.claim_id',
      message: 'claim and fund are already on line 2 (one line per claim and fund)',
    });
  });

  it('refuses a file without the header line, or not in UTF-8', () => {
    expect(parse('claim-1,member-1,2019-03-11,BASIC_MEDICAL_INSURANCE_FUND,1.00')).toEqual({
      ok: false,
      problems: [{ field: 'line 1', message: `must be the header line ${HEADER}` }],
    });
    expect(parseDailyList(new Uint8Array([0x63, 0xff, 0xfe]), DAY)).toEqual({
      ok: false,
      problems: [{ field: 'file', message: 'must be text in UTF-8' }],
    });
  });

  it(`refuses more than ${DAILY_LIST_MAX_LINES} lines without reading them`, () => {
    const line = (n: number) => `claim-${n},member-1,2019-03-11,BASIC_MEDICAL_INSURANCE_FUND,1.00`;
    const lines = Array.from({ length: DAILY_LIST_MAX_LINES }, (_, n) => line(n));
    expect(parse([HEADER, ...lines].join('\n')).ok).toBe(true);
    const result = parse([HEADER, ...lines, line(DAILY_LIST_MAX_LINES)].join('\n'));
    expect(result).toEqual({
      ok: false,
      problems: [{ field: 'file', message: expect.stringMatching(/has 5001 lines; at most 5000/) }],
    });
  });
});
