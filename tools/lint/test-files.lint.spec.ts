import { fixture, isFixture, repositoryFiles } from './repository';
import { TIERED_SPEC, deciderTestWithoutKit, focusedOrSkipped, unitIo } from './test-files';

const specs = repositoryFiles().filter((f) => !isFixture(f) && /\.(spec|test)\.[cm]?[jt]s$/.test(f.path));
const lines = (found: { at: string }[]) => found.map((f) => Number(f.at.split(':').pop()));

describe('test files', () => {
  it('each say their tier in their name, or Jest would never run them', () => {
    expect(specs.length).toBeGreaterThan(50);
    expect(specs.map((f) => f.path).filter((p) => !TIERED_SPEC.test(p))).toEqual([]);
  });

  it('neither focus nor skip tests', () => {
    expect(specs.flatMap(focusedOrSkipped)).toEqual([]);
  });

  it('of the unit tier do no I/O: no files, processes, network, database or broker', () => {
    expect(specs.flatMap(unitIo)).toEqual([]);
  });

  it('of deciders use the one kit (given / when / then / thenThrows)', () => {
    expect(specs.flatMap(deciderTestWithoutKit)).toEqual([]);
  });

  describe('the checks bite', () => {
    const careless = (as: string) => fixture('careless.spec.ts.txt', as);

    it('on every spelling of focus and skip, and not on the words in prose', () => {
      expect(lines(focusedOrSkipped(careless('libs/x/careless.unit.spec.ts')))).toEqual([5, 6, 7, 8, 9, 10, 11]);
    });

    it('on I/O in a unit test, and not in an int test', () => {
      expect(lines(unitIo(careless('libs/x/careless.unit.spec.ts')))).toEqual([1, 2, 3, 13]);
      expect(unitIo(careless('libs/x/careless.int.spec.ts'))).toEqual([]);
    });

    it('on a decider test of a domain folder that decides without the kit', () => {
      const homeMade = fixture('home-made-decider.spec.ts.txt', 'services/x/src/domain/home-made.unit.spec.ts');
      expect(lines(deciderTestWithoutKit(homeMade))).toEqual([7]);
      const withKit = { ...homeMade, text: `import { deciderSpec } from '@aid/testing/decider';\n${homeMade.text}` };
      expect(deciderTestWithoutKit(withKit)).toEqual([]);
    });

    it('on a spec without a tier', () => {
      expect(TIERED_SPEC.test('libs/x/careless.spec.ts')).toBe(false);
      expect(TIERED_SPEC.test('libs/x/careless.unit.spec.ts')).toBe(true);
    });
  });
});
