import type { RecordedEvent } from '../port';

/**
 * A decider is the whole of an aggregate's rules as three pure functions: where a stream
 * starts, how one event changes the state, and which events a command produces (or which
 * error it is refused with). No I/O, no clock, no random ids: those come in the command.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export interface Decider<State, Command, Event extends DomainEvent> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
}

/** Folds a stream's events into its state. */
export function fold<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}

/**
 * Folds a stream as the store returns it. The stored type string names the union member:
 * events are matched by name, never by class, so they survive serialisation.
 */
export function foldRecorded<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
  recorded: readonly Pick<RecordedEvent, 'type' | 'data'>[],
): State {
  return fold(decider, recorded.map((e) => ({ type: e.type, data: e.data }) as Event));
}

/** Exhaustiveness check for switches over event and command unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}

export { Refusal, conflict, notFound, rule, type RefusalKind } from './refusal';
