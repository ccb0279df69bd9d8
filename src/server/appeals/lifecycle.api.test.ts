import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import {
  type AppealAction,
  type AppealStatus,
  appealActions,
  type Role,
  roles,
} from '../../contracts/enums.ts';
import { FixedClock } from '../clock.ts';

// The specification of the appeal's life, written out by hand (not read from the lifecycle table it
// checks): for every staff action, the state it is tried from, who may take it, what it leads to, what it
// does to the clock, and the history line the applicant sees or does not. Every action must have a row:
// a new action cannot ship untested.

// A working Wednesday morning in Tashkent: terms are plain calendar arithmetic from here.
const clock = new FixedClock('2026-11-25T05:00:00Z');
let t: TestSystem;
let admin: StaffAgent;
const agents = new Map<Role, StaffAgent>();

interface Row {
  /** The state the appeal is brought to before the action is tried. */
  from: AppealStatus;
  /** Roles that may take the action (administrators may take every staff action). */
  allowed: Role[];
  body: () => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** What must hold of the appeal before the action is tried, beyond its state (done by the administrator). */
  before?: (number: string) => Promise<void>;
  /** The status after the action. */
  to: AppealStatus;
  /** The history line it writes, and whether the applicant sees it when tracking. */
  event: string;
  public: boolean;
  /** A state the action is refused in (INVALID_TRANSITION). */
  notFrom: AppealStatus;
  /** The clock afterwards, when the action changes it. */
  clock?: Partial<Record<'dueOn' | 'infoDueOn' | 'headExtensionUsed' | 'extraStudy', unknown>>;
}

const routers: Role[] = ['clerk', 'head', 'internal_security', 'admin'];
const handlers: Role[] = ['executor', 'head', 'internal_security', 'admin'];
const reason = { reason: 'Sinov uchun sabab' };

