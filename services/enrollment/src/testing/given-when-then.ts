import { fold } from '@aid/event-store';
import type { HouseholdCommand } from '../domain/commands';
import type { HouseholdEvent } from '../domain/events';
import { householdDecider } from '../domain/household';
import { HouseholdRefusal, type RefusalKind } from '../domain/refusal';

/** given these events, when this command, then these events (or this refusal). */
export function given(...history: HouseholdEvent[]) {
  const state = fold(householdDecider, history);
  return {
    when(command: HouseholdCommand) {
      const run = () => householdDecider.decide(command, state);
      return {
        then(expected: HouseholdEvent[]): void {
          expect(run()).toEqual(expected);
        },
        thenRefused(code: string, kind: RefusalKind): void {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(HouseholdRefusal);
          expect({ code: (error as HouseholdRefusal).code, kind: (error as HouseholdRefusal).kind }).toEqual({
            code,
            kind,
          });
        },
      };
    },
  };
}
