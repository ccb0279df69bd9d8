import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveListener, listenLive, until } from '../../app/testing/live-client.ts';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { multipart, PortalSession } from '../../portal/testing.ts';
import { triageAppeal } from '../assist/triage-appeal.ts';

// Attacks by the officer a citizen complains about, and by his unit: the Yunusobod district department
// (IIV-1726266) of Tashkent city (IIV-1726). A complaint about its officers must never be held, seen,
// counted, found or streamed there — from the moment it is registered, through every door.

let t: TestSystem;
let base: string;
/** Staff of the officer's own department. */
let ownHead: StaffAgent;
let ownClerk: StaffAgent;
let ownDuty: StaffAgent;
let ownOperator: StaffAgent;
/** Internal security and the duty unit one level above (Tashkent city directorate). */
let cityIsec: StaffAgent;
let cityDuty: StaffAgent;
let cityClerk: StaffAgent;
let cityHead: StaffAgent;

const yunusobod = '1726266';
const urgentComplaint = 'Serjant Rustamov Bobur meni kaltakladi va oʻldiraman deb qoʻrqitdi.';
const textComplaint =
  'Yunusobod IIB patrul xodimi leytenant Qodirov Sanjar menga qoʻpol muomala qildi, haqorat qildi va pora talab qildi.';

beforeAll(async () => {
  t = await startTestSystem();
  base = await t.listen();
  ownHead = await t.staff('own-head', 'head', 'IIV-1726266', { scopeSubtree: true });
  ownClerk = await t.staff('own-clerk', 'clerk', 'IIV-1726266-APP');
  ownDuty = await t.staff('own-duty', 'head', 'IIV-1726266-DUTY');
  ownOperator = await t.staff('own-operator', 'operator', 'IIV-1726266-APP');
  cityIsec = await t.staff('city-isec', 'internal_security', 'IIV-1726-ISEC');
  cityDuty = await t.staff('city-duty', 'head', 'IIV-1726-DUTY');
  cityClerk = await t.staff('city-clerk', 'clerk', 'IIV-1726-APP');
  cityHead = await t.staff('city-head', 'head', 'IIV-1726', { scopeSubtree: true });
});
afterAll(async () => {
  await t?.stop();
});

/** Where the appeal is held: its lead unit, every unit working it, and who may see it. */
async function placement(number: string) {
  const units = t.system.ctx.reference().units;
  const code = (id: number | null) => (id === null ? null : (units.byId(id)?.code ?? null));
  const row = await t.system.ctx.db
    .selectFrom('appeals')
    .select(['id', 'owner_unit_id', 'scope_units', 'subject_unit_id', 'about_officer', 'status'])
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  const working = await t.system.ctx.db
    .selectFrom('appeal_units')
    .select('unit_id')
    .where('appeal_id', '=', row.id)
    .orderBy('position')
    .execute();
  return {
    id: row.id,
    status: row.status,
    lead: code(row.owner_unit_id),
    units: working.map((w) => code(w.unit_id)),
    scope: row.scope_units.map(code),
    subject: code(row.subject_unit_id),
  };
}

/** Everything a member of the officer's unit could try in order to reach the appeal. */
async function expectHiddenFrom(agent: StaffAgent, number: string, surname: string) {
  const card = await agent.request({ method: 'GET', url: `/api/v1/appeals/${number}` });
  expect(card.statusCode).toBe(404);
  const applicant = await agent.request({ method: 'GET', url: `/api/v1/appeals/${number}/applicant` });
  expect(applicant.statusCode).toBe(404);
  const search = await agent.request({
    method: 'GET',
    url: `/api/v1/appeals?q=${encodeURIComponent(surname)}`,
  });
  expect(search.statusCode).toBe(200);
  expect(JSON.stringify(search.json())).not.toContain(number);
  const all = await agent.request({ method: 'GET', url: '/api/v1/appeals?pageSize=100' });
  expect(JSON.stringify(all.json())).not.toContain(number);
  const route = await agent.request({
    method: 'POST',
    url: `/api/v1/appeals/${number}/transitions`,
    payload: { action: 'route', units: ['IIV-1726266-PREV'] },
  });
  expect(route.statusCode).toBe(404);
}

async function openAs(agent: StaffAgent, number: string) {
  const card = await agent.request({ method: 'GET', url: `/api/v1/appeals/${number}` });
  expect(card.statusCode).toBe(200);
  return card.json<{ aboutOfficer: boolean; urgent: boolean; unit: { code: string } }>();
}

/** The queue counts and the head's dashboard: what a count could reveal. */
async function queueCounts(agent: StaffAgent) {
  const queues = await agent.request({ method: 'GET', url: '/api/v1/queues' });
  expect(queues.statusCode).toBe(200);
  const dashboard = await agent.request({ method: 'GET', url: '/api/v1/dashboard?days=30' });
  expect(dashboard.statusCode).toBe(200);
  return { queues: queues.json<Record<string, number>>(), dashboard: dashboard.json<unknown>() };
}

