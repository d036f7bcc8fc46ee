import { YUAN_PATTERN } from '@aid/money';
import type { JsonSchema } from './fields';
import { checkPublicEvent, contractSchemas, schemaVersionOf, TOPIC_NAMES, type ContractTopic } from './registry';

/**
 * Just enough of a JSON Schema validator for the keywords the generated schemas use, so that
 * this test can hold the schemas to the registry's check on the same inputs.
 */
function schemaAccepts(schema: JsonSchema, value: unknown): boolean {
  const s = schema as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  if ('const' in s && value !== s.const) return false;
  if (s.enum && !s.enum.includes(value)) return false;
  switch (s.type) {
    case 'string':
      if (typeof value !== 'string') return false;
      if (s.minLength !== undefined && [...value].length < s.minLength) return false;
      if (s.maxLength !== undefined && [...value].length > s.maxLength) return false;
      if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(value)) return false;
      return true;
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= s.minimum && value <= s.maximum;
    case 'array': {
      if (!Array.isArray(value)) return false;
      if (s.minItems !== undefined && value.length < s.minItems) return false;
      if (s.maxItems !== undefined && value.length > s.maxItems) return false;
      if (s.uniqueItems && new Set(value).size !== value.length) return false;
      if (s.items && !value.every((v) => schemaAccepts(s.items, v))) return false;
      if (s.prefixItems && !s.prefixItems.every((p: JsonSchema, i: number) => schemaAccepts(p, value[i]))) return false;
      return true;
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      const o = value as Record<string, unknown>;
      if (!s.required.every((k: string) => k in o)) return false;
      return Object.entries(s.properties as Record<string, JsonSchema>).every(
        ([k, p]) => !(k in o) || schemaAccepts(p, o[k]),
      );
    }
    default:
      return true;
  }
}

const address = {
  province: '内蒙古自治区',
  city: '兴安盟',
  county: '科尔沁右翼前旗',
  township: '俄体镇',
  village: '俄体村',
};
const layers = [
  { layer: 'basicMedical', fund: 'BASIC_MEDICAL_INSURANCE_FUND', amount: '8500.00' },
  { layer: 'criticalIllness', fund: 'CRITICAL_ILLNESS_INSURANCE', amount: '0.00' },
  { layer: 'supplementary', fund: 'COMMERCIAL_SUPPLEMENTARY_INSURANCE', amount: '750.00' },
  { layer: 'medicalAssistance', fund: 'MEDICAL_ASSISTANCE_FUND', amount: '525.00' },
  { layer: 'backstop', fund: 'GOVERNMENT_BACKSTOP_FUND', amount: '1025.00' },
];
const payable = {
  claimId: 'XA-2019-000123',
  householdId: 'XA-0001',
  memberId: 'XA-0001-1',
  programme: 'MEDICAL',
  fund: 'MEDICAL_ASSISTANCE_FUND',
  amount: '525.00',
  year: 2019,
  month: '2019-02',
};

/** The worked examples of docs/topics.md, one per public event. */
const worked: Record<string, Record<string, unknown>> = {
  HouseholdRegistered: {
    householdId: 'XA-0001',
    region: 'xingan-league',
    address,
    registeredOn: '2016-05-01',
    categories: ['POOR'],
  },
  MemberAdded: {
    householdId: 'XA-0001',
    memberId: 'XA-0001-1',
    relation: 'HEAD',
    birthDate: '1950-03-07',
    sex: 'MALE',
    categories: [],
    addedOn: '2016-05-01',
  },
  MemberInsured: {
    householdId: 'XA-0001',
    memberId: 'XA-0001-1',
    year: 2019,
    premium: '220.00',
    premiumSubsidy: '220.00',
  },
  DiseaseCertified: {
    householdId: 'XA-0001',
    memberId: 'XA-0001-1',
    kind: 'MAJOR',
    diseaseCode: 'LUNG-CANCER',
    certifiedOn: '2019-01-15',
  },
  BillSettled: {
    claimId: 'XA-2019-000123',
    memberId: 'XA-0001-1',
    householdId: 'XA-0001',
    hospitalId: 'keyouqianqi-peoples-hospital',
    region: 'xingan-league',
    year: 2019,
    admissionDate: '2019-02-01',
    dischargeDate: '2019-02-10',
    visitType: 'INPATIENT',
    facilityLevel: 'SECONDARY',
    inCounty: true,
    totalCost: '12000.00',
    eligibleCost: '10000.00',
    categories: ['POOR'],
    insured: true,
    majorDisease: false,
    layers,
    outOfPocket: '1200.00',
    payee: 'HOSPITAL',
  },
  HospitalReimbursementOwed: { ...payable, hospitalId: 'keyouqianqi-peoples-hospital', payee: 'HOSPITAL' },
  BankCardPaymentDue: { ...payable, payee: 'HOUSEHOLD_BANK_CARD' },
};

const AMOUNTS = ['amount', 'premium', 'premiumSubsidy', 'totalCost', 'eligibleCost', 'outOfPocket'];
const badAmounts = ['-1.00', '1.005', '0525.00', 525, '1000000000.01', '', '1,00'];
const badIds = ['XA 0001', 'X'.repeat(65), '', 42];
const badDates = ['2016/05/01', '16-05-01', 20160501];
const badCodes = ['NOBODY', ''];

