import { InputError } from '@aid/platform';
import { parseDesignation, parseDetails, parseEnd } from './facilities.input';

const body = (overrides: Record<string, unknown> = {}) => ({
  facilityId: 'etizhen-health-center',
  name: '额尔格图镇卫生院',
  level: 'PRIMARY',
  county: '科尔沁右翼前旗',
  region: 'xingan-league',
  inCounty: true,
  designatedFrom: '2015-01-01',
  accounts: { MEDICAL_ASSISTANCE_FUND: '622202020011223344' },
  ...overrides,
});

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => p.field);
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('a facility at the HTTP edge', () => {
  it('is read whole, an absent end of designation meaning open-ended', () => {
    expect(parseDesignation(body())).toEqual({ ...body(), designatedUntil: null });
  });

  it('names each bad field, accounts by fund', () => {
    expect(
      problems(() =>
        parseDesignation(
          body({
            level: 'CLINIC',
            inCounty: 'yes',
            designatedUntil: '2014-12-31',
            accounts: {
              MEDICAL_ASSISTANCE_FUND: '6222-0202-0011',
              BASIC_MEDICAL_INSURANCE_FUND: '12345678',
              BANK: '622202020011223344',
            },
            colour: 'red',
          }),
        ),
      ).sort(),
    ).toEqual(
      [
        'accounts.BANK',
        'accounts.BASIC_MEDICAL_INSURANCE_FUND',
        'accounts.MEDICAL_ASSISTANCE_FUND',
        'colour',
        'designatedUntil',
        'inCounty',
        'level',
      ].sort(),
    );
  });

  it('takes the id from the path on a change, never from the body', () => {
    expect(problems(() => parseDetails('etizhen-health-center', body()))).toEqual(['facilityId']);
    const { facilityId: _id, ...details } = body();
    expect(parseDetails('etizhen-health-center', details).facilityId).toBe('etizhen-health-center');
  });

  it('ends a designation on a calendar day, with a reason', () => {
    expect(parseEnd({ until: '2019-12-31', reason: 'agreement not renewed' })).toEqual({
      until: '2019-12-31',
      reason: 'agreement not renewed',
    });
    expect(problems(() => parseEnd({ until: '2019-02-30' })).sort()).toEqual(['reason', 'until']);
  });
});
