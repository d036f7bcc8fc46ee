import { parsePolicy, type PolicyError } from './parse-policy';

/** A policy like the worked example's, as YAML decodes it. */
const aRawPolicy = (): Record<string, unknown> => ({
  region: 'xingan-league',
  year: 2019,
  layers: {
    basicMedical: {
      deductible: { PRIMARY: '200', SECONDARY: '500', TERTIARY: '1000' },
      waiveDeductibleInCountyFor: ['POOR'],
      rate: { PRIMARY: '0.90', SECONDARY: '0.80', TERTIARY: '0.65' },
      outOfCountyRateReduction: '0.10',
      rateBonus: { POOR: '0.05' },
      annualCap: '150000',
      chronicOutpatient: { rate: '0.60', annualCap: '3000' },
    },
    criticalIllness: {
      deductible: '10000',
      deductibleFor: { POOR: '5000' },
      tiers: [
        { upTo: '50000', rate: '0.60' },
        { upTo: null, rate: '0.80' },
      ],
      tiersFor: { POOR: [{ upTo: null, rate: '0.75' }] },
      annualCap: '300000',
      annualCapFor: { POOR: null },
    },
    supplementary: { for: ['POOR'], deductible: '0', rate: '0.50', annualCap: '50000' },
    medicalAssistance: {
      for: ['POOR', 'LOW_INCOME'],
      majorDiseasesOnly: false,
      rate: '0.70',
      rateFor: { EXTREME_POOR: '1.00' },
      annualCap: '10000',
    },
    backstop: { for: ['POOR'], maxShareOfTotal: '0.10', annualOutOfPocketCap: '5000', inCountyOnly: true },
  },
});

/** Sets (or with `undefined`, deletes) the value at a dotted path of a raw policy. */
function withChange(path: string, value: unknown): Record<string, unknown> {
  const raw = aRawPolicy();
  const keys = path.split('.');
  let node = raw as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
  return raw;
}

function errorsOf(raw: unknown): readonly PolicyError[] {
  const parsed = parsePolicy(raw);
  if (parsed.ok) throw new Error('expected the policy to be refused');
  return parsed.errors;
}

