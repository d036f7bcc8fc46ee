import { Checker, isRecord, MEMBER_CATEGORIES, REGIONS, type Address, type MemberCategory } from '@aid/contracts';
import { commandMeta, type CommandHeaders } from '../shared/command-meta';
import type { EnrollmentDeps } from '../shared/deps';
import {
  bodyObject,
  optionalCategories,
  optionalId,
  personInput,
  recordDate,
  throwIfProblems,
  type PersonInput,
} from '../shared/input';
import { recordOrConfirmMember } from '../shared/personal-data';
import { runHouseholdCommand } from '../shared/run-household-command';

const ADDRESS_FIELDS = ['province', 'city', 'county', 'township', 'village'] as const;

export interface RegisterHouseholdInput {
  householdId?: string;
  region: string;
  address: Address;
  registeredOn: string;
  categories: MemberCategory[];
  head: PersonInput & { memberId?: string; categories: MemberCategory[] };
}

/** The body of `POST /households`; every bad field is named. */
export function registerHouseholdInput(c: Checker, body: unknown, today: string): RegisterHouseholdInput {
  const b = bodyObject(c, body);
  c.noOtherFields(b, ['householdId', 'region', 'address', 'registeredOn', 'categories', 'head']);
  return {
    householdId: optionalId(c, b, 'householdId'),
    region: c.oneOf(b, 'region', REGIONS),
    address: addressInput(c, b.address),
    registeredOn: recordDate(c, b, 'registeredOn', today),
    categories: c.listOf(b, 'categories', MEMBER_CATEGORIES),
    head: headInput(c, b.head, today),
  };
}

function addressInput(c: Checker, value: unknown): Address {
  const empty: Address = { province: '', city: '', county: '', township: '', village: '' };
  if (!isRecord(value)) {
    c.fail('address', `is required: an object with ${ADDRESS_FIELDS.join(', ')}`);
    return empty;
  }
  const ac = new Checker('address');
  ac.noOtherFields(value, ADDRESS_FIELDS);
  const address = { ...empty };
  for (const f of ADDRESS_FIELDS) address[f] = ac.string(value, f, { max: 100 }).trim();
  c.problems.push(...ac.problems);
  return address;
}

function headInput(c: Checker, value: unknown, today: string): RegisterHouseholdInput['head'] {
  if (!isRecord(value)) {
    c.fail('head', 'is required: the head of household, an object with name and idNumber');
    return { name: '', idNumber: '', birthDate: '', sex: 'MALE', categories: [] };
  }
  const hc = new Checker('head');
  hc.noOtherFields(value, ['memberId', 'name', 'idNumber', 'birthDate', 'sex', 'categories']);
  const head = {
    memberId: optionalId(hc, value, 'memberId'),
    ...personInput(hc, value, today),
    categories: optionalCategories(hc, value, 'categories', MEMBER_CATEGORIES),
  };
  c.problems.push(...hc.problems);
  return head;
}

/** 建档立卡: registers a household with its head; the head's name and ID number go to the erasable store. */
export async function registerHousehold(
  deps: EnrollmentDeps,
  body: unknown,
  headers: CommandHeaders = {},
): Promise<{ householdId: string; headMemberId: string }> {
  const c = new Checker();
  const meta = commandMeta(deps, headers, c);
  const input = registerHouseholdInput(c, body, meta.today);
  throwIfProblems(c);
  const householdId = input.householdId ?? deps.newId();
  const headMemberId = input.head.memberId ?? deps.newId();
  await runHouseholdCommand(
    deps,
    {
      type: 'RegisterHousehold',
      data: {
        householdId,
        region: input.region,
        address: input.address,
        registeredOn: input.registeredOn,
        categories: input.categories,
        head: {
          memberId: headMemberId,
          birthDate: input.head.birthDate,
          sex: input.head.sex,
          categories: input.head.categories,
        },
        today: meta.today,
      },
    },
    meta,
    (client, decided) =>
      recordOrConfirmMember(
        client,
        deps.schema,
        {
          memberId: headMemberId,
          householdId,
          name: input.head.name,
          idNumber: input.head.idNumber,
        },
        decided,
      ),
  );
  return { householdId, headMemberId };
}
