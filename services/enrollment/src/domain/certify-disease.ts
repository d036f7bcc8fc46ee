import type { CertifyDisease } from './commands';
import type { DiseaseCertified } from './events';
import { memberOf, notAfterToday, registeredHousehold } from './guards';
import { conflict, rule } from '@aid/event-store/decider';
import type { HouseholdState } from './state';

/** A major (大病) or chronic (门诊慢病) disease certified for a member. */
export function certifyDisease(command: CertifyDisease, state: HouseholdState): [DiseaseCertified] {
  const d = command.data;
  const household = registeredHousehold(state, d.householdId);
  const member = memberOf(household, d.memberId);
  if (member.diseases.some((x) => x.kind === d.kind && x.diseaseCode === d.diseaseCode)) {
    throw conflict(
      'DISEASE_ALREADY_CERTIFIED',
      `member ${d.memberId} already has ${d.kind} ${d.diseaseCode} certified`,
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