describe('an urgent complaint naming an officer (finding 1a)', () => {
  it('goes to internal security one level above and that body’s duty unit, never the officer’s department', async () => {
    const before = await queueCounts(ownHead);
    const appeal = await t.fileAppeal({ type: 'shikoyat', text: urgentComplaint, territory: yunusobod });
    expect(await placement(appeal.number)).toMatchObject({
      lead: 'IIV-1726-ISEC',
      units: ['IIV-1726-ISEC', 'IIV-1726-DUTY'],
      subject: 'IIV-1726266',
      status: 'assigned',
    });
    await expectHiddenFrom(ownHead, appeal.number, 'Rustamov');
    await expectHiddenFrom(ownDuty, appeal.number, 'Rustamov');
    expect(await queueCounts(ownHead)).toEqual(before);
    expect(await openAs(cityIsec, appeal.number)).toMatchObject({ aboutOfficer: true, urgent: true });
    await openAs(cityDuty, appeal.number);

    // Triage after commit changes none of it.
    await triageAppeal(t.system.ctx, (await placement(appeal.number)).id);
    expect(await placement(appeal.number)).toMatchObject({
      lead: 'IIV-1726-ISEC',
      subject: 'IIV-1726266',
    });
    await expectHiddenFrom(ownHead, appeal.number, 'Rustamov');
  });
});

describe('an urgent appeal filed under an officer-conduct category (finding 1b)', () => {
  it('reaches internal security above instead of sitting with the officer’s duty desk', async () => {
    const appeal = await t.fileAppeal({
      type: 'shikoyat',
      category: 'officer_conduct',
      text: 'Uchastka inspektori qoʻshnimga qurol bilan tahdid qildi, oʻldiraman dedi, tezda yordam bering!',
      territory: yunusobod,
    });
    expect(await placement(appeal.number)).toMatchObject({
      lead: 'IIV-1726-ISEC',
      units: ['IIV-1726-ISEC', 'IIV-1726-DUTY'],
      subject: 'IIV-1726266',
    });
    await openAs(cityIsec, appeal.number);
    await expectHiddenFrom(ownDuty, appeal.number, 'inspektori');
  });
});

describe('a complaint recognised only from its text (finding 1c)', () => {
  it('is never written to the officer’s appeals unit, not even before triage runs', async () => {
    const appeal = await t.fileAppeal({ type: 'shikoyat', text: textComplaint, territory: yunusobod });
    const where = await placement(appeal.number);
    expect(where.subject).toBe('IIV-1726266');
    expect(where.scope).not.toContain('IIV-1726266-APP');
    expect(where.lead?.startsWith('IIV-1726-')).toBe(true);
    await expectHiddenFrom(ownClerk, appeal.number, 'Qodirov');
    await expectHiddenFrom(ownHead, appeal.number, 'Qodirov');
    await openAs(cityIsec, appeal.number);
  });

  it('is never announced on the officer’s unit’s live stream', async () => {
    const listeners: LiveListener[] = [
      await listenLive(t, base, { login: 'own-clerk-live', role: 'clerk', unit: 'IIV-1726266-APP' }),
      await listenLive(t, base, { login: 'own-head-live', role: 'head', unit: 'IIV-1726266', subtree: true }),
    ];
    const security = await listenLive(t, base, {
      login: 'city-isec-live',
      role: 'internal_security',
      unit: 'IIV-1726-ISEC',
    });
    await t.system.ctx.live.ready();
    const appeal = await t.fileAppeal({ type: 'shikoyat', text: textComplaint, territory: yunusobod });
    const urgent = await t.fileAppeal({ type: 'shikoyat', text: urgentComplaint, territory: yunusobod });
    await until(() => JSON.stringify(security.events).includes(urgent.number));
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const listener of listeners) {
      expect(listener.events.filter((e) => e.event === 'appeal')).toEqual([]);
      await listener.close();
    }
    expect(JSON.stringify(security.events)).toContain(appeal.number);
    await security.close();
  });

  it('cannot be kept from internal security by a clerk of the officer’s unit acting first', async () => {
    const appeal = await t.fileAppeal({ type: 'shikoyat', text: textComplaint, territory: yunusobod });
    const withdraw = await ownClerk.request({
      method: 'POST',
      url: `/api/v1/appeals/${appeal.number}/transitions`,
      payload: { action: 'withdraw', reason: 'dublikat' },
    });
    expect(withdraw.statusCode).toBe(404);
    await triageAppeal(t.system.ctx, (await placement(appeal.number)).id);
    expect((await placement(appeal.number)).subject).toBe('IIV-1726266');
  });
});

