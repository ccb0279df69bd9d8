import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultAppeal,
  type StaffAgent,
  startTestSystem,
  type TestSystem,
} from '../../app/testing/test-system.ts';
import { hierarchySchema } from '../../contracts/analytics.schema.ts';
import { queueNames } from '../../contracts/appeal.schema.ts';
import { dashboardSchema, queueCountsSchema } from '../../contracts/console.schema.ts';
import { rerollDirtyDays } from '../analytics/daily-rollup.repository.ts';
import { triageAppeal } from '../assist/triage-appeal.ts';
import { FixedClock } from '../clock.ts';

const clock = new FixedClock('2026-11-25T05:00:00Z');
let t: TestSystem;

function file(text: string, phone: string, extra: Record<string, unknown> = {}) {
  return t.fileAppeal({ applicant: { ...defaultAppeal.applicant, phone }, text, ...extra });
}

async function act(agent: StaffAgent, number: string, body: Record<string, unknown>) {
  const response = await agent.request({
    method: 'POST',
    url: `/api/v1/appeals/${number}/transitions`,
    payload: body,
  });
  expect(response.statusCode, response.body).toBe(200);
}

beforeAll(async () => {
  t = await startTestSystem({ clock });
});
afterAll(async () => {
  await t?.stop();
});

describe('queue counts', () => {
  it('counts each queue exactly as the queue lists it, in the caller’s scope only', async () => {
    const clerk = await t.staff('clerk-counts', 'clerk', 'IIV-1726266-APP');
    const executor = await t.staff('exec-counts', 'executor', 'IIV-1726266-INV');
    const a = await file('Telefonimni oʻgʻirlab ketishdi, yordam bering iltimos.', '+998901110001');
    await file('Qoʻshnim kechasi shovqin qiladi, chora koʻring.', '+998901110002');
    await act(clerk, a.number, { action: 'route', units: ['IIV-1726266-INV'] });
    await act(executor, a.number, { action: 'accept' });

    for (const agent of [clerk, executor]) {
      const response = await agent.request({ method: 'GET', url: '/api/v1/queues' });
      expect(response.statusCode, response.body).toBe(200);
      const { counts } = queueCountsSchema.parse(response.json());
      for (const queue of queueNames) {
        const list = await agent.request({ method: 'GET', url: `/api/v1/appeals?queue=${queue}&pageSize=1` });
        expect(counts[queue], `${agent.login} ${queue}`).toBe(list.json().total);
      }
    }
    const executorCounts = queueCountsSchema.parse(
      (await executor.request({ method: 'GET', url: '/api/v1/queues' })).json(),
    ).counts;
    expect(executorCounts.mine).toBe(1);
    expect(executorCounts.triage).toBe(0);
  });

  it('answers 401 without a session', async () => {
    const response = await t.request({ method: 'GET', url: '/api/v1/queues' });
    expect(response.statusCode).toBe(401);
  });
});

