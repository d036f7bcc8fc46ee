import { publicEvent, TOPIC_NAMES, type PublicEvent } from '@aid/contracts';
import { assertNever } from '@aid/event-store/decider';
import { publicMapping } from '@aid/relay';
import type { HouseholdEvent } from '../domain/events';

const topic = TOPIC_NAMES.enrollment;

/**
 * What of a household stream reaches `aid.enrollment.v1`. Each public field is copied by
 * name, so a field added to an internal event stays home until it is added here and to the
 * contract. Personal data has no field to travel in.
 */
export function enrollmentPublicEvent(event: HouseholdEvent): PublicEvent<typeof topic> | null {
  switch (event.type) {
    case 'HouseholdRegistered': {
      const { householdId, region, address, registeredOn, categories } = event.data;
      const { province, city, county, township, village } = address;
      return publicEvent(topic, 'HouseholdRegistered', {
        householdId,
        region,
        address: { province, city, county, township, village },
        registeredOn,
        categories: [...categories],
      });
    }
    case 'MemberAdded': {
      const { householdId, memberId, relation, birthDate, sex, categories, addedOn } = event.data;
      return publicEvent(topic, 'MemberAdded', {
        householdId,
        memberId,
        relation,
        birthDate,
        sex,
        categories: [...categories],
        addedOn,
      });
    }
    case 'MemberInsured': {
      const { householdId, memberId, year, premium, premiumSubsidy } = event.data;
      return publicEvent(topic, 'MemberInsured', { householdId, memberId, year, premium, premiumSubsidy });
    }
    case 'DiseaseCertified': {
      const { householdId, memberId, kind, diseaseCode, certifiedOn } = event.data;
      return publicEvent(topic, 'DiseaseCertified', { householdId, memberId, kind, diseaseCode, certifiedOn });
    }
    case 'PersonalDataErased':
      // The audit trail of a forgetting: agencies never held the personal data it erased.
      return null;
    case 'BankCardRegistered':
    case 'BankCardChanged':
      // Kept in the service for now: payout will need to know that a card is on file (never
      // its number) when it writes bank files; until then no agency reads it.
      return null;
    default:
      return assertNever(event, 'household event');
  }
}

export const enrollmentToPublic = publicMapping<HouseholdEvent>(enrollmentPublicEvent);
