import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { appealListSchema, dashboardSchema, queueCountsSchema } from '../../contracts/console.schema.ts';
import { findByNumber, lockById } from '../appeals/appeals.repository.ts';
import { applyChange } from '../appeals/change-appeal.ts';
import { FixedClock } from '../clock.ts';
import { notifyApplicant } from '../notify/notify-applicant.ts';

const clock = new FixedClock('2026-11-25T05:00:00Z');
let t: TestSystem;
let head: StaffAgent;

beforeAll(async () => {
  t = await startTestSystem({ clock });
  head = await t.staff('head-trainee', 'head', 'IIV-1726266-INV');
});
afterAll(async () => {
  await t?.stop();
});

describe('training mode', () => {
  it('gives the trainee’s unit demo appeals at every stage, outside the real queues, counts and dashboard', async () => {
    const started = await head.request({ method: 'POST', url: '/api/v1/training/start' });
    expect(started.statusCode, started.body).toBe(200);
    const created = started.json<{ created: number }>().created;
    expect(created).toBeGreaterThanOrEqual(8);

    const sandbox = appealListSchema.parse(
      (await head.request({ method: 'GET', url: '/api/v1/training/appeals?pageSize=200' })).json(),
    );
    expect(sandbox.total).toBe(created);
    expect(sandbox.items.every((i) => i.number.startsWith('DEMO-2026-'))).toBe(true);
    expect(new Set(sandbox.items.map((i) => i.status))).toEqual(
      new Set(['registered', 'assigned', 'in_progress', 'answer_drafted', 'conclusion_drafted']),
    );
    expect(sandbox.items.some((i) => i.overdue)).toBe(true);
    expect(sandbox.items.some((i) => i.urgent)).toBe(true);

    const real = appealListSchema.parse(
      (await head.request({ method: 'GET', url: '/api/v1/appeals?pageSize=200' })).json(),
    );
    expect(real.total).toBe(0);
    const counts = queueCountsSchema.parse(
      (await head.request({ method: 'GET', url: '/api/v1/queues' })).json(),
    );
    expect(Object.values(counts.counts).every((n) => n === 0)).toBe(true);
    const sandboxCounts = queueCountsSchema.parse(
      (await head.request({ method: 'GET', url: '/api/v1/queues?sandbox=true' })).json(),
    );
    expect(sandboxCounts.counts.approval).toBe(2);
    expect(sandboxCounts.counts.mine).toBe(3);
    const dashboard = dashboardSchema.parse(
      (await head.request({ method: 'GET', url: '/api/v1/dashboard' })).json(),
    );
    expect(dashboard.load.open).toBe(0);
  });

  it('lets the trainee take every action on a demo appeal without anything reaching an applicant', async () => {
    const list = appealListSchema.parse(
      (await head.request({ method: 'GET', url: '/api/v1/training/appeals?status=answer_drafted' })).json(),
    );
    const number = list.items[0]?.number ?? '';
    const card = await head.request({ method: 'GET', url: `/api/v1/appeals/${number}` });
    expect(card.statusCode).toBe(200);
    expect(card.json().allowedActions).toContain('approve_answer');
    const reveal = await head.request({ method: 'GET', url: `/api/v1/appeals/${number}/applicant` });
    expect(reveal.json().applicant.lastName).toBe('Qodirova');
    const approved = await head.request({
      method: 'POST',
      url: `/api/v1/appeals/${number}/transitions`,
      payload: { action: 'approve_answer' },
    });
    expect(approved.json().status).toBe('answered');
    // The state change queues its notice job as always; the notifier skips sandbox appeals.
    const row = await t.system.ctx.db
      .selectFrom('appeals')
      .select('id')
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    await notifyApplicant(t.system.ctx, { appealId: row.id, template: 'answered', jobId: `test-${number}` });
    const notices = await t.system.ctx.db
      .selectFrom('notifications')
      .select('id')
      .where('appeal_id', '=', row.id)
      .execute();
    expect(notices).toEqual([]);
  });

  it('lets an operator practise registering, with a DEMO number, and starts afresh on request', async () => {
    const operator = await t.staff('operator-trainee', 'operator', 'IIV-1726266-APP');
    const registered = await operator.request({
      method: 'POST',
      url: '/api/v1/training/appeals',
      payload: {
        type: 'ariza',
        channel: 'hotline',
        form: 'oral',
        applicant: {
          kind: 'individual',
          lastName: 'Sobirov',
          firstName: 'Jamshid',
          address: 'Toshkent',
          phone: '+998901234567',
        },
        text: 'Mashinamni oʻgʻirlab ketishdi, yordam bering.',
        consent: true,
      },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    expect(registered.json().number).toMatch(/^DEMO-2026-\d{7}$/);
    expect(registered.json().accessCode).toMatch(/^[0-9A-Z]{8}$/);
    const real = await t.system.ctx.db
      .selectFrom('appeals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('sandbox', '=', false)
      .executeTakeFirstOrThrow();
    expect(real.n).toBe(0);

    const again = await head.request({ method: 'POST', url: '/api/v1/training/start' });
    const list = appealListSchema.parse(
      (await head.request({ method: 'GET', url: '/api/v1/training/appeals?pageSize=200' })).json(),
    );
    expect(list.total).toBe(again.json().created);
  });

  it('brings demo appeals to their stage through the change kernel, which refuses the sandbox on real appeals', async () => {
    const demo = await t.system.ctx.db
      .selectFrom('appeals')
      .select(['id', 'number'])
      .where('sandbox', '=', true)
      .where('status', '=', 'answer_drafted')
      .executeTakeFirstOrThrow();
    const events = await t.system.ctx.db
      .selectFrom('appeal_events')
      .select(['event', 'actor_id'])
      .where('appeal_id', '=', demo.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.event)).toEqual(['registered', 'routed', 'accepted', 'answer_drafted']);
    const audited = await t.system.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', demo.number)
      .orderBy('id')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['appeal.route', 'appeal.accept', 'appeal.draft_answer']);

    const real = await t.fileAppeal();
    const trainee = {
      id: head.id,
      login: head.login,
      fullName: '',
      role: 'head' as const,
      unitId: 0,
      scopeSubtree: false,
    };
    await expect(
      t.system.ctx.db.transaction().execute(async (tx) => {
        const appeal = await lockById(tx, (await findByNumber(tx, real.number))?.id ?? 0);
        if (!appeal) throw new Error('no appeal');
        return applyChange({
          ctx: t.system.ctx,
          tx,
          appeal,
          actor: { kind: 'sandbox', user: trainee },
          input: { action: 'withdraw', reason: 'sinov' },
          now: clock.now(),
        });
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
