import * as XLSX from '@e965/xlsx';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { type Workload, workloadSchema } from '../../contracts/workload.schema.ts';
import { FixedClock } from '../clock.ts';
import type { Unit } from '../routing/unit-directory.ts';
import { rerollDirtyDays } from './daily-rollup.repository.ts';

// Today is 2026-11-25 in Tashkent: "this month" is 1–25 November.
const clock = new FixedClock('2026-11-25T05:00:00Z');
let t: TestSystem;
let district: Unit;
let service: Unit;
let neighbour: Unit;
let headOfService: StaffAgent;
let headOfDistrict: StaffAgent;
let analyst: StaffAgent;
let e1: StaffAgent;
let e2: StaffAgent;
let seq = 0;

interface Seeded {
  owner: Unit;
  executor?: StaffAgent;
  received: string;
  due: string;
  status: string;
  outcome?: 'satisfied' | 'explained' | 'rejected';
  closed?: string;
  /** The instant of the answer, where the test needs another time of day than 10:00. */
  closedAt?: string;
  complaintAbout?: number;
  subjectUnit?: Unit;
  sandbox?: boolean;
}

const at = (day: string) => new Date(`${day}T05:00:00Z`);

/** Inserts one appeal with exactly these facts (received and closed at 10:00 Tashkent on the given days). */
async function seed(a: Seeded): Promise<number> {
  seq += 1;
  const row = await t.ownerDb
    .insertInto('appeals')
    .values({
      number: `IIV-2026-${String(800000 + seq)}`,
      year: 2026,
      seq: 800000 + seq,
      access_code_hash: Buffer.from([0]),
      type: a.complaintAbout ? 'shikoyat' : 'ariza',
      form: 'electronic',
      channel: 'web',
      status: a.status,
      applicant_kind: 'anonymous',
      text: `Seeded appeal ${seq}`,
      text_latin: `Seeded appeal ${seq}`,
      answer_language: 'uz',
      answer_channel: 'web',
      owner_unit_id: a.owner.id,
      scope_units: [a.owner.id],
      executor_id: a.executor?.id ?? null,
      received_at: at(a.received),
      received_on: a.received,
      registration_due_on: a.received,
      due_on: a.due,
      base_due_on: a.due,
      handover_due_on: a.received,
      forward_due_on: a.received,
      outcome: a.outcome ?? null,
      closed_at: a.closedAt ? new Date(a.closedAt) : a.closed ? at(a.closed) : null,
      link_kind: a.complaintAbout ? 'complaint' : null,
      parent_id: a.complaintAbout ?? null,
      subject_unit_id: a.subjectUnit?.id ?? null,
      sandbox: a.sandbox ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A draft answer to the appeal by `author`, returned by a head on `reviewed` (no reviewer: superseded). */
async function returnedDraft(appealId: number, author: StaffAgent, reviewed: string, reviewer?: StaffAgent) {
  await t.ownerDb
    .insertInto('answers')
    .values({
      appeal_id: appealId,
      kind: 'answer',
      body: 'Javob loyihasi',
      outcome: 'explained',
      status: 'returned',
      author_id: author.id,
      created_at: at(reviewed),
      reviewer_id: reviewer?.id ?? null,
      reviewed_at: at(reviewed),
      review_comment: reviewer ? 'Qayta ishlang' : 'superseded',
    })
    .execute();
}

async function view(agent: StaffAgent, query: string): Promise<Workload> {
  // The answers' figures sum a roll-up that its job brings up to date each minute: up to date now.
  await rerollDirtyDays(t.system.ctx.db);
  const response = await agent.request({ method: 'GET', url: `/api/v1/analytics/workload?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return workloadSchema.parse(response.json());
}

const byLogin = (w: Workload, login: string) => w.executors.find((e) => e.login === login);

beforeAll(async () => {
  t = await startTestSystem({ clock });
  const units = t.system.ctx.reference().units;
  const unit = (code: string) => {
    const found = units.byCode(code);
    if (!found) throw new Error(code);
    return found;
  };
  district = unit('IIV-1726266');
  service = unit('IIV-1726266-INV');
  neighbour = unit('IIV-1726266-APP');
  await sql`delete from appeals`.execute(t.ownerDb);

  headOfService = await t.staff('wl-head-inv', 'head', service.code);
  headOfDistrict = await t.staff('wl-head-district', 'head', district.code, { scopeSubtree: true });
  analyst = await t.staff('wl-analyst', 'analyst', units.ministry.code, { scopeSubtree: true });
  e1 = await t.staff('wl-exec-1', 'executor', service.code);
  e2 = await t.staff('wl-exec-2', 'executor', service.code);
  await t.staff('wl-exec-3', 'executor', service.code);
  // An executor of the neighbouring service who answered one of this service's appeals.
  const outsider = await t.staff('wl-exec-x', 'executor', neighbour.code);
  await t.ownerDb
    .updateTable('users')
    .set({ full_name: sql`'Name of ' || login` })
    .where('login', 'like', 'wl-%')
    .execute();

  // e1: three open (one overdue), two answered this month (one on time, 9 days; one late, 18 days), one in October.
  await seed({
    owner: service,
    executor: e1,
    received: '2026-11-05',
    due: '2026-11-20',
    status: 'in_progress',
  });
  await seed({ owner: service, executor: e1, received: '2026-11-20', due: '2026-12-05', status: 'assigned' });
  await seed({
    owner: service,
    executor: e1,
    received: '2026-11-18',
    due: '2026-12-03',
    status: 'answer_drafted',
  });
  const onTime = await seed({
    owner: service,
    executor: e1,
    received: '2026-11-01',
    due: '2026-11-15',
    status: 'answered',
    outcome: 'explained',
    closed: '2026-11-10',
  });
  const late = await seed({
    owner: service,
    executor: e1,
    received: '2026-11-02',
    due: '2026-11-17',
    status: 'answered',
    outcome: 'rejected',
    closed: '2026-11-20',
  });
  await seed({
    owner: service,
    executor: e1,
    received: '2026-10-01',
    due: '2026-10-16',
    status: 'answered',
    outcome: 'satisfied',
    closed: '2026-10-20',
  });
  await seed({
    owner: service,
    executor: e1,
    received: '2026-11-21',
    due: '2026-11-22',
    status: 'in_progress',
    sandbox: true,
  });
  // The head returned e1's draft of the late answer once this month; a superseded draft and an October return do not count.
  await returnedDraft(late, e1, '2026-11-15', headOfService);
  await returnedDraft(late, e1, '2026-11-16');
  await returnedDraft(onTime, e1, '2026-10-30', headOfService);

  // e2: two open, both overdue; one answered on time in two days.
  await seed({
    owner: service,
    executor: e2,
    received: '2026-11-09',
    due: '2026-11-24',
    status: 'in_progress',
  });
  await seed({
    owner: service,
    executor: e2,
    received: '2026-10-27',
    due: '2026-11-10',
    status: 'awaiting_info',
  });
  const quick = await seed({
    owner: service,
    executor: e2,
    received: '2026-11-03',
    due: '2026-11-18',
    status: 'answered',
    outcome: 'satisfied',
    closed: '2026-11-05',
  });
  // The outsider answered one of the service's appeals; one open appeal has no executor yet.
  await seed({
    owner: service,
    executor: outsider,
    received: '2026-11-04',
    due: '2026-11-19',
    status: 'answered',
    outcome: 'explained',
    closed: '2026-11-06',
  });
  await seed({ owner: service, received: '2026-11-24', due: '2026-12-10', status: 'registered' });

  // Complaints to the district about the service's answers: one upheld (e1's late rejection), one still open
  // (e2's), one from October, and one about the service itself, hidden from the service's own head.
  await seed({
    owner: district,
    received: '2026-11-22',
    due: '2026-12-07',
    status: 'answered',
    outcome: 'satisfied',
    closed: '2026-11-24',
    complaintAbout: late,
  });
  await seed({
    owner: district,
    received: '2026-11-23',
    due: '2026-12-08',
    status: 'in_progress',
    complaintAbout: quick,
  });
  await seed({
    owner: district,
    received: '2026-10-05',
    due: '2026-10-20',
    status: 'answered',
    outcome: 'rejected',
    closed: '2026-10-10',
    complaintAbout: onTime,
  });
  await seed({
    owner: district,
    received: '2026-11-24',
    due: '2026-12-09',
    status: 'in_progress',
    complaintAbout: onTime,
    subjectUnit: service,
  });
});
afterAll(async () => {
  await t?.stop();
});

// Requests made directly (exports) see the roll-up as its job leaves it: up to date before each test.
beforeEach(async () => {
  await rerollDirtyDays(t.system.ctx.db);
});

describe('the workload view', () => {
  it('gives each executor of a unit their load and quality for this month', async () => {
    const w = await view(headOfService, 'period=month');
    expect(w.unit.code).toBe(service.code);
    expect(w.period).toEqual({ from: '2026-11-01', to: '2026-11-25' });
    expect(w.named).toBe(true);
    expect(byLogin(w, 'wl-exec-1')).toEqual({
      login: 'wl-exec-1',
      name: 'Name of wl-exec-1',
      unitExecutor: true,
      figures: {
        open: 3,
        overdue: 1,
        answered: 2,
        onTime: 1,
        onTimeShare: 0.5,
        medianDaysToAnswer: 13.5,
        returned: 1,
        // The complaint about the service itself is hidden from its head.
        complaints: 1,
        complaintsUpheld: 1,
      },
    });
    expect(byLogin(w, 'wl-exec-2')?.figures).toEqual({
      open: 2,
      overdue: 2,
      answered: 1,
      onTime: 1,
      onTimeShare: 1,
      medianDaysToAnswer: 2,
      returned: 0,
      complaints: 1,
      complaintsUpheld: 0,
    });
    expect(byLogin(w, 'wl-exec-x')).toMatchObject({ unitExecutor: false, figures: { open: 0, answered: 1 } });
    expect(byLogin(w, 'wl-exec-3')).toMatchObject({ unitExecutor: true, figures: { open: 0, answered: 0 } });
    expect(w.executors).toHaveLength(4);
    expect(w.total).toMatchObject({
      executors: 3,
      openPerExecutor: 2,
      figures: {
        open: 6,
        overdue: 3,
        answered: 4,
        onTime: 3,
        onTimeShare: 0.75,
        medianDaysToAnswer: 5.5,
        returned: 1,
        complaints: 2,
        complaintsUpheld: 1,
      },
    });
    expect(w.children).toEqual([]);
  });

  it('sorts executors by open or by overdue appeals', async () => {
    const byOpen = await view(headOfService, 'sort=open');
    expect(byOpen.executors.slice(0, 2).map((e) => e.login)).toEqual(['wl-exec-1', 'wl-exec-2']);
    const byOverdue = await view(headOfService, 'sort=overdue');
    expect(byOverdue.executors.slice(0, 2).map((e) => e.login)).toEqual(['wl-exec-2', 'wl-exec-1']);
  });

  it('sums a child unit’s subtree for the head above, counting the complaint hidden from the unit’s own head', async () => {
    const w = await view(headOfDistrict, 'period=month');
    expect(w.unit.code).toBe(district.code);
    const child = w.children.find((c) => c.code === service.code);
    expect(child).toMatchObject({
      executors: 3,
      openPerExecutor: 2,
      figures: { open: 6, overdue: 3, answered: 4, returned: 1, complaints: 3, complaintsUpheld: 1 },
    });
    expect(w.children.find((c) => c.code === neighbour.code)).toMatchObject({
      executors: 1,
      figures: { open: 0 },
    });
    // The district's own appeals (the complaints) have no executor: nobody is listed for the district itself.
    expect(w.executors).toEqual([]);
    expect(w.total.figures).toMatchObject({ open: 6 + 2, answered: 4 + 1, complaints: 3 });
  });

  it('shows an analyst the figures without naming anyone', async () => {
    const w = await view(analyst, `unit=${service.code}`);
    expect(w.named).toBe(false);
    expect(w.executors.every((e) => e.login === null && e.name === null)).toBe(true);
    expect(w.executors[0]?.figures).toMatchObject({ open: 3, complaints: 2 });
  });

  it('refuses a head outside the unit, an executor, and an unknown unit', async () => {
    const otherHead = await t.staff('wl-head-other', 'head', 'IIV-1726269', { scopeSubtree: true });
    const other = await otherHead.request({
      method: 'GET',
      url: `/api/v1/analytics/workload?unit=${service.code}`,
    });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const own = await e1.request({ method: 'GET', url: '/api/v1/analytics/workload' });
    expect(own.statusCode).toBe(403);
    const unknown = await headOfDistrict.request({
      method: 'GET',
      url: '/api/v1/analytics/workload?unit=IIV-0',
    });
    expect(unknown.json()).toMatchObject({ error: { code: 'UNIT_NOT_FOUND' } });
    const bad = await headOfDistrict.request({
      method: 'GET',
      url: '/api/v1/analytics/workload?period=custom',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('drills each executor’s figures down to exactly their appeals in the appeals list', async () => {
    const w = await view(headOfService, 'period=month');
    const figures = byLogin(w, 'wl-exec-1')?.figures;
    const list = async (filters: string) => {
      const response = await headOfService.request({
        method: 'GET',
        url: `/api/v1/appeals?owner=${service.code}&executor=wl-exec-1&${filters}`,
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ total: number }>().total;
    };
    const open = 'registered,assigned,in_progress,awaiting_info,answer_drafted,returned,conclusion_drafted';
    expect(await list(`status=${open}`)).toBe(figures?.open);
    expect(await list('overdue=true')).toBe(figures?.overdue);
    expect(await list('status=answered&closedFrom=2026-11-01&closedTo=2026-11-25')).toBe(figures?.answered);
  });

  it('exports exactly the rows on screen as CSV and XLSX', async () => {
    const w = await view(headOfService, 'sort=overdue&lang=en');
    const figures = (f: Workload['total']['figures']) => [
      f.open,
      f.overdue,
      f.answered,
      f.onTimeShare === null ? '' : Math.round(f.onTimeShare * 100),
      f.medianDaysToAnswer ?? '',
      f.returned,
      f.complaints,
      f.complaintsUpheld,
    ];
    const expected = [
      [
        'Kind',
        'Unit or executor',
        'Executors',
        'Open per executor',
        'Open',
        'Overdue',
        'Answered',
        'On time, %',
        'Median days to answer',
        'Returned by the head',
        'Complaints',
        'Complaints upheld',
      ],
      ['Total', w.total.name, w.total.executors, w.total.openPerExecutor ?? '', ...figures(w.total.figures)],
      ...w.executors.map((e) => ['Executor', e.name ?? '', '', '', ...figures(e.figures)]),
    ];
    expect(expected[1]?.slice(2)).toEqual([3, 2, 6, 3, 4, 75, 5.5, 1, 2, 1]);
    expect(expected.slice(2).map((r) => r[1])).toEqual(w.executors.map((e) => e.name));

    const csv = await headOfService.request({
      method: 'GET',
      url: '/api/v1/analytics/workload?sort=overdue&format=csv&lang=en',
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const quoted = (cell: string | number) => (/[",]/.test(String(cell)) ? `"${cell}"` : String(cell));
    expect(csv.body).toBe(`\uFEFF${expected.map((r) => r.map(quoted).join(',')).join('\r\n')}\r\n`);

    const xlsx = await headOfService.request({
      method: 'GET',
      url: '/api/v1/analytics/workload?sort=overdue&format=xlsx&lang=en',
    });
    expect(xlsx.statusCode).toBe(200);
    const book = XLSX.read(xlsx.rawPayload, { type: 'buffer' });
    const sheet = book.Sheets[book.SheetNames[0] ?? ''];
    if (!sheet) throw new Error('no sheet');
    expect(XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, defval: '' })).toEqual(expected);
  });

  it('names nobody in an analyst’s file', async () => {
    const csv = await analyst.request({
      method: 'GET',
      url: `/api/v1/analytics/workload?unit=${service.code}&format=csv&lang=ru`,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).not.toContain('wl-exec');
    expect(csv.body).toContain('Исполнитель 1');
  });

  // Last: it adds appeals to the district that the tests above count.
  it('counts a draft the head returned through the approval step, and the answer approved after it', async () => {
    const clerk = await t.staff('wl-clerk', 'clerk', 'IIV-1726266-APP');
    const executor = await t.staff('wl-exec-patrol', 'executor', 'IIV-1726266-PATROL');
    const head = await t.staff('wl-head-patrol', 'head', 'IIV-1726266-PATROL');
    const act = async (agent: StaffAgent, number: string, body: Record<string, unknown>) => {
      const response = await agent.request({
        method: 'POST',
        url: `/api/v1/appeals/${number}/transitions`,
        payload: body,
      });
      expect(response.statusCode, response.body).toBe(200);
    };
    const appeal = await t.fileAppeal({ text: 'Koʻchamizda har kecha mast yoshlar janjal qiladi.' });
    await act(clerk, appeal.number, { action: 'route', units: ['IIV-1726266-PATROL'] });
    await act(executor, appeal.number, { action: 'accept' });
    await act(executor, appeal.number, {
      action: 'draft_answer',
      outcome: 'explained',
      body: 'Tekshiramiz.',
    });
    const before = byLogin(await view(head, 'period=month'), 'wl-exec-patrol')?.figures;
    expect(before).toMatchObject({ open: 1, answered: 0, returned: 0 });
    await act(head, appeal.number, { action: 'return_answer', comment: 'Aniqroq yozing' });
    await act(executor, appeal.number, {
      action: 'draft_answer',
      outcome: 'satisfied',
      body: 'Patrul xizmati koʻchangizda navbatchilikni kuchaytirdi.',
    });
    await act(head, appeal.number, { action: 'approve_answer' });
    const after = byLogin(await view(head, 'period=month'), 'wl-exec-patrol')?.figures;
    expect(after).toMatchObject({ open: 0, answered: 1, onTime: 1, medianDaysToAnswer: 0, returned: 1 });
  });

  // Last with the one above: it adds answers to the district.
  it('takes the median in whole days from receipt to the answer, as the hierarchy view does', async () => {
    const patrol = t.system.ctx.reference().units.byCode('IIV-1726266-PATROL');
    if (!patrol) throw new Error('no patrol service');
    const executor = await t.staff('wl-exec-days', 'executor', patrol.code);
    const head = await t.staff('wl-head-days', 'head', patrol.code);
    // Received 10:00 on 10 November; answered 2 days 23 hours later (2 whole days) and 5 days 1 hour later (5).
    for (const closedAt of ['2026-11-13T04:00:00Z', '2026-11-15T06:00:00Z']) {
      await seed({
        owner: patrol,
        executor,
        received: '2026-11-10',
        due: '2026-11-25',
        status: 'answered',
        outcome: 'explained',
        closedAt,
      });
    }
    const figures = byLogin(await view(head, 'period=month'), 'wl-exec-days')?.figures;
    // In fractional days the median would be 4.0 (2.96 and 5.04).
    expect(figures).toMatchObject({ answered: 2, onTime: 2, medianDaysToAnswer: 3.5 });
  });
});