describe('the head’s dashboard', () => {
  it('shows the unit’s load, each executor’s due and overdue work, approvals, extensions, repeats and ratings', async () => {
    const clerk = await t.staff('clerk-dash', 'clerk', 'IIV-1726266-APP');
    const executor = await t.staff('exec-dash', 'executor', 'IIV-1726266-PATROL');
    const head = await t.staff('head-dash', 'head', 'IIV-1726266-PATROL');
    const first = await file('Koʻchamizda har kecha mast yoshlar janjal qiladi.', '+998901110010');
    const second = await file('Yana oʻsha koʻchada janjal boʻldi, hech kim kelmadi.', '+998901110011');
    for (const appeal of [first, second]) {
      await act(clerk, appeal.number, { action: 'route', units: ['IIV-1726266-PATROL'] });
      await act(executor, appeal.number, { action: 'accept' });
    }
    await act(head, second.number, { action: 'extend', reason: 'Qoʻshimcha tekshiruv kerak' });
    await act(executor, first.number, {
      action: 'draft_answer',
      outcome: 'satisfied',
      body: 'Patrul xizmati koʻchangizda navbatchilikni kuchaytirdi.',
    });
    await act(head, first.number, { action: 'approve_answer' });
    const rated = await t.request({
      method: 'POST',
      url: '/api/v1/appeals/rate',
      payload: { number: first.number, accessCode: first.accessCode, rating: 4 },
    });
    expect(rated.statusCode).toBe(204);
    await act(executor, second.number, {
      action: 'draft_answer',
      outcome: 'explained',
      body: 'Tekshiruv natijalari boʻyicha tushuntirish beramiz.',
    });

    const response = await head.request({ method: 'GET', url: '/api/v1/dashboard?days=30' });
    expect(response.statusCode, response.body).toBe(200);
    const dashboard = dashboardSchema.parse(response.json());
    expect(dashboard.unit.code).toBe('IIV-1726266-PATROL');
    expect(dashboard.load.open).toBe(1);
    expect(dashboard.awaitingApproval.count).toBe(1);
    expect(dashboard.awaitingApproval.items[0]).toMatchObject({
      number: second.number,
      executor: 'exec-dash',
    });
    expect(dashboard.executors).toEqual([
      expect.objectContaining({ login: 'exec-dash', open: 1, overdue: 0, answeredInPeriod: 1 }),
    ]);
    expect(dashboard.extensions).toEqual({
      extendedInPeriod: 1,
      openExtended: 1,
      openExtraStudy: 0,
      requested: 0,
    });
    expect(dashboard.ratings).toMatchObject({ count: 1, average: 4, distribution: [0, 0, 0, 1, 0] });
    expect(dashboard.repeats.received).toBe(2);
    expect(dashboard.load.receivedPerDay.at(-1)).toEqual({ day: '2026-11-25', count: 2 });
  });

  it('counts six identical appeals as one original and five duplicates, and both kinds of repeat once each', async () => {
    const samarqand = { territory: '1718401' };
    const text =
      'Bekat yonidagi svetofor bir haftadan beri ishlamaydi, mashinalar toʻxtamaydi. Iltimos, tezroq tuzating.';
    const filed = [];
    for (let i = 0; i < 6; i++) filed.push(await file(text, '+998907771100', samarqand));
    // The same person on another matter: triage finds the earlier appeals of the same phone.
    filed.push(await file('Qoʻshnimning iti har kuni bolalarga tashlanadi.', '+998907771100', samarqand));
    // Another person marks an appeal as a repeat of one they hold the access code of.
    const [original] = filed;
    if (!original) throw new Error('nothing filed');
    filed.push(
      await file('Javobingizdan norozi man, masala hal boʻlmadi.', '+998907771101', {
        ...samarqand,
        relatedTo: { number: original.number, accessCode: original.accessCode, kind: 'repeat' },
      }),
    );
    for (const appeal of filed) {
      const { id } = await t.system.ctx.db
        .selectFrom('appeals')
        .select('id')
        .where('number', '=', appeal.number)
        .executeTakeFirstOrThrow();
      await triageAppeal(t.system.ctx, id);
    }

    const head = await t.staff('head-samarqand', 'head', 'IIV-1718', { scopeSubtree: true });
    const response = await head.request({ method: 'GET', url: '/api/v1/dashboard?days=30' });
    expect(response.statusCode, response.body).toBe(200);
    const { repeats } = dashboardSchema.parse(response.json());
    expect(repeats).toEqual({
      received: 8,
      duplicates: 5,
      duplicateRate: 5 / 8,
      repeats: 2,
      rate: 2 / 8,
    });

    // The leaders' hierarchy and the appeals list's `repeat=true` count the same two repeats: the applicant's
    // second copy is his duplicate there too, as its card names it (review of issue 17: the hierarchy said 2
    // where the dashboard said 1, counting the copies that carry a repeat link beside their duplicate link).
    await rerollDirtyDays(t.system.ctx.db);
    const hierarchy = await head.request({ method: 'GET', url: '/api/v1/analytics/hierarchy?period=month' });
    expect(hierarchy.statusCode, hierarchy.body).toBe(200);
    expect(hierarchySchema.parse(hierarchy.json()).total.current.repeats).toBe(2);
    const listed = await head.request({ method: 'GET', url: '/api/v1/appeals?repeat=true&pageSize=20' });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json<{ total: number }>().total).toBe(2);
  });

  // Read-through of the change (6 Dec 2026): the list's row flag had its own rule (no visible duplicate or
  // campaign link either way), so an applicant's repeat that he then sent twice was in `repeat=true` and in
  // every figure, but its row carried no repeat flag.
  it('flags exactly the rows the repeat filter lists', async () => {
    const phone = '+998907771200';
    const territory = { territory: '1718401' };
    const first = await file(
      'Uyimiz oldidagi yoʻlda chuqur bor, mashinalar shikastlanmoqda.',
      phone,
      territory,
    );
    const again = 'Qoʻshnim har kecha baland ovozda musiqa qoʻyadi, uxlay olmaymiz. Chora koʻring.';
    const second = await file(again, phone, territory);
    const copy = await file(again, phone, territory);
    for (const appeal of [first, second, copy]) {
      const { id } = await t.system.ctx.db
        .selectFrom('appeals')
        .select('id')
        .where('number', '=', appeal.number)
        .executeTakeFirstOrThrow();
      await triageAppeal(t.system.ctx, id);
    }
    const head = await t.staff('head-samarqand-flags', 'head', 'IIV-1718', { scopeSubtree: true });
    const rows = async (filter: string) => {
      const response = await head.request({ method: 'GET', url: `/api/v1/appeals?phone=${phone}${filter}` });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ items: { number: string; repeat: boolean }[] }>().items;
    };
    const all = await rows('');
    expect(all).toHaveLength(3);
    const listed = (await rows('&repeat=true')).map((r) => r.number);
    expect(listed).toEqual([second.number]);
    expect(all.filter((r) => r.repeat).map((r) => r.number)).toEqual(listed);
  });

  it('refuses a unit outside the head’s scope and an executor', async () => {
    const head = await t.staff('head-scope-dash', 'head', 'IIV-1726266-PATROL');
    const outside = await head.request({ method: 'GET', url: '/api/v1/dashboard?unit=IIV-1703202-APP' });
    expect(outside.statusCode).toBe(403);
    const executor = await t.staff('exec-no-dash', 'executor', 'IIV-1726266-PATROL');
    expect((await executor.request({ method: 'GET', url: '/api/v1/dashboard' })).statusCode).toBe(403);
  });
});

