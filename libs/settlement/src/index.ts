/**
 * @aid/settlement: the five-layer settlement of one medical bill (docs/settlement.md), pure and
 * free of I/O. Amounts are integer fen, rates integers per 10,000:
 * money is read and written through @aid/money, which this library does not re-export.
 */
export {
  CATEGORIES,
  FACILITY_LEVELS,
  VISIT_TYPES,
  isCategory,
  isFacilityLevel,
  isVisitType,
  type Category,
  type FacilityLevel,
  type VisitType,
} from './vocabulary';
export { resolve, type Overridable } from './overrides';
export {
  BILL_FIELDS,
  isCalendarDate,
  isCalendarDay,
  parseBill,
  yearOf,
  type Bill,
  type BillParse,
  type FieldError,
} from './bill';
export type {
  BackstopLayer,
  BasicMedicalLayer,
  ByLevel,
  Cap,
  ChronicOutpatientCover,
  CriticalIllnessLayer,
  Layers,
  MedicalAssistanceLayer,
  Policy,
  ReviewRule,
  SupplementaryLayer,
  Tier,
} from './policy/policy';
export { formatPath, parsePolicy, type PathSegment, type PolicyError, type PolicyParse } from './policy/parse-policy';
export { emptyAccumulators, type Accumulators } from './settle/accumulators';
export { SETTLEMENT_AMOUNTS, settle, type Settlement } from './settle/settle';
export {
  termsFor,
  type BackstopTerms,
  type BasicMedicalTerms,
  type CriticalIllnessTerms,
  type MedicalAssistanceTerms,
  type MemberTerms,
  type SupplementaryTerms,
} from './settle/terms';
