import type { Fund, Programme, Yuan } from './vocabulary';

/**
 * Events on `aid.payout.v1`, keyed by household id. Consumers always see the newest version:
 * the registry upcasts older messages at the topic edge (docs/topics.md).
 */

/** v1, as published before programmes existed: medical aid only, payee implied by the type. */
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

/** In county: a fund owes the hospital that advanced the money (先诊疗后付费). */
export interface HospitalReimbursementOwedV2 extends HospitalReimbursementOwedV1 {
  /** Which aid programme pays it. */
  programme: Programme;
  /** Always the hospital on this type: named so that every payable says whom it pays. */
  payee: 'HOSPITAL';
}

/** v1, as published before programmes existed. */
export interface BankCardPaymentDueV1 {
  claimId: string;
  householdId: string;
  memberId: string;
  fund: Fund;
  amount: Yuan;
  year: number;
  month: string;
}

/** Out of county: a fund owes the household, paid to its bank card (打卡结算). */
export interface BankCardPaymentDueV2 extends BankCardPaymentDueV1 {
  programme: Programme;
  /** Always the household's bank card on this type. */
  payee: 'HOUSEHOLD_BANK_CARD';
}

/** The newest version of each type: what payout publishes and what consumers are handed. */
export interface PayoutEvents {
  HospitalReimbursementOwed: HospitalReimbursementOwedV2;
  BankCardPaymentDue: BankCardPaymentDueV2;
}
