import { deciderSpec } from './decider-spec';

// A counter that refuses to go above a limit: enough to show each verb of the spec, and
// that each one fails when the decider does something else.
type Counted = { type: 'Counted'; data: { by: number } };
type Count = { type: 'Count'; data: { by: number } };
class TooMuch extends Error {
  readonly code = 'TOO_MUCH';
}
const counter = {
  initialState: (): number => 0,
  evolve: (total: number, event: Counted): number => total + event.data.by,
  decide(command: Count, total: number): Counted[] {
    if (command.data.by === 0) return [];
    if (total + command.data.by > 3) throw new TooMuch(`${total} + ${command.data.by} is above 3`);
    return [{ type: 'Counted', data: { by: command.data.by } }];
  },
};
const spec = deciderSpec(counter);
const count = (by: number): Count => ({ type: 'Count', data: { by } });
const counted = (by: number): Counted => ({ type: 'Counted', data: { by } });

describe('deciderSpec', () => {
  it('then: passes on the events decided, fails on others', () => {
    spec.given(counted(1)).when(count(2)).then([counted(2)]);
    expect(() => spec.given(counted(1)).when(count(2)).then([counted(1)])).toThrow();
  });

  it('then: folds the history before deciding', () => {
    expect(spec.given(counted(1), counted(1)).when(count(1)).state()).toBe(2);
    expect(() => spec.given(counted(1), counted(1)).when(count(2)).then([counted(2)])).toThrow(/above 3/);
  });

  it('thenNothing: passes on no events, fails on some', () => {
    spec.given().when(count(0)).thenNothing();
    expect(() => spec.given().when(count(1)).thenNothing()).toThrow();
  });

  it('thenThrows: passes on the error and its fields, fails otherwise', () => {
    spec.given(counted(3)).when(count(1)).thenThrows(TooMuch, { code: 'TOO_MUCH' });
    expect(() => spec.given(counted(3)).when(count(1)).thenThrows(TooMuch, { code: 'OTHER' })).toThrow();
    expect(() => spec.given(counted(3)).when(count(1)).thenThrows(RangeError)).toThrow();
    expect(() => spec.given().when(count(1)).thenThrows(TooMuch)).toThrow(/produced/);
  });
});
