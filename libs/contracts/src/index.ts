export type { EventEnvelope } from './envelope';
export * from './vocabulary';
export * from './enrollment-events';
export * from './claims-events';
export * from './payout-events';
export * from './registry';
export { contractExamples, malformedEvents, type MalformedEvent } from './malformed-events';
export {
  Checker,
  ID_HINT,
  ID_PATTERN,
  TRACE_HEADERS,
  isCalendarDate,
  isRecord,
  textProblem,
  traceHeaderProblem,
  type FieldProblem,
} from './check';
