import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import {
  lessonCheckSchema,
  lessonListSchema,
  lessonStartedSchema,
  trainingProgressSchema,
} from '../../contracts/training.schema.ts';
import { FixedClock } from '../clock.ts';
import { lessons } from './lessons.ts';

const clock = new FixedClock('2026-11-25T05:00:00Z');
const en = { 'accept-language': 'en' };
let t: TestSystem;
let clerk: StaffAgent;

beforeAll(async () => {
  t = await startTestSystem({ clock });
  clerk = await t.staff('clerk-lessons', 'clerk', 'IIV-1726266-APP');
});
afterAll(async () => {
  await t?.stop();
});

async function start(agent: StaffAgent, lesson: string) {
  const started = await agent.request({ method: 'POST', url: `/api/v1/training/lessons/${lesson}/start` });
  expect(started.statusCode, started.body).toBe(200);
  return lessonStartedSchema.parse(started.json());
}

async function check(agent: StaffAgent, lesson: string) {
  const checked = await agent.request({
    method: 'POST',
    url: `/api/v1/training/lessons/${lesson}/check`,
    headers: en,
  });
  expect(checked.statusCode, checked.body).toBe(200);
  return lessonCheckSchema.parse(checked.json());
}

async function act(agent: StaffAgent, number: string | null, payload: Record<string, unknown>) {
  const response = await agent.request({
    method: 'POST',
    url: `/api/v1/appeals/${number}/transitions`,
    payload,
  });
  expect(response.statusCode, response.body).toBe(200);
}

