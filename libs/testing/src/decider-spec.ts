/**
 * The one way decider tests are written: given these events, when this command, then these
 * events, or then this error. Pure: it folds and decides in memory, no I/O.
 *
 *   const spec = deciderSpec(householdDecider);
 *   spec.given(registered()).when(addMember()).then([memberAdded()]);
 *   spec.given().when(addMember()).thenThrows(HouseholdRefusal, { code: 'HOUSEHOLD_NOT_FOUND' });
 */

// The decider's shape, stated here rather than imported: the event store's own tests use
// this kit, and a library may not depend on the one that tests it.
interface DomainEvent {
  type: string;
  data: unknown;
}
interface Decider<State, Command, Event> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
}

type ErrorClass = abstract new (...args: never[]) => Error;

export interface DeciderSpec<State, Command, Event extends DomainEvent> {
  given(...history: Event[]): {
    when(command: Command): {
      /** The command produces exactly these events, in this order. */
      then(expected: Event[]): void;
      /** The command produces nothing: it was already done (an idempotent retry). */
      thenNothing(): void;
      /**
       * The command is refused with this kind of error; `fields` (e.g. `{ code: 'RULE' }`)
       * must match the error's own properties.
       */
      thenThrows(kind: ErrorClass, fields?: Record<string, unknown>): void;
      /** The events, for assertions that are easier to read on parts of them. */
      events(): Event[];
      /** The state the command was decided on. */
      state(): State;
    };
  };
}

export function deciderSpec<State, Command, Event extends DomainEvent>(
  decider: Decider<State, Command, Event>,
): DeciderSpec<State, Command, Event> {
  return {
    given(...history) {
      const state = history.reduce(decider.evolve, decider.initialState());
      return {
        when(command) {
          const run = () => decider.decide(command, state);
          return {
            then(expected) {
              expect(run()).toEqual(expected);
            },
            thenNothing() {
              expect(run()).toEqual([]);
            },
            thenThrows(kind, fields) {
              let thrown: unknown = undefined;
              let produced: Event[] | undefined;
              try {
                produced = run();
              } catch (error) {
                thrown = error;
              }
              if (produced !== undefined) {
                throw new Error(`expected ${kind.name}, but the command produced ${JSON.stringify(produced)}`);
              }
              expect(thrown).toBeInstanceOf(kind);
              if (fields) expect(thrown).toMatchObject(fields);
            },
            events: run,
            state: () => state,
          };
        },
      };
    },
  };
}
