import { DISEASE_CODES_OF_REGION, isRegion } from '@aid/contracts';
import type { CertifyDisease } from './commands';
import type { DiseaseCertified } from './events';
import { memberOf, notAfterToday, registeredHousehold } from './guards';
import { conflict, rule } from '@aid/event-store/decider';
import type { HouseholdState } from './state';

/** A major (大病) or chronic (门诊慢病) disease certified for a member. */
export function certifyDisease(command: CertifyDisease, state: HouseholdState): [DiseaseCertified] | [] {
  const d = command.data;
  const household = registeredHousehold(state, d.householdId);
  const member = memberOf(household, d.memberId);
  const certified = member.diseases.find((x) => x.kind === d.kind && x.diseaseCode === d.diseaseCode);
  if (certified) {
    if (certified.certifiedOn === d.certifiedOn) return [];
    throw conflict(
      'DISEASE_ALREADY_CERTIFIED',
      `member ${d.memberId} already has ${d.kind} ${d.diseaseCode} certified`,
    );
  }
  const listed = isRegion(household.region) ? DISEASE_CODES_OF_REGION[household.region][d.kind] : [];
  if (!listed.includes(d.diseaseCode)) {
    throw rule(
      'DISEASE_NOT_ON_REGION_LIST',
      `diseaseCode ${d.diseaseCode} is not a ${d.kind} disease on the list of region ${household.region}`,
    );
  }
  notAfterToday('certifiedOn', d.certifiedOn, d.today);
  if (d.certifiedOn < member.addedOn) {
    throw rule(
      'CERTIFIED_BEFORE_REGISTRATION',
      `certifiedOn ${d.certifiedOn} is before the member was registered (${member.addedOn})`,
    );
  }
  return [
    {
      type: 'DiseaseCertified',
      data: {
        householdId: d.householdId,
        memberId: d.memberId,
        kind: d.kind,
        diseaseCode: d.diseaseCode,
        certifiedOn: d.certifiedOn,
      },
    },
  ];
}
