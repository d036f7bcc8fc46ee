import { InputError } from '@aid/platform';
import { parseBillSubmission } from './submit-bill.input';

const bill = (overrides: Record<string, unknown> = {}) => ({
  claimId: 'XA-2019-0001',
  memberId: 'XA-0001-1',
  hospitalId: 'keyouqianqi-peoples-hospital',
  admissionDate: '2019-02-01',
  dischargeDate: '2019-02-10',
  visitType: 'INPATIENT',
  totalCost: '12000',
  eligibleCost: '10000.00',
  ...overrides,
});

function problems(body: unknown): { field: string; message: string }[] {
  try {
    parseBillSubmission(body);
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('a bill at the HTTP edge', () => {
  it('is read with canonical amounts', () => {
    expect(parseBillSubmission(bill())).toEqual({ ...bill(), totalCost: '12000.00' });
  });

  it("refuses a level or county flag: they are the registry's", () => {
    const found = problems(bill({ facilityLevel: 'TERTIARY', inCounty: false }));
    expect(found.map((p) => p.field)).toEqual(['facilityLevel', 'inCounty']);
    expect(found[0].message).toMatch(/facilities registry/);
  });

  it('refuses an admission before 2000-01-01, or after the discharge', () => {
    expect(problems(bill({ admissionDate: '1900-01-01' }))).toEqual([
      { field: 'admissionDate', message: 'must not be before 2000-01-01' },
    ]);
    expect(problems(bill({ admissionDate: '2019-02-11' })).map((p) => p.field)).toEqual(['dischargeDate']);
  });
});