const spec: Record<AppealAction, Row> = {
  route: {
    from: 'registered',
    allowed: routers,
    body: () => ({ action: 'route', units: ['IIV-1726266-PREV'] }),
    to: 'assigned',
    event: 'routed',
    public: true,
    notFrom: 'answer_drafted',
  },
  assign_executor: {
    from: 'assigned',
    allowed: ['head', 'internal_security', 'admin'],
    body: () => ({ action: 'assign_executor', executor: 'lc-officer' }),
    to: 'assigned',
    event: 'executor_assigned',
    public: false,
    notFrom: 'registered',
  },
  accept: {
    from: 'assigned',
    allowed: handlers,
    body: () => ({ action: 'accept' }),
    to: 'in_progress',
    event: 'accepted',
    public: true,
    notFrom: 'registered',
  },
  request_info: {
    from: 'in_progress',
    allowed: handlers,
    body: () => ({ action: 'request_info', ...reason, from: 'Hokimlik' }),
    to: 'awaiting_info',
    event: 'info_requested',
    public: true,
    notFrom: 'assigned',
    // Asked on 25 Nov: 10 days end on Saturday 5 Dec, so the term moves to Monday 7 Dec.
    clock: { infoDueOn: '2026-12-07' },
  },
  info_received: {
    from: 'awaiting_info',
    allowed: handlers,
    body: () => ({ action: 'info_received' }),
    to: 'in_progress',
    event: 'info_received',
    public: false,
    notFrom: 'in_progress',
    clock: { infoDueOn: null },
  },
  record_extra_study: {
    from: 'in_progress',
    allowed: handlers,
    body: () => ({ action: 'record_extra_study', ...reason }),
    to: 'in_progress',
    event: 'extra_study_recorded',
    public: true,
    notFrom: 'registered',
    // Received 25 Nov: one month for study instead of 15 days.
    clock: { dueOn: '2026-12-25', extraStudy: true },
  },
  request_extension: {
    from: 'in_progress',
    allowed: handlers,
    body: () => ({ action: 'request_extension', ...reason }),
    to: 'in_progress',
    event: 'extension_requested',
    public: false,
    notFrom: 'registered',
  },
  extend: {
    from: 'in_progress',
    allowed: ['head', 'admin'],
    body: () => ({ action: 'extend', ...reason }),
    to: 'in_progress',
    event: 'deadline_extended',
    public: true,
    notFrom: 'registered',
    // The 15-day term (10 Dec) plus one month ends on Sunday 10 Jan, so Monday 11 Jan.
    clock: { dueOn: '2027-01-11', headExtensionUsed: true },
  },
  draft_answer: {
    from: 'in_progress',
    allowed: handlers,
    body: () => ({ action: 'draft_answer', outcome: 'explained', body: 'Sizga tushuntirish beramiz: ...' }),
    to: 'answer_drafted',
    event: 'answer_drafted',
    public: false,
    notFrom: 'assigned',
  },
  return_answer: {
    from: 'answer_drafted',
    allowed: ['head', 'admin'],
    body: () => ({ action: 'return_answer', comment: 'Qayta yozing' }),
    to: 'returned',
    event: 'answer_returned',
    public: false,
    notFrom: 'in_progress',
  },
  approve_answer: {
    from: 'answer_drafted',
    allowed: ['head', 'admin'],
    body: () => ({ action: 'approve_answer' }),
    to: 'answered',
    event: 'answered',
    public: true,
    notFrom: 'in_progress',
  },
  forward: {
    from: 'assigned',
    allowed: routers,
    body: () => ({ action: 'forward', to: 'Yunusobod tumani hokimligi', ...reason }),
    to: 'forwarded',
    event: 'forwarded',
    public: true,
    notFrom: 'answer_drafted',
  },
  draft_conclusion: {
    from: 'registered',
    allowed: [...routers, 'executor'],
    body: () => ({
      action: 'draft_conclusion',
      reason: 'false_data',
      body: 'Manzil notoʻgʻri koʻrsatilgan.',
    }),
    to: 'conclusion_drafted',
    event: 'conclusion_drafted',
    public: false,
    notFrom: 'answer_drafted',
  },
  return_conclusion: {
    from: 'conclusion_drafted',
    allowed: ['head', 'admin'],
    body: () => ({ action: 'return_conclusion', comment: 'Asos yetarli emas' }),
    to: 'registered',
    event: 'conclusion_returned',
    public: false,
    notFrom: 'registered',
  },
  approve_conclusion: {
    from: 'conclusion_drafted',
    allowed: ['head', 'admin'],
    body: () => ({ action: 'approve_conclusion' }),
    to: 'not_considered',
    event: 'not_considered',
    public: true,
    notFrom: 'registered',
  },
  withdraw: {
    from: 'assigned',
    allowed: ['operator', ...routers],
    body: () => ({ action: 'withdraw', ...reason }),
    to: 'withdrawn',
    event: 'withdrawn',
    public: true,
    notFrom: 'answered',
  },
  merge: {
    from: 'registered',
    allowed: routers,
    // Another appeal of the same applicant, which the actor can see.
    body: async () => ({ action: 'merge', into: (await t.fileAppeal()).number }),
    to: 'merged',
    event: 'merged',
    public: true,
    notFrom: 'answered',
  },
  join_group: {
    from: 'registered',
    allowed: routers,
    // Another appeal the actor can see; not linked by the language layer, so a reason is given.
    body: async () => ({ action: 'join_group', into: (await t.fileAppeal()).number, ...reason }),
    to: 'registered',
    event: 'grouped',
    public: true,
    notFrom: 'answered',
  },
  leave_group: {
    from: 'registered',
    allowed: routers,
    before: async (number) => {
      const lead = await t.fileAppeal();
      const joined = await act(admin, number, { action: 'join_group', into: lead.number, ...reason });
      if (joined.statusCode !== 200) throw new Error(joined.body);
    },
    body: () => ({ action: 'leave_group', ...reason }),
    to: 'registered',
    event: 'ungrouped',
    public: false,
    notFrom: 'answered',
  },
  set_category: {
    from: 'registered',
    allowed: routers,
    body: () => ({ action: 'set_category', category: 'theft' }),
    to: 'registered',
    event: 'category_set',
    public: false,
    notFrom: 'answered',
  },
  mark_officer_complaint: {
    from: 'assigned',
    allowed: routers,
    // An officer of another district: the actor keeps no sight of it, the answer says it was done.
    body: () => ({ action: 'mark_officer_complaint', unit: 'IIV-1703202-PATROL' }),
    to: 'assigned',
    event: 'routed_officer_complaint',
    public: true,
    notFrom: 'answered',
  },
  clear_officer_complaint: {
    from: 'assigned',
    allowed: routers,
    body: () => ({ action: 'clear_officer_complaint', ...reason }),
    to: 'assigned',
    event: 'officer_complaint_cleared',
    public: false,
    notFrom: 'answered',
  },
  mark_urgent: {
    from: 'assigned',
    allowed: ['operator', ...routers, 'executor'],
    body: () => ({ action: 'mark_urgent', urgent: true }),
    to: 'assigned',
    event: 'marked_urgent',
    public: false,
    notFrom: 'answered',
  },
};