describe('guided training lessons', () => {
  it('lists the caller’s role’s lessons with their steps in the request’s language', async () => {
    const list = lessonListSchema.parse(
      (await clerk.request({ method: 'GET', url: '/api/v1/training/lessons', headers: en })).json(),
    );
    expect(list.items.map((l) => l.id)).toEqual(['clerk-route-theft', 'clerk-anonymous-conclusion']);
    expect(list.items[0]?.title).toBe('Route an appeal about a theft');
    expect(list.items[0]?.steps.length).toBeGreaterThanOrEqual(3);
    expect(list.items.every((l) => l.completedAt === null)).toBe(true);
  });

  it('passes a clerk who routes the theft appeal to investigation with its category, and records it once', async () => {
    expect((await check(clerk, 'clerk-route-theft')).problems).toEqual([
      'Press “Start” first to begin the lesson.',
    ]);
    const { number } = await start(clerk, 'clerk-route-theft');
    expect(number).toMatch(/^DEMO-2026-\d{7}$/);
    const before = await check(clerk, 'clerk-route-theft');
    expect(before.passed).toBe(false);
    expect(before.problems).toContain('Set the category to “Theft and robbery” yourself.');
    expect(before.problems).toContain('You have not done “Route” yourself.');

    await act(clerk, number, { action: 'route', units: ['IIV-1726266-PATROL'] });
    const wrongUnit = await check(clerk, 'clerk-route-theft');
    expect(wrongUnit.problems).toContain(
      'Thefts go to the Investigation and Inquiry Unit; the appeal was sent to another unit.',
    );
    await act(clerk, number, { action: 'set_category', category: 'theft' });
    await act(clerk, number, { action: 'route', units: ['IIV-1726266-INV'] });
    const passed = await check(clerk, 'clerk-route-theft');
    expect(passed).toEqual({ passed: true, problems: [], completedAt: clock.now().toISOString() });
    expect((await check(clerk, 'clerk-route-theft')).passed).toBe(true);

    const rows = await t.system.ctx.db
      .selectFrom('training_lesson_completions')
      .selectAll()
      .where('user_id', '=', clerk.id)
      .execute();
    expect(rows.map((r) => r.lesson_id)).toEqual(['clerk-route-theft']);
    const audited = await t.system.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_id', '=', clerk.id)
      .where('action', 'like', 'training.lesson%')
      .orderBy('id')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['training.lesson_start', 'training.lesson_completed']);
    const list = lessonListSchema.parse(
      (await clerk.request({ method: 'GET', url: '/api/v1/training/lessons' })).json(),
    );
    expect(list.items.find((l) => l.id === 'clerk-route-theft')?.completedAt).toBe(clock.now().toISOString());
  });

  it('keeps a completion when the sandbox is replaced, and asks for a fresh start to check again', async () => {
    const trainee = await t.staff('clerk-fresh', 'clerk', 'IIV-1726266-INV');
    const { number } = await start(trainee, 'clerk-anonymous-conclusion');
    await act(trainee, number, {
      action: 'draft_conclusion',
      reason: 'anonymous',
      body: 'Murojaatda arizachining familiyasi, ismi va yashash joyi koʻrsatilmagan, shu sababli u koʻrib chiqilmaydi.',
    });
    expect((await check(trainee, 'clerk-anonymous-conclusion')).passed).toBe(true);
    const fresh = await trainee.request({ method: 'POST', url: '/api/v1/training/start' });
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect((await check(trainee, 'clerk-anonymous-conclusion')).problems).toEqual([
      'Press “Start” first to begin the lesson.',
    ]);
    const kept = await t.system.ctx.db
      .selectFrom('training_lesson_completions')
      .select(['lesson_id', 'appeal_id'])
      .where('user_id', '=', trainee.id)
      .execute();
    expect(kept).toEqual([{ lesson_id: 'clerk-anonymous-conclusion', appeal_id: null }]);
  });

  it('wants an executor’s answer to a Cyrillic appeal in Cyrillic, with an outcome', async () => {
    const executor = await t.staff('executor-lessons', 'executor', 'IIV-1726266-INV');
    const first = await start(executor, 'executor-answer-language');
    await act(executor, first.number, { action: 'accept' });
    await act(executor, first.number, {
      action: 'draft_answer',
      outcome: 'explained',
      body: 'Hurmatli Sherzod Ergashev! Yangi haydovchilik guvohnomasi uchun pasport, tibbiy maʼlumotnoma va toʻlov kvitansiyasi bilan YHXB boʻlimiga murojaat qiling.',
    });
    expect((await check(executor, 'executor-answer-language')).problems).toEqual([
      'The appeal is in Cyrillic: the answer must be in Cyrillic too.',
    ]);

    const second = await start(executor, 'executor-answer-language');
    await act(executor, second.number, { action: 'accept' });
    await act(executor, second.number, {
      action: 'draft_answer',
      outcome: 'explained',
      body: 'Ҳурматли Шерзод Эргашев! Янги ҳайдовчилик гувоҳномаси учун паспорт, тиббий маълумотнома ва тўлов квитанцияси билан ЙҲХБ бўлимига мурожаат қилинг.',
    });
    expect((await check(executor, 'executor-answer-language')).passed).toBe(true);
  });

  it('does not let anyone pass with another person’s appeal', async () => {
    const owner = await t.staff('clerk-owner', 'clerk', 'IIV-1726266-APP');
    const other = await t.staff('clerk-other', 'clerk', 'IIV-1726266-APP');
    const { number } = await start(owner, 'clerk-anonymous-conclusion');
    // A colleague in the same unit sees the sandbox appeal and does the work on it.
    await act(other, number, {
      action: 'draft_conclusion',
      reason: 'anonymous',
      body: 'Murojaatda arizachining familiyasi, ismi va yashash joyi koʻrsatilmagan, shu sababli u koʻrib chiqilmaydi.',
    });
    expect((await check(owner, 'clerk-anonymous-conclusion')).problems).toEqual([
      'You have not done “Conclusion not to consider” yourself.',
    ]);
    expect((await check(other, 'clerk-anonymous-conclusion')).problems).toEqual([
      'Press “Start” first to begin the lesson.',
    ]);
    const completions = await t.system.ctx.db
      .selectFrom('training_lesson_completions')
      .select('user_id')
      .where('user_id', 'in', [owner.id, other.id])
      .execute();
    expect(completions).toEqual([]);
  });

  it('counts only an operator’s own practice registration in the sandbox, never a real appeal', async () => {
    const operator = await t.staff('operator-lessons', 'operator', 'IIV-1726266-APP');
    const started = await start(operator, 'operator-hotline-call');
    expect(started.number).toBeNull();
    const call = {
      type: 'ariza',
      channel: 'hotline',
      form: 'oral',
      applicant: {
        kind: 'individual',
        lastName: 'Sobirova',
        firstName: 'Gulnora',
        address: 'Chilonzor tumani, 12-mavze, 5-uy',
        phone: '+998901234567',
      },
      text: 'Hovlimizda ikki haftadan beri raqamsiz mashina turibdi, bolalar yonida oʻynaydi, tekshirib koʻrishingizni soʻrayman.',
      consent: true,
    };
    const real = await operator.request({ method: 'POST', url: '/api/v1/appeals', payload: call });
    expect(real.statusCode, real.body).toBe(201);
    expect((await check(operator, 'operator-hotline-call')).problems).toEqual([
      'You have not registered any appeal in training mode since starting the lesson.',
    ]);
    const practice = await operator.request({
      method: 'POST',
      url: '/api/v1/training/appeals',
      payload: { ...call, applicant: { ...call.applicant, phone: '+998907654321' } },
    });
    expect(practice.statusCode, practice.body).toBe(201);
    expect((await check(operator, 'operator-hotline-call')).problems).toEqual([
      'The phone number does not match the caller’s.',
    ]);
    await operator.request({ method: 'POST', url: '/api/v1/training/appeals', payload: call });
    expect((await check(operator, 'operator-hotline-call')).passed).toBe(true);
  });

  it('sets up every lesson’s appeal, and none passes before the trainee has done anything', async () => {
    const admin = await t.staff('admin-lessons', 'admin', 'IIV-1726266-INV');
    for (const lesson of lessons) {
      const started = await start(admin, lesson.id);
      expect(started.number === null, lesson.id).toBe(lesson.setup === null);
      const checked = await check(admin, lesson.id);
      expect(checked.passed, lesson.id).toBe(false);
      expect(checked.problems.length, lesson.id).toBeGreaterThan(0);
    }
  });

  it.each([
    [
      'operator',
      'operator-urgent-call',
      [{ action: 'mark_urgent', urgent: true, reason: 'zoʻravonlik hozir' }],
    ],
    [
      'executor',
      'executor-request-info',
      [
        {
          action: 'request_info',
          reason: 'Pasport almashtirish arizasining raqami va topshirilgan sanasini yuboring.',
          from: 'arizachi',
        },
      ],
    ],
    [
      'head',
      'head-return-draft',
      [{ action: 'return_answer', comment: 'Javob kirillda boʻlsin va mashina qayerdaligini aniq yozing.' }],
    ],
    ['head', 'head-approve-answer', [{ action: 'approve_answer' }]],
    [
      'head',
      'head-extend-deadline',
      [{ action: 'extend', reason: 'Arxivdan hujjatlar kelishi kutilmoqda.', until: '2026-12-10' }],
    ],
  ] as const)('passes a %s’s lesson %s done through the real transitions', async (role, lesson, steps) => {
    const trainee = await t.staff(`${lesson}-trainee`, role, 'IIV-1726266-INV');
    const { number } = await start(trainee, lesson);
    for (const step of steps) await act(trainee, number, step);
    expect(await check(trainee, lesson)).toMatchObject({ passed: true, problems: [] });
  });

  it('answers an unknown lesson with LESSON_NOT_FOUND and another role’s lesson with FORBIDDEN', async () => {
    const unknown = await clerk.request({ method: 'POST', url: '/api/v1/training/lessons/no-such/start' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('LESSON_NOT_FOUND');
    const unknownCheck = await clerk.request({
      method: 'POST',
      url: '/api/v1/training/lessons/no-such/check',
    });
    expect(unknownCheck.json().error.code).toBe('LESSON_NOT_FOUND');
    const headsOnly = await clerk.request({
      method: 'POST',
      url: '/api/v1/training/lessons/head-approve-answer/start',
    });
    expect(headsOnly.statusCode).toBe(403);
    expect(headsOnly.json().error.code).toBe('FORBIDDEN');
  });

  it('shows a head who in their scope has not completed which lesson, and nobody else', async () => {
    const head = await t.staff('head-lessons', 'head', 'IIV-1726266', { scopeSubtree: true });
    const progress = await head.request({ method: 'GET', url: '/api/v1/training/progress', headers: en });
    expect(progress.statusCode, progress.body).toBe(200);
    const { people } = trainingProgressSchema.parse(progress.json());
    const clerkRow = people.find((p) => p.login === 'clerk-lessons');
    expect(clerkRow?.role).toBe('clerk');
    expect(clerkRow?.lessons).toEqual([
      {
        id: 'clerk-route-theft',
        title: 'Route an appeal about a theft',
        completedAt: clock.now().toISOString(),
      },
      {
        id: 'clerk-anonymous-conclusion',
        title: 'Draft a conclusion for an anonymous appeal',
        completedAt: null,
      },
    ]);
    expect(
      people.find((p) => p.login === 'executor-lessons')?.lessons.map((l) => l.completedAt !== null),
    ).toEqual([true, false]);
    expect(people.find((p) => p.login === 'head-lessons')?.lessons.every((l) => l.completedAt === null)).toBe(
      true,
    );

    const narrow = await t.staff('head-inv-lessons', 'head', 'IIV-1726266-INV');
    const mine = trainingProgressSchema.parse(
      (await narrow.request({ method: 'GET', url: '/api/v1/training/progress' })).json(),
    );
    expect(mine.people.some((p) => p.login === 'clerk-lessons')).toBe(false);
    expect(mine.people.some((p) => p.login === 'executor-lessons')).toBe(true);

    const refused = await clerk.request({ method: 'GET', url: '/api/v1/training/progress' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
  });
});
