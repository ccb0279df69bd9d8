import * as XLSX from '@e965/xlsx';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { type Hierarchy, hierarchySchema } from '../../contracts/analytics.schema.ts';
import { FixedClock } from '../clock.ts';
import type { Unit } from '../routing/unit-directory.ts';
import { rerollDirtyDays } from './daily-rollup.repository.ts';

// Today is 2026-11-25 in Tashkent: "this month" is 1–25 November, the previous period 1–25 October and the
// same period last year 1–25 November 2025.
const clock = new FixedClock('2026-11-25T05:00:00Z');
let t: TestSystem;
let region: Unit;
let districtA: Unit;
let districtB: Unit;
let serviceA: Unit;
let analyst: StaffAgent;
let seq = 0;

interface Seeded {
  owner: Unit;
  received: string;
  due: string;
  status: string;
  outcome?: 'satisfied' | 'explained' | 'rejected';
  closed?: string;
  rating?: number;
  repeat?: boolean;
  complaintAbout?: number;
  extended?: boolean;
  channel?: string;
  sandbox?: boolean;
}

/** Inserts one appeal with exactly these facts (received and closed at 10:00 Tashkent on the given days). */
async function seed(a: Seeded): Promise<number> {
  seq += 1;
  const at = (day: string) => new Date(`${day}T05:00:00Z`);
  const row = await t.ownerDb
    .insertInto('appeals')
    .values({
      number: `IIV-2026-${String(900000 + seq)}`,
      year: 2026,
      seq: 900000 + seq,
      access_code_hash: Buffer.from([0]),
      type: a.complaintAbout ? 'shikoyat' : 'ariza',
      form: 'electronic',
      channel: a.channel ?? 'web',
      status: a.status,
      applicant_kind: 'anonymous',
      text: `Seeded appeal ${seq}`,
      text_latin: `Seeded appeal ${seq}`,
      answer_language: 'uz',
      answer_channel: 'web',
      owner_unit_id: a.owner.id,
      scope_units: [a.owner.id],
      received_at: at(a.received),
      received_on: a.received,
      registration_due_on: a.received,
      due_on: a.due,
      base_due_on: a.due,
      handover_due_on: a.received,
      forward_due_on: a.received,
      outcome: a.outcome ?? null,
      closed_at: a.closed ? at(a.closed) : null,
      rating: a.rating ?? null,
      rated_at: a.rating && a.closed ? at(a.closed) : null,
      link_kind: a.repeat ? 'repeat' : a.complaintAbout ? 'complaint' : null,
      parent_id: a.complaintAbout ?? null,
      head_extension_used: a.extended ?? false,
      sandbox: a.sandbox ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The first sheet's rows, empty cells as ''. */
function sheetRows(book: XLSX.WorkBook): unknown[][] {
  const sheet = book.Sheets[book.SheetNames[0] ?? ''];
  if (!sheet) throw new Error('no sheet');
  return XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, defval: '' });
}

async function view(agent: StaffAgent, query: string): Promise<Hierarchy> {
  const response = await agent.request({ method: 'GET', url: `/api/v1/analytics/hierarchy?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return hierarchySchema.parse(response.json());
}

beforeAll(async () => {
  t = await startTestSystem({ clock });
  const units = t.system.ctx.reference().units;
  const unit = (code: string) => {
    const found = units.byCode(code);
    if (!found) throw new Error(code);
    return found;
  };
  region = unit('IIV-1726');
  districtA = unit('IIV-1726266');
  serviceA = unit('IIV-1726266-APP');
  const other = units.children(region.id).find((u) => u.level === 'department' && u.id !== districtA.id);
  if (!other) throw new Error('no second district');
  districtB = other;
  await sql`delete from appeals`.execute(t.ownerDb);

  // District A (through its appeals service): this month, October, and November last year.
  await seed({
    owner: serviceA,
    received: '2026-11-03',
    due: '2026-11-18',
    status: 'answered',
    outcome: 'satisfied',
    closed: '2026-11-10',
    rating: 5,
  });
  const late = await seed({
    owner: serviceA,
    received: '2026-11-05',
    due: '2026-11-20',
    status: 'answered',
    outcome: 'rejected',
    closed: '2026-11-24',
    extended: true,
  });
  await seed({
    owner: serviceA,
    received: '2026-11-10',
    due: '2026-11-25',
    status: 'forwarded',
    closed: '2026-11-11',
  });
  await seed({
    owner: serviceA,
    received: '2026-11-20',
    due: '2026-11-24',
    status: 'in_progress',
    repeat: true,
  });
  await seed({
    owner: serviceA,
    received: '2026-11-21',
    due: '2026-12-06',
    status: 'registered',
    sandbox: true,
  });
  await seed({
    owner: serviceA,
    received: '2026-10-10',
    due: '2026-10-25',
    status: 'answered',
    outcome: 'explained',
    closed: '2026-10-15',
  });
  await seed({
    owner: serviceA,
    received: '2025-11-12',
    due: '2025-11-27',
    status: 'not_considered',
    closed: '2025-11-13',
  });
  // District B (the body itself).
  await seed({
    owner: districtB,
    received: '2026-11-04',
    due: '2026-11-19',
    status: 'answered',
    outcome: 'explained',
    closed: '2026-11-08',
    rating: 3,
  });
  await seed({
    owner: districtB,
    received: '2026-11-06',
    due: '2026-11-21',
    status: 'not_considered',
    closed: '2026-11-07',
  });
  await seed({
    owner: districtB,
    received: '2026-11-21',
    due: '2026-12-06',
    status: 'registered',
    channel: 'telegram',
  });
  // The region upheld a complaint against district A's rejection: the region's own appeal.
  await seed({
    owner: region,
    received: '2026-11-24',
    due: '2026-12-09',
    status: 'answered',
    outcome: 'satisfied',
    closed: '2026-11-25',
    complaintAbout: late,
  });

  analyst = await t.staff('analyst-hierarchy', 'analyst', t.system.ctx.reference().units.ministry.code, {
    scopeSubtree: true,
  });
  // The view sums the daily roll-up: its job re-rolls the days the appeals above changed.
  await rerollDirtyDays(t.system.ctx.db);
});
afterAll(async () => {
  await t?.stop();
});

const zero = { satisfied: 0, explained: 0, rejected: 0, forwarded: 0, notConsidered: 0 };

describe('the hierarchy view', () => {
  it('gives a region’s exact figures, each district’s and its own, for this month', async () => {
    const h = await view(analyst, `unit=${region.code}&period=month`);
    expect(h.periods).toEqual({
      current: { from: '2026-11-01', to: '2026-11-25' },
      previous: { from: '2026-10-01', to: '2026-10-25' },
      lastYear: { from: '2025-11-01', to: '2025-11-25' },
    });
    expect(h.unit.code).toBe(region.code);
    expect(h.path.map((u) => u.level)).toEqual(['ministry']);

    const a = h.children.find((c) => c.code === districtA.code)?.figures.current;
    expect(a).toEqual({
      received: 4,
      open: 1,
      overdue: 1,
      resolved: 2,
      redirected: 1,
      resolvedShare: 2 / 3,
      outcomes: { ...zero, satisfied: 1, rejected: 1, forwarded: 1 },
      closed: 3,
      onTime: 2,
      onTimeShare: 2 / 3,
      repeats: 1,
      repeatShare: 0.25,
      rated: 1,
      averageRating: 5,
      medianDaysToAnswer: 13,
      extensions: 1,
      complaints: 1,
      complaintsUpheld: 1,
    });
    const b = h.children.find((c) => c.code === districtB.code)?.figures.current;
    expect(b).toMatchObject({
      received: 3,
      open: 1,
      overdue: 0,
      resolved: 1,
      redirected: 1,
      outcomes: { ...zero, explained: 1, notConsidered: 1 },
      onTime: 2,
      averageRating: 3,
      medianDaysToAnswer: 4,
      complaints: 0,
    });
    expect(h.own.current).toMatchObject({ received: 1, resolved: 1, medianDaysToAnswer: 1 });
    expect(h.total.current).toMatchObject({
      received: 8,
      open: 2,
      overdue: 1,
      resolved: 4,
      redirected: 2,
      resolvedShare: 4 / 6,
      closed: 6,
      onTime: 5,
      repeats: 1,
      rated: 2,
      averageRating: 4,
      medianDaysToAnswer: 5.5,
      extensions: 1,
      complaints: 1,
      complaintsUpheld: 1,
    });
  });

  it('puts the previous period and the same period last year beside each figure', async () => {
    const h = await view(analyst, `unit=${region.code}&period=month`);
    const a = h.children.find((c) => c.code === districtA.code)?.figures;
    expect(a?.previous).toMatchObject({ received: 1, resolved: 1, outcomes: { ...zero, explained: 1 } });
    expect(a?.lastYear).toMatchObject({
      received: 1,
      redirected: 1,
      outcomes: { ...zero, notConsidered: 1 },
    });
    expect(h.total.previous.received).toBe(1);
    expect(h.total.lastYear.received).toBe(1);
  });

  it('sums the children’s and the unit’s own rows to the unit’s total', async () => {
    const h = await view(analyst, `unit=${region.code}&period=year`);
    const additive = [
      'received',
      'open',
      'overdue',
      'resolved',
      'redirected',
      'closed',
      'onTime',
      'repeats',
      'rated',
      'extensions',
      'complaints',
      'complaintsUpheld',
    ] as const;
    for (const key of additive) {
      const sum = h.children.reduce((n, c) => n + c.figures.current[key], h.own.current[key]);
      expect(sum, key).toBe(h.total.current[key]);
    }
    expect(h.total.current.received).toBe(9);
  });

  it('filters by channel and by a custom period', async () => {
    const telegram = await view(analyst, `unit=${region.code}&channel=telegram`);
    expect(telegram.total.current.received).toBe(1);
    expect(telegram.children.find((c) => c.code === districtB.code)?.figures.current.received).toBe(1);
    const custom = await view(analyst, `unit=${districtA.code}&period=custom&from=2026-11-01&to=2026-11-05`);
    expect(custom.total.current.received).toBe(2);
    expect(custom.periods.previous).toEqual({ from: '2026-10-27', to: '2026-10-31' });
    expect(custom.children.find((c) => c.code === serviceA.code)?.figures.current.received).toBe(2);
  });

  it('shows a district head their district and its units, with no path above it', async () => {
    const head = await t.staff('head-hierarchy-a', 'head', districtA.code, { scopeSubtree: true });
    const h = await view(head, 'period=month');
    expect(h.unit.code).toBe(districtA.code);
    expect(h.path).toEqual([]);
    expect(h.total.current.received).toBe(4);
  });

  it('drills each figure down to exactly the appeals behind it in the appeals list', async () => {
    const head = await t.staff('head-hierarchy-region', 'head', region.code, { scopeSubtree: true });
    const h = await view(head, 'period=month');
    const a = h.children.find((c) => c.code === districtA.code)?.figures.current;
    const list = async (filters: string) => {
      const response = await head.request({
        method: 'GET',
        url: `/api/v1/appeals?owner=${districtA.code}&receivedFrom=2026-11-01&receivedTo=2026-11-25&${filters}`,
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ total: number }>().total;
    };
    expect(await list('')).toBe(a?.received);
    expect(await list('status=answered')).toBe(a?.resolved);
    expect(await list('status=forwarded,not_considered')).toBe(a?.redirected);
    expect(await list('outcome=satisfied')).toBe(a?.outcomes.satisfied);
    expect(await list('repeat=true')).toBe(a?.repeats);
    expect(await list('overdue=true')).toBe(a?.overdue);
  });

  it('exports the rows on screen as CSV and XLSX, in the language asked for', async () => {
    const h = await view(analyst, `unit=${region.code}&period=month&lang=en`);
    const csv = await analyst.request({
      method: 'GET',
      url: `/api/v1/analytics/hierarchy?unit=${region.code}&period=month&format=csv&lang=en`,
    });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain(`units-${region.code}-2026-11-01-2026-11-25.csv`);
    const rows = sheetRows(XLSX.read(csv.body.replace(/^\uFEFF/, ''), { type: 'string', raw: true })).map(
      (r) => r.map(String),
    );
    const header = rows[0] ?? [];
    // Total, each child on screen, then the region's own appeals: the screen's rows in the screen's order.
    expect(rows.map((r) => r[0])).toEqual([
      'Unit',
      `All: ${h.unit.name}`,
      ...h.children.map((c) => c.name),
      'The unit itself',
    ]);
    const cell = (rowName: string, column: string) => {
      const row = rows.find((r) => r[0] === rowName);
      const index = header.indexOf(column);
      if (!row || index < 0) throw new Error(`no cell ${rowName} × ${column}`);
      return row[index];
    };
    // District A's figures as the first test knows them, through the file's columns.
    const aName = h.children.find((c) => c.code === districtA.code)?.name ?? '?';
    expect(cell(aName, 'Received')).toBe('4');
    expect(cell(aName, 'Resolved')).toBe('2');
    expect(cell(aName, 'Redirected')).toBe('1');
    expect(cell(aName, 'Resolved share, %')).toBe('67');
    expect(cell(aName, 'Answered on time, %')).toBe('67');
    expect(cell(aName, 'Repeats, %')).toBe('25');
    expect(cell(aName, 'Median days to answer')).toBe('13');
    expect(cell(aName, 'Forwarded')).toBe('1');
    expect(cell(aName, 'Complaints upheld')).toBe('1');
    const a = h.children.find((c) => c.code === districtA.code)?.figures;
    expect(cell(aName, 'Received (before)')).toBe(String(a?.previous.received));
    expect(cell(aName, 'Received (a year ago)')).toBe(String(a?.lastYear.received));
    expect(cell(`All: ${h.unit.name}`, 'Received')).toBe(String(h.total.current.received));

    const xlsx = await analyst.request({
      method: 'GET',
      url: `/api/v1/analytics/hierarchy?unit=${region.code}&period=month&format=xlsx&lang=ru`,
    });
    expect(xlsx.statusCode).toBe(200);
    const table = sheetRows(XLSX.read(xlsx.rawPayload, { type: 'buffer' }));
    expect(table[0]?.[0]).toBe('Подразделение');
    expect(table.length).toBe(rows.length);
    // The same rows in the same order, the figures as numbers.
    expect(table[rows.findIndex((r) => r[0] === aName)]?.[1]).toBe(4);

    const refused = await analyst.request({
      method: 'GET',
      url: `/api/v1/analytics/hierarchy?unit=${region.code}&format=pdf`,
    });
    expect(refused.statusCode).toBe(400);
  });

  it('refuses a unit outside the caller’s scope, an unknown unit and a role without the view', async () => {
    const head = await t.staff('head-hierarchy-b', 'head', districtA.code, { scopeSubtree: true });
    for (const unit of [region.code, districtB.code]) {
      const response = await head.request({ method: 'GET', url: `/api/v1/analytics/hierarchy?unit=${unit}` });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    }
    const unknown = await head.request({ method: 'GET', url: '/api/v1/analytics/hierarchy?unit=NO-SUCH' });
    // The catalogue's code for an unknown unit code (a 400: the request names something that does not exist).
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('UNIT_NOT_FOUND');
    const executor = await t.staff('exec-hierarchy', 'executor', districtA.code);
    const refused = await executor.request({ method: 'GET', url: '/api/v1/analytics/hierarchy' });
    expect(refused.statusCode).toBe(403);
  });
});