async function act(agent: StaffAgent, number: string, body: Record<string, unknown>) {
  return agent.request({ method: 'POST', url: `/api/v1/appeals/${number}/transitions`, payload: body });
}

/** The administrator's steps from a new appeal to each state. */
const paths: Record<AppealStatus, Record<string, unknown>[]> = {
  registered: [],
  assigned: [{ action: 'route', units: ['IIV-1726266-PREV'] }],
  in_progress: [{ action: 'route', units: ['IIV-1726266-PREV'] }, { action: 'accept' }],
  awaiting_info: [
    { action: 'route', units: ['IIV-1726266-PREV'] },
    { action: 'accept' },
    { action: 'request_info', ...reason },
  ],
  answer_drafted: [
    { action: 'route', units: ['IIV-1726266-PREV'] },
    { action: 'accept' },
    { action: 'draft_answer', outcome: 'satisfied', body: 'Telefoningiz topildi, olib keting.' },
  ],
  returned: [],
  conclusion_drafted: [
    { action: 'draft_conclusion', reason: 'false_data', body: 'Manzil notoʻgʻri koʻrsatilgan.' },
  ],
  answered: [
    { action: 'route', units: ['IIV-1726266-PREV'] },
    { action: 'accept' },
    { action: 'draft_answer', outcome: 'satisfied', body: 'Telefoningiz topildi, olib keting.' },
    { action: 'approve_answer' },
  ],
  not_considered: [],
  forwarded: [],
  withdrawn: [],
  merged: [],
};

async function appealIn(status: AppealStatus): Promise<string> {
  const { number } = await t.fileAppeal();
  for (const step of paths[status]) {
    const done = await act(admin, number, step);
    if (done.statusCode !== 200) throw new Error(`${JSON.stringify(step)}: ${done.body}`);
  }
  return number;
}

beforeAll(async () => {
  t = await startTestSystem({ clock });
  admin = await t.staff('lc-root', 'admin', 'IIV', { scopeSubtree: true });
  for (const role of roles)
    agents.set(
      role,
      await t.staff(`lc-${role.replace('_', '-')}`, role, 'IIV-1726266', { scopeSubtree: true }),
    );
  await t.staff('lc-officer', 'executor', 'IIV-1726266-PREV');
});
afterAll(async () => {
  await t?.stop();
});

describe('the life cycle, row by row', () => {
  it('has a row for every action staff may take', () => {
    expect(Object.keys(spec).sort()).toEqual([...appealActions].sort());
  });

  describe.each(Object.entries(spec) as [AppealAction, Row][])('%s', (_action, row) => {
    it.each(roles)('as %s: allowed exactly as written', async (role) => {
      const agent = agents.get(role);
      if (!agent) throw new Error(role);
      const number = await appealIn(row.from);
      await row.before?.(number);
      const done = await act(agent, number, await row.body());
      if (!row.allowed.includes(role)) {
        expect(done.statusCode, done.body).toBe(403);
        return;
      }
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json<{ status: string }>().status).toBe(row.to);
    });

    it(`leads from ${row.from} to ${row.to}, writing its history line and clock`, async () => {
      const number = await appealIn(row.from);
      await row.before?.(number);
      const done = await act(admin, number, await row.body());
      expect(done.statusCode, done.body).toBe(200);
      const card = await admin.request({ method: 'GET', url: `/api/v1/appeals/${number}` });
      const view = card.json<{
        status: string;
        history: { event: string; public: boolean }[];
        clock: Record<string, unknown>;
      }>();
      expect(view.status).toBe(row.to);
      expect(view.history.at(-1)).toMatchObject({ event: row.event, public: row.public });
      if (row.clock) expect(view.clock).toMatchObject(row.clock);
    });

    it(`is refused from ${row.notFrom}`, async () => {
      const number = await appealIn(row.notFrom);
      const done = await act(admin, number, await row.body());
      expect(done.statusCode, done.body).toBe(409);
      expect(done.json<{ error: { code: string } }>().error.code).toBe('INVALID_TRANSITION');
    });
  });
});
