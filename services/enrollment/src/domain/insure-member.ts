import { formatYuan } from '@aid/money';
import type { InsureMember } from './commands';
import type { MemberInsured } from './events';
import { memberOf, registeredHousehold, yearOf } from './guards';
import { conflict, rule } from '@aid/event-store/decider';
import type { HouseholdState } from './state';

/**
 * Enrolls a member in basic medical insurance for a calendar year. The subsidy (资助参保)
 * pays part or all of the premium; it can never exceed it. Enrollment for next year opens
 * before this one ends, so next year is accepted, but no later.
 */
export function insureMember(command: InsureMember, state: HouseholdState): [MemberInsured] | [] {
  const d = command.data;
  const household = registeredHousehold(state, d.householdId);
  const member = memberOf(household, d.memberId);
  const insured = member.insurance.find((i) => i.year === d.year);
  if (insured) {
    // The same enrolment again is a retry: nothing new. Other amounts for the year are a conflict.
    if (
      Number.isSafeInteger(d.premiumFen) &&
      Number.isSafeInteger(d.premiumSubsidyFen) &&
      insured.premium === formatYuan(d.premiumFen) &&
      insured.premiumSubsidy === formatYuan(d.premiumSubsidyFen)
    )
      return [];
    throw conflict('ALREADY_INSURED', `member ${d.memberId} is already insured for ${d.year}`);
  }
  if (d.year < yearOf(household.registeredOn)) {
    throw rule(
      'INSURANCE_YEAR_BEFORE_REGISTRATION',
      `year ${d.year} is before the household was registered (${household.registeredOn})`,
    );
  }
  if (d.year < yearOf(member.birthDate)) {
    throw rule('INSURANCE_YEAR_BEFORE_BIRTH', `year ${d.year} is before the member was born`);
  }
  if (d.year > yearOf(d.today) + 1) {
    throw rule('INSURANCE_YEAR_TOO_FAR_AHEAD', `year ${d.year} is more than one year ahead of today (${d.today})`);
  }
  if (!isFen(d.premiumFen) || !isFen(d.premiumSubsidyFen)) {
    throw rule('INVALID_AMOUNT', 'premium and premiumSubsidy must be whole, non-negative amounts of fen');
  }
  if (d.premiumSubsidyFen > d.premiumFen) {
    throw rule(
      'SUBSIDY_EXCEEDS_PREMIUM',
      `the subsidy ${formatYuan(d.premiumSubsidyFen)} exceeds the premium ${formatYuan(d.premiumFen)}`,
    );
  }
  return [
    {
      type: 'MemberInsured',
      data: {
        householdId: d.householdId,
        memberId: d.memberId,
        year: d.year,
        premium: formatYuan(d.premiumFen),
        premiumSubsidy: formatYuan(d.premiumSubsidyFen),
      },
    },
  ];
}

function isFen(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}
