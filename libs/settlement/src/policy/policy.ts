import type { Fen, Rate } from '@aid/money';
import type { Overridable } from '../overrides';
import type { Category, FacilityLevel } from '../vocabulary';

/** One region's five layers for one calendar year, amounts in fen and rates in ten-thousandths. */
export interface Policy {
  readonly region: string;
  readonly year: number;
  /** A layer left out of the policy pays nothing. */
  readonly layers: Layers;
  /** Absent: every bill is settled at once. */
  readonly review?: ReviewRule;
}

/**
 * Bills the region wants a person to look at before any fund pays: held, not settled, until
 * approved or rejected.
 */
export interface ReviewRule {
  /** A bill whose total cost is above this (fen) is held for review. */
  readonly billTotalAbove: Fen;
}

export interface Layers {
  readonly basicMedical?: BasicMedicalLayer;
  readonly criticalIllness?: CriticalIllnessLayer;
  readonly supplementary?: SupplementaryLayer;
  readonly medicalAssistance?: MedicalAssistanceLayer;
  readonly backstop?: BackstopLayer;
}

/** An annual cap in fen; `null` means no cap. */
export type Cap = Fen | null;

export type ByLevel<T> = Readonly<Record<FacilityLevel, T>>;

/** 基本医保 */
export interface BasicMedicalLayer {
  readonly deductible: Overridable<ByLevel<Fen>>;
  /** Categories whose in-county inpatient deductible is waived (起付线取消). */
  readonly waiveDeductibleInCountyFor: readonly Category[];
  readonly rate: Overridable<ByLevel<Rate>>;
  readonly outOfCountyRateReduction: Overridable<Rate>;
  /** Added to the rate; a member gets the largest bonus among their categories (两倾斜). */
  readonly rateBonus: Readonly<Partial<Record<Category, Rate>>>;
  /** Annual cap on what the layer pays for inpatient bills. */
  readonly annualCap: Overridable<Cap>;
  /** Absent: chronic outpatient bills get nothing from this layer. */
  readonly chronicOutpatient?: ChronicOutpatientCover;
}

/** 门诊慢病: no deductible, own rate and own annual cap. */
export interface ChronicOutpatientCover {
  readonly rate: Overridable<Rate>;
  readonly annualCap: Overridable<Cap>;
}

/** One band of critical-illness cover, measured above the annual deductible. */
export interface Tier {
  /** Where the band ends; `null` for the last, open-ended band. */
  readonly upTo: Fen | null;
  readonly rate: Rate;
}

/** 大病保险 */
export interface CriticalIllnessLayer {
  readonly deductible: Overridable<Fen>;
  /** Bands in rising order of `upTo`. */
  readonly tiers: Overridable<readonly Tier[]>;
  readonly annualCap: Overridable<Cap>;
}

/** 商业补充保险 */
export interface SupplementaryLayer {
  readonly for: readonly Category[];
  readonly deductible: Overridable<Fen>;
  readonly rate: Overridable<Rate>;
  readonly annualCap: Overridable<Cap>;
}

/** 医疗救助 */
export interface MedicalAssistanceLayer {
  readonly for: readonly Category[];
  readonly majorDiseasesOnly: Overridable<boolean>;
  readonly rate: Overridable<Rate>;
  readonly annualCap: Overridable<Cap>;
}

/** 兜底保障: pays whatever the patient's share exceeds the smaller of its limits by. */
export interface BackstopLayer {
  readonly for: readonly Category[];
  /** Share of the whole bill the patient keeps at most; `null`: no such limit. */
  readonly maxShareOfTotal: Overridable<Rate | null>;
  /** The patient's out-of-pocket in a year at most; `null`: no such limit. */
  readonly annualOutOfPocketCap: Overridable<Cap>;
  readonly inCountyOnly: Overridable<boolean>;
}
