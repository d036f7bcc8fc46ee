import type { BankCardPaymentDueV1, BillSettledV1, Fund, HospitalReimbursementOwedV1, Payee } from '@aid/contracts';
import type { Decider } from '@aid/event-store/decider';
import { formatYuan, parseYuan, type Fen } from '../../domain/money';

/**
 * What one settled bill leaves owing, on a stream per claim (`payables-<claimId>`).
 * In county the hospital advanced the money (先诊疗后付费): each layer's fund owes it.
 * Out of county the household paid: each layer's fund owes the household's bank card (打卡结算).
 */

export const payablesStreamId = (claimId: string): string => `payables-${claimId}`;

/** Internal (not on the topic): which settlement this claim's payables answer, and their sum. */
export interface PayablesRecordedV1 {
  claimId: string;
  householdId: string;
  memberId: string;
  hospitalId: string;
  payee: Payee;
  year: number;
  month: string;
  /** The BillSettled event recorded; a redelivery of it changes nothing. */
  settlementEventId: string;
  /** Sum of the amounts owed, yuan. */
  total: string;
  /** How many payable events follow: one per layer with a non-zero amount. */
  payables: number;
}

export type PayablesEvent =
  | { type: 'PayablesRecorded'; data: PayablesRecordedV1 }
  | { type: 'HospitalReimbursementOwed'; data: HospitalReimbursementOwedV1 }
  | { type: 'BankCardPaymentDue'; data: BankCardPaymentDueV1 };

export interface RecordPayables {
  type: 'RecordPayables';
  data: { settlementEventId: string; settlement: BillSettledV1 };
}

export type PayablesCommand = RecordPayables;

export type PayablesState =
  | { status: 'NotRecorded' }
  | {
      status: 'Recorded';
      claimId: string;
      settlementEventId: string;
      payee: Payee;
      total: Fen;
      payables: number;
    };

/** A command the rules refuse; never worth retrying. */
export class PayablesRefused extends Error {
  readonly retriable = false;
  constructor(
    readonly code: 'CLAIM_ALREADY_RECORDED',
    message: string,
  ) {
    super(message);
    this.name = 'PayablesRefused';
  }
}

export function initialState(): PayablesState {
  return { status: 'NotRecorded' };
}

export function evolve(state: PayablesState, event: PayablesEvent): PayablesState {
  switch (event.type) {
    case 'PayablesRecorded':
      return {
        status: 'Recorded',
        claimId: event.data.claimId,
        settlementEventId: event.data.settlementEventId,
        payee: event.data.payee,
        total: parseYuan(event.data.total),
        payables: event.data.payables,
      };
    case 'HospitalReimbursementOwed':
    case 'BankCardPaymentDue':
      return state;
    default:
      return unreachable(event, 'event');
  }
}

export function decide(command: PayablesCommand, state: PayablesState): PayablesEvent[] {
  switch (command.type) {
    case 'RecordPayables':
      return recordPayables(command, state);
    default:
      return unreachable(command.type, 'command');
  }
}

export const payablesDecider: Decider<PayablesState, PayablesCommand, PayablesEvent> = {
  initialState,
  evolve,
  decide,
};

function recordPayables(command: RecordPayables, state: PayablesState): PayablesEvent[] {
  const { settlement: s, settlementEventId } = command.data;
  if (state.status === 'Recorded') {
    // The same settlement delivered again: already recorded, nothing to add.
    if (state.settlementEventId === settlementEventId) return [];
    throw new PayablesRefused(
      'CLAIM_ALREADY_RECORDED',
      `claim ${s.claimId}: payables were already recorded from settlement ${state.settlementEventId}; ` +
        `settlement ${settlementEventId} would pay it twice`,
    );
  }
  const month = s.dischargeDate.slice(0, 7);
  const owed: { fund: Fund; fen: Fen }[] = [];
  for (const layer of s.layers) {
    const fen = parseYuan(layer.amount);
    if (fen > 0n) owed.push({ fund: layer.fund, fen });
  }
  const total = owed.reduce((sum, o) => sum + o.fen, 0n);
  const recorded: PayablesEvent = {
    type: 'PayablesRecorded',
    data: {
      claimId: s.claimId,
      householdId: s.householdId,
      memberId: s.memberId,
      hospitalId: s.hospitalId,
      payee: s.payee,
      year: s.year,
      month,
      settlementEventId,
      total: formatYuan(total),
      payables: owed.length,
    },
  };
  const payables = owed.map(({ fund, fen }): PayablesEvent => {
    const common = {
      claimId: s.claimId,
      householdId: s.householdId,
      memberId: s.memberId,
      fund,
      amount: formatYuan(fen),
      year: s.year,
      month,
    };
    switch (s.payee) {
      case 'HOSPITAL':
        return { type: 'HospitalReimbursementOwed', data: { ...common, hospitalId: s.hospitalId } };
      case 'HOUSEHOLD_BANK_CARD':
        return { type: 'BankCardPaymentDue', data: common };
      default:
        return unreachable(s.payee, 'payee');
    }
  });
  return [recorded, ...payables];
}

function unreachable(value: never, what: string): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
