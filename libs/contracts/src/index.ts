export type { EventEnvelope } from './envelope';
export * from './vocabulary';
export * from './enrollment-events';
export * from './claims-events';
export * from './payout-events';
export * from './registry';
export { Checker, isCalendarDate, isRecord, type FieldProblem } from './check';