describe('extension requests', () => {
  it('shows the head an executor’s request until the head extends the deadline', async () => {
    const clerk = await t.staff('clerk-ext-req', 'clerk', 'IIV-1726266-APP');
    const executor = await t.staff('exec-ext-req', 'executor', 'IIV-1726266-PREV');
    const head = await t.staff('head-ext-req', 'head', 'IIV-1726266-PREV');
    const appeal = await file(
      'Qoʻshnim bilan yer chegarasi boʻyicha nizo bor, ekspertiza kerak.',
      '+998901110077',
    );
    await act(clerk, appeal.number, { action: 'route', units: ['IIV-1726266-PREV'] });
    await act(executor, appeal.number, { action: 'accept' });
    const requested = async () => {
      const response = await head.request({ method: 'GET', url: '/api/v1/dashboard?days=30' });
      expect(response.statusCode, response.body).toBe(200);
      return dashboardSchema.parse(response.json()).extensions.requested;
    };
    expect(await requested()).toBe(0);
    await act(executor, appeal.number, {
      action: 'request_extension',
      reason: 'Yer ekspertizasi xulosasi kutilmoqda',
    });
    expect(await requested()).toBe(1);
    await act(head, appeal.number, { action: 'extend', reason: 'Ekspertiza xulosasi kutilmoqda' });
    expect(await requested()).toBe(0);
    const again = await executor.request({
      method: 'POST',
      url: `/api/v1/appeals/${appeal.number}/transitions`,
      payload: { action: 'request_extension', reason: 'Yana vaqt kerak' },
    });
    expect(again.json().error.code).toBe('DEADLINE_EXTENSION_USED');
  });
});
