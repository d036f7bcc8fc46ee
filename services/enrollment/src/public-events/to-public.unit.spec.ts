import { checkPublicEvent, contractTypes, parseContractEvent, TOPIC_NAMES } from '@aid/contracts';
import { onTheTopic, withMore } from '@aid/testing/contracts';
import { fold } from '@aid/event-store';
import type { HouseholdCommand } from '../domain/commands';
import type { HouseholdEvent } from '../domain/events';
import { householdDecider } from '../domain/household';
import {
  aHouseholdWithAMember,
  certifyDiseaseCommand,
  erasePersonalDataCommand,
  insureMemberCommand,
  registerHouseholdCommand,
} from '../testing/household-fixtures';
import { enrollmentPublicEvent } from './to-public';

const topic = TOPIC_NAMES.enrollment;

/** Every kind of event the household decider makes, as it makes them. */
function everyHouseholdEvent(): HouseholdEvent[] {
  const history = aHouseholdWithAMember();
  const commands: HouseholdCommand[] = [
    insureMemberCommand({ premiumFen: 32000, premiumSubsidyFen: 0 }),
    certifyDiseaseCommand(),
    erasePersonalDataCommand(),
  ];
  return [
    ...householdDecider.decide(registerHouseholdCommand(), fold(householdDecider, [])),
    ...commands.flatMap((c) => householdDecider.decide(c, fold(householdDecider, history))),
  ];
}

const ENVELOPE = {
  eventId: '00000000-0000-4000-8000-000000000001',
  streamId: 'household-hh-1',
  streamVersion: 1,
  globalPosition: '1',
  partitionKey: 'hh-1',
  correlationId: 'c-1',
  causationId: null,
  occurredAt: '2020-06-30T02:00:00.000Z',
} as const;

describe('enrollment publishes the aid.enrollment.v1 contract', () => {
  const emitted = everyHouseholdEvent();
  const published = emitted.map((e) => [e.type, enrollmentPublicEvent(e)] as const);

  it('publishes every type the registry lists for its topic, and no other', () => {
    const types = published.flatMap(([, p]) => (p ? [p.type] : []));
    expect([...new Set(types)].sort()).toEqual([...contractTypes(topic)].sort());
  });

  it.each(published.filter(([, p]) => p !== null))('%s passes the registry check at its newest version', (_type, p) => {
    expect(checkPublicEvent(topic, p!)).toEqual([]);
    expect(parseContractEvent(topic, onTheTopic(p!, ENVELOPE))).toMatchObject({ ok: true, event: { data: p!.data } });
  });

  it('keeps PersonalDataErased home', () => {
    expect(published.filter(([type]) => type === 'PersonalDataErased')).toEqual([['PersonalDataErased', null]]);
  });

  it('lets no new internal field out: each public field is copied by name', () => {
    for (const event of emitted) {
      const more = withMore(event, { internalNote: 'stays home' });
      if (more.type === 'HouseholdRegistered')
        more.data.address = { ...more.data.address, ...{ gpsPoint: '46.08,122.05' } };
      expect(enrollmentPublicEvent(more)).toEqual(enrollmentPublicEvent(event));
    }
  });
});
