import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@aid/event-store';
import { createTestSchema, type TestSchema } from '@aid/testing';
import type { Facility } from './domain/facility-events';
import { runFacilityCommand } from './facilities.handler';
import { facilitiesDdl, findFacility, listFacilities } from './facility-records';

const AT = '2019-01-01T00:00:00.000Z';
const aFacility = (facilityId: string, overrides: Partial<Facility> = {}): Facility => ({
  facilityId,
  name: facilityId,
  level: 'SECONDARY',
  county: '彰武县',
  region: 'zhangwu',
  inCounty: true,
  designatedFrom: '2015-01-01',
  designatedUntil: null,
  accounts: { BASIC_MEDICAL_INSURANCE_FUND: '622202020011223344' },
  ...overrides,
});

describe('the facilities registry on PostgreSQL', () => {
  let db: TestSchema;
  let deps: Parameters<typeof runFacilityCommand>[0];

  beforeAll(async () => {
    db = await createTestSchema('facilities', { max: 5 });
    const store = new PostgresEventStore({ pool: db.pool, schema: db.schema });
    await store.migrate();
    await db.pool.query(facilitiesDdl(db.schema));
    deps = { store, pool: db.pool, schema: db.schema, newId: randomUUID };
  });

  afterAll(() => db.drop());

  it('records a designation once, as events and as a row, and lists by region', async () => {
    const designate = { type: 'DesignateFacility' as const, data: { ...aFacility('ZW-1'), at: AT } };
    expect((await runFacilityCommand(deps, designate, { correlationId: 'c1' })).created).toBe(true);
    expect(await runFacilityCommand(deps, designate, { correlationId: 'c2' })).toMatchObject({ created: false });
    await runFacilityCommand(
      deps,
      { type: 'DesignateFacility', data: { ...aFacility('LX-1', { region: 'linxian' }), at: AT } },
      { correlationId: 'c3' },
    );

    expect(await deps.store.readStream('facility-ZW-1')).toHaveLength(1);
    expect(await findFacility(db.pool, db.schema, 'ZW-1')).toEqual({
      ...aFacility('ZW-1'),
      status: 'DESIGNATED',
      endReason: null,
    });
    expect((await listFacilities(db.pool, db.schema, { region: 'zhangwu' })).map((f) => f.facilityId)).toEqual([
      'ZW-1',
    ]);
    expect((await listFacilities(db.pool, db.schema)).map((f) => f.facilityId)).toEqual(['LX-1', 'ZW-1']);
  });

  it('keeps the row equal to the folded stream through a change and an end', async () => {
    await runFacilityCommand(
      deps,
      { type: 'DesignateFacility', data: { ...aFacility('ZW-2'), at: AT } },
      { correlationId: 'c1' },
    );
    await runFacilityCommand(
      deps,
      { type: 'ChangeFacilityDetails', data: { ...aFacility('ZW-2', { level: 'TERTIARY', accounts: {} }), at: AT } },
      { correlationId: 'c2' },
    );
    const ended = await runFacilityCommand(
      deps,
      { type: 'EndFacilityDesignation', data: { facilityId: 'ZW-2', until: '2020-06-30', reason: 'closed', at: AT } },
      { correlationId: 'c3' },
    );
    expect(ended).toEqual({
      created: true,
      facility: {
        ...aFacility('ZW-2', { level: 'TERTIARY', accounts: {}, designatedUntil: '2020-06-30' }),
        status: 'ENDED',
        endReason: 'closed',
      },
    });
    await expect(
      runFacilityCommand(
        deps,
        { type: 'ChangeFacilityDetails', data: { ...aFacility('ZW-2'), at: AT } },
        { correlationId: 'c4' },
      ),
    ).rejects.toMatchObject({ code: 'FACILITY_DESIGNATION_ENDED', kind: 'CONFLICT' });
    expect((await findFacility(db.pool, db.schema, 'ZW-2'))?.level).toBe('TERTIARY');
  });
});
