import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { FixedClock } from '../clock.ts';
import { addDays } from '../deadlines/calendar.ts';
import { noticesForChange, sendDeadlineReminders } from './staff-notices.ts';

// Staff's own notices through the real app: assigned, awaiting approval, returned, a deadline near and an
// appeal overdue, each told once to the right person, read only by them.

// A working Wednesday morning in Tashkent.
const clock = new FixedClock('2026-11-25T05:00:00Z');
let t: TestSystem;
let clerk: StaffAgent;
let head: StaffAgent;
let executor: StaffAgent;
let other: StaffAgent;

async function ok(agent: StaffAgent, number: string, body: Record<string, unknown>) {
  const done = await agent.request({
    method: 'POST',
    url: `/api/v1/appeals/${number}/transitions`,
    payload: body,
  });
  expect(done.statusCode, `${JSON.stringify(body)}: ${done.body}`).toBe(200);
}

async function notices(agent: StaffAgent) {
  const response = await agent.request({ method: 'GET', url: '/api/v1/me/notices' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{
    unread: number;
    items: { id: string; kind: string; read: boolean; appeal: { number: string } }[];
  }>();
}

/** Read from the database: while the clock is moved days ahead, the staff's sessions would expire. */
async function storedKinds(login: string, number: string): Promise<string[]> {
  const rows = await t.system.ctx.db
    .selectFrom('staff_notices')
    .innerJoin('users', 'users.id', 'staff_notices.user_id')
    .innerJoin('appeals', 'appeals.id', 'staff_notices.appeal_id')
    .select('staff_notices.kind')
    .where('users.login', '=', login)
    .where('appeals.number', '=', number)
    .orderBy('staff_notices.id')
    .execute();
  return rows.map((r) => r.kind);
}

const kindsFor = async (agent: StaffAgent, number: string) =>
  (await notices(agent)).items.filter((n) => n.appeal.number === number).map((n) => n.kind);

beforeAll(async () => {
  t = await startTestSystem({ clock });
  clerk = await t.staff('sn-clerk', 'clerk', 'IIV-1726266', { scopeSubtree: true });
  head = await t.staff('sn-head', 'head', 'IIV-1726266', { scopeSubtree: true });
  executor = await t.staff('sn-exec', 'executor', 'IIV-1726266-PREV');
  other = await t.staff('sn-other', 'executor', 'IIV-1726266-PREV');
});
afterAll(async () => {
  await t?.stop();
});

describe('staff notices', () => {
  it('tells the executor it was assigned and returned, and the head a draft awaits approval', async () => {
    const { number } = await t.fileAppeal();
    await ok(clerk, number, { action: 'route', units: ['IIV-1726266-PREV'] });
    await ok(head, number, { action: 'assign_executor', executor: 'sn-exec' });
    expect(await kindsFor(executor, number)).toEqual(['assigned']);
    await ok(executor, number, { action: 'accept' });
    await ok(executor, number, {
      action: 'draft_answer',
      outcome: 'explained',
      body: 'Murojaatingiz koʻrib chiqildi, tushuntirish beramiz.',
    });
    expect(await kindsFor(head, number)).toEqual(['awaiting_approval']);
    // Nobody is told of their own step.
    expect(await kindsFor(executor, number)).toEqual(['assigned']);
    await ok(head, number, { action: 'return_answer', comment: 'Qonun moddasini koʻrsating' });
    expect((await kindsFor(executor, number)).sort()).toEqual(['assigned', 'returned']);
    // Another executor of the same unit hears nothing of it.
    expect(await kindsFor(other, number)).toEqual([]);
  });

  it('reminds the executor before the deadline and tells the head once it passes, each once', async () => {
    const { number } = await t.fileAppeal();
    await ok(clerk, number, { action: 'route', units: ['IIV-1726266-PREV'] });
    await ok(head, number, { action: 'assign_executor', executor: 'sn-exec' });
    const card = (await head.request({ method: 'GET', url: `/api/v1/appeals/${number}` })).json<{
      clock: { dueOn: string };
    }>();
    const dueOn = card.clock.dueOn;
    const calendar = t.system.ctx.reference().calendar;
    // The working day two working days before the deadline, in the morning.
    let day = addDays(dueOn, -1);
    while (calendar.addWorkingDays(day, 2) < dueOn || !calendar.isWorkingDay(day)) day = addDays(day, -1);
    clock.set(`${day}T05:00:00Z`);
    await sendDeadlineReminders(t.system.ctx);
    await sendDeadlineReminders(t.system.ctx);
    expect((await storedKinds('sn-exec', number)).filter((k) => k === 'due_soon')).toEqual(['due_soon']);
    expect(await storedKinds('sn-head', number)).not.toContain('due_soon');

    clock.set(`${addDays(dueOn, 1)}T05:00:00Z`);
    await sendDeadlineReminders(t.system.ctx);
    await sendDeadlineReminders(t.system.ctx);
    expect((await storedKinds('sn-head', number)).filter((k) => k === 'overdue')).toEqual(['overdue']);
    expect((await storedKinds('sn-exec', number)).filter((k) => k === 'overdue')).toEqual(['overdue']);
    clock.set('2026-11-25T05:00:00Z');
    // And the executor reads them in the console.
    expect(await kindsFor(executor, number)).toEqual(expect.arrayContaining(['due_soon', 'overdue']));
  });

  it('lets each person mark only their own notices read', async () => {
    const mine = await notices(executor);
    expect(mine.unread).toBeGreaterThan(0);
    const ids = mine.items.map((n) => n.id);
    const theirs = await other.request({ method: 'POST', url: '/api/v1/me/notices/read', payload: { ids } });
    expect(theirs.json()).toEqual({ changed: 0 });
    const read = await executor.request({ method: 'POST', url: '/api/v1/me/notices/read', payload: { ids } });
    expect(read.json()).toEqual({ changed: ids.length });
    expect((await notices(executor)).unread).toBe(0);
    const bad = await executor.request({
      method: 'POST',
      url: '/api/v1/me/notices/read',
      payload: { ids: ['1 or 1=1'] },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('hides a notice once its appeal leaves the reader’s sight', async () => {
    const { number } = await t.fileAppeal();
    await ok(clerk, number, { action: 'route', units: ['IIV-1726266-PREV'] });
    await ok(head, number, { action: 'assign_executor', executor: 'sn-exec' });
    expect(await kindsFor(executor, number)).toEqual(['assigned']);
    // Marked as a complaint about the executor's own body: it goes above, and the notice goes with it.
    await ok(clerk, number, { action: 'mark_officer_complaint', unit: 'IIV-1726266', officer: 'sn-exec' });
    expect(await kindsFor(executor, number)).toEqual([]);
  });
});

describe('which change concerns whom', () => {
  it('names the new executor, the executor a draft is returned to, and the heads for approval', () => {
    const base = { executorBefore: null, executorAfter: null, ownerUnitId: 5, actorId: 1 } as const;
    expect(
      noticesForChange({ ...base, action: 'assign_executor', toStatus: 'assigned', executorAfter: 7 }),
    ).toEqual([{ kind: 'assigned', to: { userId: 7 } }]);
    expect(
      noticesForChange({ ...base, action: 'accept', toStatus: 'in_progress', executorAfter: 1 }),
    ).toEqual([]);
    expect(
      noticesForChange({
        ...base,
        action: 'return_answer',
        toStatus: 'returned',
        executorBefore: 7,
        executorAfter: 7,
      }),
    ).toEqual([{ kind: 'returned', to: { userId: 7 } }]);
    expect(noticesForChange({ ...base, action: 'draft_answer', toStatus: 'answer_drafted' })).toEqual([
      { kind: 'awaiting_approval', to: { headsOver: 5 } },
    ]);
  });
});
