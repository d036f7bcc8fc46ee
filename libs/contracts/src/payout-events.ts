import type { Fund, Yuan } from './vocabulary';

/** Events on `aid.payout.v1`, keyed by household id. */

/** In county: a fund owes the hospital that advanced the money (先诊疗后付费). */
export interface HospitalReimbursementOwedV1 {
  claimId: string;
  householdId: string;
  memberId: string;
  hospitalId: string;
  fund: Fund;
  amount: Yuan;
  year: number;
  /** The discharge date's month, YYYY-MM: the monthly disbursement it belongs to (月拨付). */
  month: string;
}

/** Out of county: a fund owes the household, paid to its bank card (打卡结算). */
export interface BankCardPaymentDueV1 {
  claimId: string;
  householdId: string;
  memberId: string;
  fund: Fund;
  amount: Yuan;
  year: number;
  month: string;
}

export interface PayoutEvents {
  HospitalReimbursementOwed: HospitalReimbursementOwedV1;
  BankCardPaymentDue: BankCardPaymentDueV1;
}