describe('parsePolicy', () => {
  describe('a valid policy', () => {
    it('comes out typed: fen, ten-thousandths, overrides beside each value', () => {
      const parsed = parsePolicy(aRawPolicy());
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const { basicMedical, criticalIllness, backstop } = parsed.policy.layers;
      expect(parsed.policy.region).toBe('xingan-league');
      expect(parsed.policy.year).toBe(2019);
      expect(basicMedical?.deductible).toEqual({
        value: { PRIMARY: 20_000, SECONDARY: 50_000, TERTIARY: 100_000 },
        overrides: {},
      });
      expect(basicMedical?.rate.value.TERTIARY).toBe(6500);
      expect(basicMedical?.rateBonus).toEqual({ POOR: 500 });
      expect(basicMedical?.chronicOutpatient).toEqual({
        rate: { value: 6000, overrides: {} },
        annualCap: { value: 300_000, overrides: {} },
      });
      expect(criticalIllness?.deductible).toEqual({ value: 1_000_000, overrides: { POOR: 500_000 } });
      expect(criticalIllness?.tiers).toEqual({
        value: [
          { upTo: 5_000_000, rate: 6000 },
          { upTo: null, rate: 8000 },
        ],
        overrides: { POOR: [{ upTo: null, rate: 7500 }] },
      });
      expect(criticalIllness?.annualCap).toEqual({ value: 30_000_000, overrides: { POOR: null } });
      expect(backstop?.maxShareOfTotal.value).toBe(1000);
      expect(backstop?.inCountyOnly.value).toBe(true);
    });

    it('fills in only what the rules leave optional', () => {
      const parsed = parsePolicy({
        region: 'r',
        year: 2020,
        layers: {
          basicMedical: {
            deductible: { PRIMARY: '0', SECONDARY: '0', TERTIARY: '0' },
            rate: { PRIMARY: '1', SECONDARY: '1', TERTIARY: '1' },
          },
          medicalAssistance: { for: ['POOR'], rate: '0.5' },
          backstop: { for: ['POOR'] },
        },
      });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const { basicMedical, medicalAssistance, backstop } = parsed.policy.layers;
      expect(basicMedical).toEqual({
        deductible: expect.anything(),
        rate: expect.anything(),
        waiveDeductibleInCountyFor: [],
        outOfCountyRateReduction: { value: 0, overrides: {} },
        rateBonus: {},
        annualCap: { value: null, overrides: {} },
      });
      expect(medicalAssistance?.majorDiseasesOnly.value).toBe(false);
      expect(medicalAssistance?.annualCap.value).toBeNull();
      expect(backstop).toEqual({
        for: ['POOR'],
        maxShareOfTotal: { value: null, overrides: {} },
        annualOutOfPocketCap: { value: null, overrides: {} },
        inCountyOnly: { value: false, overrides: {} },
      });
      expect(Object.keys(parsed.policy.layers)).toEqual(['basicMedical', 'medicalAssistance', 'backstop']);
    });

    it('reads an optional per-bill review threshold in yuan, and leaves it out when absent', () => {
      const parsed = parsePolicy({ ...aRawPolicy(), review: { billTotalAbove: '200000' } });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      expect(parsed.policy.review).toEqual({ billTotalAbove: 20_000_000 });
      const without = parsePolicy(aRawPolicy());
      expect(without.ok && 'review' in without.policy).toBe(false);
    });

    it('refuses a review threshold that is not an amount, or an unknown review key', () => {
      expect(errorsOf({ ...aRawPolicy(), review: { billTotalAbove: 200000.5 } }).map((e) => e.path)).toEqual([
        'review.billTotalAbove',
      ]);
      expect(errorsOf({ ...aRawPolicy(), review: {} }).map((e) => e.path)).toEqual(['review.billTotalAbove']);
      expect(errorsOf({ ...aRawPolicy(), review: { billTotalAbove: '1', above: '2' } }).map((e) => e.path)).toEqual([
        'review.above',
      ]);
    });

    it('accepts a policy with no layers at all', () => {
      expect(parsePolicy({ region: 'r', year: 2019, layers: {} }).ok).toBe(true);
    });

    it('accepts overrides of any parameter the layers name, nested ones included', () => {
      const raw = aRawPolicy();
      const layers = raw.layers as Record<string, Record<string, unknown>>;
      layers.basicMedical.deductibleFor = { POOR: { PRIMARY: '0', SECONDARY: '0', TERTIARY: '100' } };
      layers.basicMedical.rateFor = { EXTREME_POOR: { PRIMARY: '1', SECONDARY: '1', TERTIARY: '1' } };
      layers.basicMedical.outOfCountyRateReductionFor = { POOR: '0' };
      layers.basicMedical.annualCapFor = { MARGINAL: '100000' };
      layers.basicMedical.chronicOutpatient = {
        rate: '0.6',
        rateFor: { POOR: '0.7' },
        annualCap: '3000',
        annualCapFor: { POOR: null },
      };
      layers.supplementary.deductibleFor = { LOW_INCOME: '100' };
      layers.medicalAssistance.majorDiseasesOnlyFor = { MARGINAL: true };
      layers.backstop.maxShareOfTotalFor = { EXTREME_POOR: null };
      layers.backstop.annualOutOfPocketCapFor = { EXTREME_POOR: '0' };
      layers.backstop.inCountyOnlyFor = { EXTREME_POOR: false };
      const parsed = parsePolicy(raw);
      expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    });

    it('is frozen, and leaves its input unfrozen', () => {
      const raw = aRawPolicy();
      const parsed = parsePolicy(raw);
      if (!parsed.ok) throw new Error('invalid');
      expect(Object.isFrozen(parsed.policy.layers.criticalIllness?.tiers.value[0])).toBe(true);
      expect(Object.isFrozen(parsed.policy.layers.supplementary?.for)).toBe(true);
      expect(Object.isFrozen((raw.layers as { supplementary: { for: unknown } }).supplementary.for)).toBe(false);
    });
  });

  describe('refuses, naming the key path', () => {
    it.each([
      ['an unknown top-level key', 'owner', 'bureau', 'owner', 'unknown key'],
      ['an unknown layer', 'layers.dental', {}, 'layers.dental', 'unknown key'],
      [
        'an unknown parameter',
        'layers.supplementary.ratio',
        '0.5',
        'layers.supplementary.ratio',
        'unknown key; expected one of for, deductible',
      ],
      [
        'an override of something that takes none',
        'layers.backstop.forFor',
        { POOR: ['POOR'] },
        'layers.backstop.forFor',
        'unknown key',
      ],
      [
        'an unknown category in an override',
        'layers.medicalAssistance.rateFor',
        { RICH: '0.5' },
        'layers.medicalAssistance.rateFor.RICH',
        'unknown category',
      ],
      [
        'an unknown category in a list',
        'layers.supplementary.for',
        ['POOR', 'POR'],
        'layers.supplementary.for[1]',
        'unknown category "POR"',
      ],
      [
        'an unknown level',
        'layers.basicMedical.rate.QUATERNARY',
        '0.5',
        'layers.basicMedical.rate.QUATERNARY',
        'unknown key',
      ],
      [
        'a missing level',
        'layers.basicMedical.rate.SECONDARY',
        undefined,
        'layers.basicMedical.rate.SECONDARY',
        'missing required parameter',
      ],
      ['a rate above 1', 'layers.supplementary.rate', '1.5', 'layers.supplementary.rate', 'outside [0, 1]'],
      [
        'a negative rate',
        'layers.basicMedical.outOfCountyRateReduction',
        '-0.1',
        'layers.basicMedical.outOfCountyRateReduction',
        'outside [0, 1]',
      ],
      [
        'a rate with five decimals',
        'layers.medicalAssistance.rate',
        '0.70001',
        'layers.medicalAssistance.rate',
        'more than four decimals',
      ],
      [
        'a bonus above 1',
        'layers.basicMedical.rateBonus',
        { POOR: '2' },
        'layers.basicMedical.rateBonus.POOR',
        'outside [0, 1]',
      ],
      [
        'a share above 1',
        'layers.backstop.maxShareOfTotal',
        '1.1',
        'layers.backstop.maxShareOfTotal',
        'outside [0, 1]',
      ],
      [
        'a bad amount',
        'layers.criticalIllness.deductible',
        '5000.001',
        'layers.criticalIllness.deductible',
        'more than two decimals',
      ],
      ['a negative amount', 'layers.supplementary.annualCap', '-1', 'layers.supplementary.annualCap', 'below zero'],
      [
        'an amount as a YAML number',
        'layers.supplementary.annualCap',
        50000,
        'layers.supplementary.annualCap',
        'as a string',
      ],
      [
        'null for a rate override',
        'layers.medicalAssistance.rateFor',
        { POOR: null },
        'layers.medicalAssistance.rateFor.POOR',
        'not null',
      ],
      [
        'null for a deductible',
        'layers.criticalIllness.deductible',
        null,
        'layers.criticalIllness.deductible',
        'not null',
      ],
      [
        'a missing required rate',
        'layers.supplementary.rate',
        undefined,
        'layers.supplementary.rate',
        'missing required parameter',
      ],
      ['a missing for', 'layers.backstop.for', undefined, 'layers.backstop.for', 'missing required parameter'],
      [
        'missing tiers',
        'layers.criticalIllness.tiers',
        undefined,
        'layers.criticalIllness.tiers',
        'missing required parameter',
      ],
      [
        'a missing chronic rate',
        'layers.basicMedical.chronicOutpatient',
        { annualCap: '3000' },
        'layers.basicMedical.chronicOutpatient.rate',
        'missing',
      ],
      ['a missing region', 'region', undefined, 'region', 'missing required parameter'],
      ['an empty region', 'region', ' ', 'region', 'non-empty string'],
      ['a year as a string', 'year', '2019', 'year', 'four-digit year'],
      ['a fractional year', 'year', 2019.5, 'year', 'four-digit year'],
      ['missing layers', 'layers', undefined, 'layers', 'missing required parameter'],
      [
        'a layer left empty in YAML (null)',
        'layers.supplementary',
        null,
        'layers.supplementary',
        'must be a mapping, not null',
      ],
      ['a flag as a string', 'layers.backstop.inCountyOnly', 'yes', 'layers.backstop.inCountyOnly', 'true or false'],
      [
        'a list where a mapping belongs',
        'layers.basicMedical.deductible',
        ['200'],
        'layers.basicMedical.deductible',
        'must be a mapping',
      ],
    ])('%s', (_case, path, value, errorPath, message) => {
      const errors = errorsOf(withChange(path, value));
      expect(errors).toEqual([expect.objectContaining({ path: errorPath, message: expect.stringContaining(message) })]);
    });

    describe('tiers', () => {
      const tiers = (list: unknown) => errorsOf(withChange('layers.criticalIllness.tiers', list));

      it('whose upTo repeats', () => {
        expect(
          tiers([
            { upTo: '50000', rate: '0.6' },
            { upTo: '50000', rate: '0.7' },
            { upTo: null, rate: '0.8' },
          ]),
        ).toEqual([
          {
            path: 'layers.criticalIllness.tiers[1].upTo',
            segments: ['layers', 'criticalIllness', 'tiers', 1, 'upTo'],
            message: "must be above the previous tier's upTo 50000.00",
          },
        ]);
      });

      it('whose upTo falls', () => {
        expect(
          tiers([
            { upTo: '50000', rate: '0.6' },
            { upTo: '100000', rate: '0.7' },
            { upTo: '80000', rate: '0.8' },
          ]),
        ).toEqual([expect.objectContaining({ path: 'layers.criticalIllness.tiers[2].upTo' })]);
      });

      it('whose first upTo is zero', () => {
        expect(tiers([{ upTo: '0', rate: '0.6' }])).toEqual([
          expect.objectContaining({ path: 'layers.criticalIllness.tiers[0].upTo', message: 'must be above zero' }),
        ]);
      });

      it('with an open-ended tier before the last', () => {
        expect(
          tiers([
            { upTo: null, rate: '0.6' },
            { upTo: '100000', rate: '0.7' },
          ]),
        ).toEqual([
          expect.objectContaining({
            path: 'layers.criticalIllness.tiers[0].upTo',
            message: expect.stringContaining('only the last tier'),
          }),
        ]);
      });

      it('that are empty', () => {
        expect(tiers([])).toEqual([
          expect.objectContaining({ path: 'layers.criticalIllness.tiers', message: 'must list at least one tier' }),
        ]);
      });

      it('with a bad tier inside an override', () => {
        const raw = withChange('layers.criticalIllness.tiersFor', {
          POOR: [
            { upTo: '1000', rate: '0.6' },
            { upTo: '900', rate: '1.2' },
          ],
        });
        expect(errorsOf(raw).map((e) => e.path)).toEqual([
          'layers.criticalIllness.tiersFor.POOR[1].rate',
          'layers.criticalIllness.tiersFor.POOR[1].upTo',
        ]);
      });

      it('with a missing rate or unknown key in a tier', () => {
        expect(tiers([{ upTo: null, ratio: '0.6' }]).map((e) => e.path)).toEqual([
          'layers.criticalIllness.tiers[0].rate',
          'layers.criticalIllness.tiers[0].ratio',
        ]);
      });
    });

    it('reports every problem at once', () => {
      const raw = withChange('layers.supplementary.rate', '2');
      (raw.layers as Record<string, Record<string, unknown>>).backstop.colour = 'red';
      delete raw.year;
      expect(errorsOf(raw).map((e) => e.path)).toEqual(['year', 'layers.supplementary.rate', 'layers.backstop.colour']);
    });

    it.each([[null], ['policy'], [[]]])('something that is not a mapping: %j', (raw) => {
      expect(errorsOf(raw)).toEqual([
        expect.objectContaining({ path: '(policy)', message: expect.stringContaining('must be a mapping') }),
      ]);
    });
  });
});
