import type { Role } from '@aid/auth';
import { DEMO_BILLS, DEMO_FACILITIES, DEMO_HOUSEHOLDS } from './demo-data';

export interface ServiceUrls {
  enrollment: string;
  claims: string;
  payout: string;
}

/** A bearer token for a role: each step is done by the agency whose work it is. */
export type TokenFor = (role: Role) => string;

async function call(
  token: string,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function expectStatus(token: string, method: string, url: string, body: unknown, ok: number[]): Promise<unknown> {
  const res = await call(token, method, url, body);
  if (!ok.includes(res.status)) {
    throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(res.json)}`);
  }
  return res.json;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Loads the demo set through the services' own HTTP APIs, as the agencies and hospitals
 * would: households and members to enrollment, designated facilities and bills to claims. Does nothing when the
 * demo is there already. Returns false when it was.
 */
export async function loadDemo(
  urls: ServiceUrls,
  tokenFor: TokenFor,
  log: (line: string) => void = () => {},
): Promise<boolean> {
  const civilAffairs = tokenFor('civil-affairs');
  const bureau = tokenFor('medical-insurance');
  const first = DEMO_HOUSEHOLDS[0];
  if ((await call(civilAffairs, 'GET', `${urls.enrollment}/households/${first.householdId}`)).status === 200) return false;

  for (const h of DEMO_HOUSEHOLDS) {
    const [head, ...others] = h.members;
    await expectStatus(civilAffairs, 'POST', `${urls.enrollment}/households`, {
      householdId: h.householdId,
      region: h.region,
      address: h.address,
      registeredOn: h.registeredOn,
      categories: h.categories,
      head: { memberId: head.memberId, name: head.name, idNumber: head.idNumber },
    }, [201]);
    for (const m of others) {
      await expectStatus(civilAffairs, 'POST', `${urls.enrollment}/households/${h.householdId}/members`, {
        memberId: m.memberId,
        name: m.name,
        idNumber: m.idNumber,
        relation: m.relation,
        addedOn: h.registeredOn,
      }, [201]);
    }
    for (const m of h.members) {
      for (const year of m.insuredYears) {
        await expectStatus(civilAffairs, 'POST', `${urls.enrollment}/members/${m.memberId}/insurance`, { year, premium: '220.00', premiumSubsidy: '220.00' }, [201]);
      }
      for (const d of m.diseases) await expectStatus(civilAffairs, 'POST', `${urls.enrollment}/members/${m.memberId}/diseases`, d, [201]);
    }
  }
  log(`registered ${DEMO_HOUSEHOLDS.length} households with enrollment`);

  // Claims learns of members from enrollment's topic; wait until it knows what the bills need.
  for (const bill of DEMO_BILLS) {
    const member = DEMO_HOUSEHOLDS.flatMap((h) => h.members).find((m) => m.memberId === bill.memberId)!;
    const needsChronic = bill.visitType === 'CHRONIC_OUTPATIENT';
    await until(`claims to know member ${bill.memberId}`, async () => {
      const res = await call(bureau, 'GET', `${urls.claims}/members/${bill.memberId}/eligibility?date=${bill.dischargeDate}`);
      const view = res.json as { insured?: boolean; chronicDisease?: boolean; majorDisease?: boolean } | null;
      return (
        res.status === 200 &&
        view!.insured === member.insuredYears.includes(Number(bill.dischargeDate.slice(0, 4))) &&
        (!needsChronic || view!.chronicDisease === true) &&
        view!.majorDisease === member.diseases.some((d) => d.kind === 'MAJOR' && d.certifiedOn <= bill.dischargeDate)
      );
    });
  }
  for (const f of DEMO_FACILITIES) await expectStatus(bureau, 'POST', `${urls.claims}/facilities`, f, [200, 201]);
  for (const bill of DEMO_BILLS) await expectStatus(bureau, 'POST', `${urls.claims}/bills`, bill, [200, 201]);
  log(`settled ${DEMO_BILLS.length} bills with claims`);
  return true;
}
