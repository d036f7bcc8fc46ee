import { parseContractEvent, schemaVersionOf, TOPIC_NAMES, type EventEnvelope } from '@aid/contracts';
import { fold } from '@aid/event-store';
import type { HouseholdCommand } from './commands';
import { PUBLISHED_EVENT_TYPES, type HouseholdEvent } from './events';
import { householdDecider } from './household';
import {
  aHouseholdWithAMember,
  certifyDiseaseCommand,
  erasePersonalDataCommand,
  insureMemberCommand,
  registerHouseholdCommand,
} from '../testing/household-fixtures';

const topic = TOPIC_NAMES.enrollment;

function envelope(event: HouseholdEvent): EventEnvelope {
  return {
    eventId: '00000000-0000-4000-8000-000000000001',
    type: event.type,
    schemaVersion: schemaVersionOf(topic, event.type) ?? 1,
    streamId: 'household-hh-1',
    streamVersion: 1,
    globalPosition: '1',
    partitionKey: 'hh-1',
    correlationId: 'c-1',
    causationId: null,
    occurredAt: '2020-06-30T02:00:00.000Z',
    data: event.data,
  };
}

describe('events on aid.enrollment.v1', () => {
  const history = aHouseholdWithAMember();
  const commands: HouseholdCommand[] = [
    insureMemberCommand({ premiumFen: 32000, premiumSubsidyFen: 0 }),
    certifyDiseaseCommand(),
  ];
  const emitted = [
    ...householdDecider.decide(registerHouseholdCommand(), fold(householdDecider, [])),
    ...commands.flatMap((c) => householdDecider.decide(c, fold(householdDecider, history))),
  ];

  it('covers every published type', () => {
    expect([...new Set(emitted.map((e) => e.type))].sort()).toEqual([...PUBLISHED_EVENT_TYPES].sort());
  });

  it.each(emitted.map((e) => [e.type, e] as const))('%s passes the contract registry check', (_type, event) => {
    expect(parseContractEvent(topic, envelope(event))).toMatchObject({ ok: true });
  });

  it('keeps PersonalDataErased home: the registry does not list it, so the relay never publishes it', () => {
    const [erased] = householdDecider.decide(erasePersonalDataCommand(), fold(householdDecider, history));
    expect(erased.type).toBe('PersonalDataErased');
    expect(schemaVersionOf(topic, erased.type)).toBeUndefined();
  });
});