/** Values that break a field's rule, by field name; the check and the schema must both refuse each. */
const badValues: Record<string, unknown[]> = {
  ...Object.fromEntries(AMOUNTS.map((f) => [f, badAmounts])),
  ...Object.fromEntries(
    ['householdId', 'memberId', 'claimId', 'hospitalId', 'region', 'diseaseCode'].map((f) => [f, badIds]),
  ),
  ...Object.fromEntries(
    ['registeredOn', 'addedOn', 'birthDate', 'certifiedOn', 'admissionDate', 'dischargeDate'].map((f) => [f, badDates]),
  ),
  ...Object.fromEntries(
    ['kind', 'relation', 'sex', 'visitType', 'facilityLevel', 'fund', 'programme', 'payee'].map((f) => [f, badCodes]),
  ),
  ...Object.fromEntries(['inCounty', 'insured', 'majorDisease'].map((f) => [f, ['true', 1]])),
  year: [1999, 2101, 2019.5, '2019'],
  month: ['2019-13', '2019-2', '2019-02-10'],
  categories: [['POOR', 'POOR'], ['RICH'], 'POOR'],
  address: [
    { ...address, village: '  ' },
    { ...address, province: '省'.repeat(101) },
    { ...address, city: undefined },
    '兴安盟',
  ],
  layers: [
    [...layers].reverse(),
    layers.slice(1),
    layers.map((l, i) => (i === 2 ? { ...l, amount: '1.005' } : l)),
    layers.map((l, i) => (i === 0 ? { ...l, fund: 'GOVERNMENT_BACKSTOP_FUND' } : l)),
    layers.map((l, i) => (i === 4 ? 'backstop' : l)),
  ],
};

describe('the JSON Schemas and the registry check say the same', () => {
  const schemas = new Map(contractSchemas().map((s) => [s.path, s.schema]));
  const cases = (Object.values(TOPIC_NAMES) as ContractTopic[]).flatMap((topic) =>
    Object.keys(worked)
      .filter((type) => schemaVersionOf(topic, type) !== undefined)
      .map((type) => {
        const schemaVersion = schemaVersionOf(topic, type)!;
        return { topic, type, schemaVersion, schema: schemas.get(`${topic}/${type}.v${schemaVersion}.schema.json`)! };
      }),
  );

  it('has a schema and a worked example for every public event', () => {
    expect(cases.map((c) => c.type).sort()).toEqual(Object.keys(worked).sort());
    expect(schemas.size).toBe(cases.length);
  });

  it.each(cases)(
    '$type: both accept the worked example, and the schema requires exactly its fields',
    ({ topic, type, schemaVersion, schema }) => {
      expect(checkPublicEvent(topic, { type, schemaVersion, data: worked[type] })).toEqual([]);
      expect(schemaAccepts(schema, worked[type])).toBe(true);
      expect((schema.required as string[]).sort()).toEqual(Object.keys(worked[type]).sort());
    },
  );

  const broken = cases.flatMap((c) =>
    Object.keys(worked[c.type]).flatMap((field) => [
      {
        ...c,
        why: `no ${field}`,
        data: Object.fromEntries(Object.entries(worked[c.type]).filter(([k]) => k !== field)),
      },
      ...(badValues[field] ?? []).map((bad) => ({
        ...c,
        why: `${field} ${JSON.stringify(bad)}`,
        data: { ...worked[c.type], [field]: bad },
      })),
    ]),
  );

  it('breaks every field of every worked example', () => {
    const unbroken = cases.flatMap((c) => Object.keys(worked[c.type]).filter((field) => !badValues[field]));
    expect(unbroken).toEqual([]);
  });

  it.each(broken)('$type: both refuse $why', ({ topic, type, schemaVersion, schema, data }) => {
    const checked = checkPublicEvent(topic, { type, schemaVersion, data });
    expect({ check: checked.length > 0, schema: !schemaAccepts(schema, data) }).toEqual({ check: true, schema: true });
  });

  it('leaves calendar validity to `format: date`, which the check applies always', () => {
    const data = { ...worked.DiseaseCertified, certifiedOn: '2019-02-30' };
    const schema = cases.find((c) => c.type === 'DiseaseCertified')!.schema;
    expect((schema.properties as Record<string, JsonSchema>).certifiedOn).toMatchObject({ format: 'date' });
    expect(schemaAccepts(schema, data)).toBe(true); // by pattern alone; a validator asserting formats refuses it
    expect(checkPublicEvent(TOPIC_NAMES.enrollment, { type: 'DiseaseCertified', schemaVersion: 1, data })).toEqual([
      { field: 'data.certifiedOn', message: 'must be a calendar date YYYY-MM-DD' },
    ]);
  });

  it('describes every amount with the money grammar', () => {
    const amounts: unknown[] = [];
    const walk = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      const props = (node as { properties?: Record<string, JsonSchema> }).properties ?? {};
      for (const [name, p] of Object.entries(props)) if (AMOUNTS.includes(name)) amounts.push(p.pattern);
      Object.values(node).forEach(walk);
    };
    schemas.forEach(walk);
    expect(amounts.length).toBeGreaterThanOrEqual(AMOUNTS.length);
    expect(new Set(amounts)).toEqual(new Set([YUAN_PATTERN]));
  });
});