describe('every door decides the same way', () => {
  it('the portal form', async () => {
    const session = new PortalSession(t);
    const csrf = await session.csrf('/uz/appeal');
    const posted = await session.request({
      method: 'POST',
      url: '/uz/appeal',
      ...multipart({
        _csrf: csrf,
        type: 'shikoyat',
        'applicant.kind': 'individual',
        'applicant.lastName': 'Karimova',
        'applicant.firstName': 'Nodira',
        'applicant.address': 'Toshkent sh., Yunusobod tumani',
        territory: yunusobod,
        text: urgentComplaint,
        consent: 'true',
      }),
    });
    expect(posted.statusCode).toBe(303);
    const number = /IIV-\d{4}-\d{7}/.exec(posted.headers.location ?? '')?.[0] ?? '';
    expect(await placement(number)).toMatchObject({ lead: 'IIV-1726-ISEC', subject: 'IIV-1726266' });
    await expectHiddenFrom(ownHead, number, 'Rustamov');
  });

  it('an operator of the officer’s own department entering a phone call loses sight of it at once', async () => {
    const registered = await ownOperator.request({
      method: 'POST',
      url: '/api/v1/appeals',
      payload: {
        type: 'shikoyat',
        channel: 'hotline',
        applicant: { kind: 'individual', lastName: 'Aliyev', firstName: 'Sardor', address: 'Yunusobod' },
        text: textComplaint,
        territory: yunusobod,
        consent: true,
      },
    });
    expect(registered.statusCode).toBe(201);
    const { number } = registered.json<{ number: string }>();
    expect((await placement(number)).subject).toBe('IIV-1726266');
    await expectHiddenFrom(ownOperator, number, 'Qodirov');
    await expectHiddenFrom(ownClerk, number, 'Qodirov');
  });

  it('staff marking it later move it out of the unit, which is told only that something left its queue', async () => {
    const appeal = await t.fileAppeal({
      text: 'Kecha uyimga yaqin joyda janjal boʻldi, kimdir meni urib ketdi, oʻldiraman dedi.',
      territory: yunusobod,
    });
    const opened = await openAs(ownDuty, appeal.number);
    expect(opened).toMatchObject({ aboutOfficer: false, urgent: true });
    const watcher = await listenLive(t, base, {
      login: 'own-clerk-watch',
      role: 'clerk',
      unit: 'IIV-1726266-DUTY',
    });
    await t.system.ctx.live.ready();
    const marked = await cityHead.request({
      method: 'POST',
      url: `/api/v1/appeals/${appeal.number}/transitions`,
      payload: { action: 'mark_officer_complaint', unit: 'IIV-1726266-PATROL' },
    });
    expect(marked.statusCode).toBe(200);
    // It was urgent: internal security and the duty unit above take it, as at intake.
    expect(await placement(appeal.number)).toMatchObject({
      lead: 'IIV-1726-ISEC',
      units: ['IIV-1726-ISEC', 'IIV-1726-DUTY'],
      scope: ['IIV-1726-ISEC', 'IIV-1726-DUTY'],
      subject: 'IIV-1726266',
    });
    await until(() => watcher.events.some((e) => e.event === 'appeal'));
    expect(JSON.stringify(watcher.events)).not.toContain(appeal.number);
    await watcher.close();
    await expectHiddenFrom(ownDuty, appeal.number, 'janjal');
    await openAs(cityDuty, appeal.number);
  });
});

describe('a suspicion a person must settle', () => {
  it('waits for the clerks one level above, who may clear it and send it down with a reason', async () => {
    const appeal = await t.fileAppeal({
      text: 'Uchastka inspektori qoʻshnim bilan janjalimizni koʻrib chiqmadi, qoʻshnim meni haqorat qildi.',
      territory: yunusobod,
    });
    const where = await placement(appeal.number);
    expect(where).toMatchObject({ status: 'registered', lead: 'IIV-1726-APP', subject: 'IIV-1726266' });
    await expectHiddenFrom(ownClerk, appeal.number, 'janjalimizni');
    const cleared = await cityClerk.request({
      method: 'POST',
      url: `/api/v1/appeals/${appeal.number}/transitions`,
      payload: { action: 'clear_officer_complaint', reason: 'Qoʻshnilar janjali, xodim ustidan emas' },
    });
    expect(cleared.statusCode).toBe(200);
    const routed = await cityClerk.request({
      method: 'POST',
      url: `/api/v1/appeals/${appeal.number}/transitions`,
      payload: { action: 'route', units: ['IIV-1726266-PREV'] },
    });
    expect(routed.statusCode).toBe(200);
    await openAs(ownHead, appeal.number);
  });
});

describe('the database as the last line', () => {
  it('refuses any write that would put a complaint inside the officer’s unit, whatever code path tries', async () => {
    const appeal = await t.fileAppeal({ type: 'shikoyat', text: urgentComplaint, territory: yunusobod });
    const units = t.system.ctx.reference().units;
    const own = units.byCode('IIV-1726266-DUTY')?.id ?? 0;
    await expect(
      t.system.ctx.db
        .updateTable('appeals')
        .set({ scope_units: [own], owner_unit_id: own })
        .where('number', '=', appeal.number)
        .execute(),
    ).rejects.toThrow(/appeals_complaint_outside_subject/);
    // Adding the officer's unit beside internal security is refused as well.
    const isec = units.byCode('IIV-1726-ISEC')?.id ?? 0;
    await expect(
      t.system.ctx.db
        .updateTable('appeals')
        .set({ scope_units: [isec, own] })
        .where('number', '=', appeal.number)
        .execute(),
    ).rejects.toThrow(/appeals_complaint_outside_subject/);
  });
});
