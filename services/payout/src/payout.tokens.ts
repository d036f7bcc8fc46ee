/** Injection token: controllers reach payout's parts (data source, event store) through it. */
export const PAYOUT = Symbol('PAYOUT');
