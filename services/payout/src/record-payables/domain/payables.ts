import type { BillSettledV1, Fund } from '@aid/contracts';
import { assertNever, type Decider } from '@aid/event-store/decider';
import { formatYuan, sumFen, yuanToFen, type Fen } from '@aid/money';
import type { Payee, PayoutEvent } from './payout-events';

/**
 * What one settled bill leaves owing, on a stream per claim (`payables-<claimId>`).
 * In county the hospital advanced the money (先诊疗后付费): each layer's fund owes it.
 * Out of county the household paid: each layer's fund owes the household's bank card (打卡结算).
 */

export const payablesStreamId = (claimId: string): string => `payables-${claimId}`;

export type PayablesEvent = PayoutEvent;

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
        total: yuanToFen(event.data.total, 'PayablesRecorded.total'),
        payables: event.data.payables,
      };
    case 'HospitalReimbursementOwed':
    case 'BankCardPaymentDue':
      return state;
    default:
      return assertNever(event, 'event');
  }
}

export function decide(command: PayablesCommand, state: PayablesState): PayablesEvent[] {
  switch (command.type) {
    case 'RecordPayables':
      return recordPayables(command, state);
    default:
      return assertNever(command.type, 'command');
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
  s.layers.forEach((layer, i) => {
    const fen = yuanToFen(layer.amount, `settlement.layers[${i}].amount`);
    if (fen > 0) owed.push({ fund: layer.fund, fen });
  });
  const total = sumFen(owed.map((o) => o.fen));
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
      day: s.dischargeDate,
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
      day: s.dischargeDate,
      programme: 'MEDICAL' as const,
    };
    switch (s.payee) {
      case 'HOSPITAL':
        return {
          type: 'HospitalReimbursementOwed',
          data: { ...common, payee: 'HOSPITAL', hospitalId: s.hospitalId },
        };
      case 'HOUSEHOLD_BANK_CARD':
        return { type: 'BankCardPaymentDue', data: { ...common, payee: 'HOUSEHOLD_BANK_CARD' } };
      default:
        return assertNever(s.payee, 'payee');
    }
  });
  return [recorded, ...payables];
}
