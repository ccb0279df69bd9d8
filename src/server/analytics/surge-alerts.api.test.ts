import { PassThrough, Readable } from 'node:stream';
import * as XLSX from '@e965/xlsx';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { main } from '../../cli/main.ts';
import { surgeAlertListSchema } from '../../contracts/analytics.schema.ts';
import { FixedClock } from '../clock.ts';
import { startWorkers } from '../jobs/workers.ts';
import { detectSurges } from './detect-surges.ts';
import { shiftDay } from './surge-detector.ts';
import { type ClonedAppeal, cloneAppeals } from './testing.ts';

// Thursday 3 December 2026, 15:00 in Tashkent: a run looks at Wednesday whole and Thursday until 15:00.
const clock = new FixedClock('2026-12-03T10:00:00Z');
let t: TestSystem;
let template: string;

const SURGE_TEXT =
  'Mahallamizda kechasi velosipedlar oʻgʻirlanmoqda, hovlidan olib ketishyapti, chora koʻring';

/** Appeals cloned from the filed template, received when and where the test says. */
function seedAppeals(rows: ClonedAppeal[]) {
  return cloneAppeals(t.ownerDb, template, rows);
}

async function alertsOf(agent: StaffAgent) {
  const response = await agent.request({ method: 'GET', url: '/api/v1/analytics/alerts' });
  expect(response.statusCode, response.body).toBe(200);
  return surgeAlertListSchema.parse(response.json()).items;
}

async function surgeNotices() {
  const { rows } = await sql<{ user_id: number }>`
    select user_id from staff_notices where kind = 'surge_alert'`.execute(t.ownerDb);
  return rows;
}

beforeAll(async () => {
  t = await startTestSystem({ clock });
  template = (await t.fileAppeal()).number;
  // Nine quiet weeks before the surge: Yunusobod has two thefts and one fraud a day, a Samarkand district
  // three thefts; every appeal in the morning, so today's hours so far hold them all.
  const quiet = [];
  for (let i = 1; i <= 70; i++) {
    const on = shiftDay('2026-12-03', -i);
    for (let n = 0; n < 2; n++)
      quiet.push({
        on,
        hour: 9 + n,
        territory: '1726266',
        category: 'theft',
        text: `Telefonim oʻgʻirlandi ${i} ${n}`,
      });
    quiet.push({
      on,
      hour: 11,
      territory: '1726266',
      category: 'fraud',
      text: `Firibgarlik haqida ariza ${i}`,
    });
    for (let n = 0; n < 3; n++)
      quiet.push({
        on,
        hour: 9 + n,
        territory: '1718401',
        category: 'theft',
        text: `Sumkamni olib ketishdi ${i} ${n}`,
      });
  }
  await seedAppeals(quiet);
});
afterAll(async () => {
  await t?.stop();
});

describe('surge alerts', () => {
  it('raises nothing over a quiet period', async () => {
    const report = await detectSurges(t.system.ctx);
    expect(report).toMatchObject({ surges: 0, raised: 0, notified: 0 });
    clock.set('2026-11-20T10:00:00Z');
    expect((await detectSurges(t.system.ctx, { days: 30 })).surges).toBe(0);
    clock.set('2026-12-03T10:00:00Z');
    expect(await surgeNotices()).toEqual([]);
  });

  it('finds exactly a generated surge in one district × category and tells the district’s head once', async () => {
    const head = await t.staff('surge-head', 'head', 'IIV-1726266', { scopeSubtree: true });
    // Wednesday: twenty reports of stolen bicycles in Yunusobod instead of two thefts.
    await sql`delete from appeals where territory_code = '1726266' and category_code = 'theft' and received_on = '2026-12-02'`.execute(
      t.ownerDb,
    );
    await seedAppeals(
      Array.from({ length: 20 }, (_, i) => ({
        on: '2026-12-02',
        hour: 8 + (i % 12),
        territory: '1726266',
        category: 'theft',
        text: `${SURGE_TEXT} ${i % 2 === 0 ? 'iltimos' : 'tezroq'}`,
      })),
    );
    const report = await detectSurges(t.system.ctx);
    expect(report).toMatchObject({ surges: 1, raised: 1, updated: 0, notified: 1, campaigns: 1 });

    const [alert, ...others] = await alertsOf(head);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({
      territory: '1726266',
      category: 'theft',
      from: '2026-12-01T19:00:00.000Z',
      to: '2026-12-02T19:00:00.000Z',
      observed: 20,
      expected: 2,
      campaign: true,
      status: 'open',
    });
    expect(alert?.appeals).toHaveLength(20);
    expect(alert?.sharedWords).toEqual(expect.arrayContaining(['velosipedlar', 'mahallamizda']));
    expect(await surgeNotices()).toEqual([{ user_id: head.id }]);
  });

  it('raises no second alert and tells nobody again when it runs again', async () => {
    const report = await detectSurges(t.system.ctx);
    expect(report).toMatchObject({ surges: 1, raised: 0, updated: 1, notified: 0 });
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from surge_alerts`.execute(t.ownerDb);
    expect(rows[0]?.n).toBe(1);
    expect(await surgeNotices()).toHaveLength(1);
  });

  it('shows the alert to the region’s head but not to the head of another region', async () => {
    const regionHead = await t.staff('surge-region', 'head', 'IIV-1726', { scopeSubtree: true });
    const samarkand = await t.staff('surge-samarqand', 'head', 'IIV-1718', { scopeSubtree: true });
    expect(await alertsOf(regionHead)).toHaveLength(1);
    expect(await alertsOf(samarkand)).toEqual([]);
  });

  it('exports the alerts the caller sees as CSV and XLSX, and none of another region’s', async () => {
    const regionHead = await t.staff('surge-region-x', 'head', 'IIV-1726', { scopeSubtree: true });
    const samarkand = await t.staff('surge-samarqand-x', 'head', 'IIV-1718', { scopeSubtree: true });
    const [alert] = await alertsOf(regionHead);
    const csv = await regionHead.request({
      method: 'GET',
      url: '/api/v1/analytics/alerts?format=csv&lang=en',
    });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="surge-alerts-2026-12-03.csv"');
    const lines = csv.rawPayload
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      'Territory,Category,Window from,Window to,Appeals,Usually,Shared words,Mass campaign,Appeal numbers',
    );
    expect(lines[1]).toContain(',2026-12-02 00:00,2026-12-03 00:00,20,2,');
    expect(lines[1]).toContain(alert?.appeals.join(' '));
    const xlsx = await regionHead.request({ method: 'GET', url: '/api/v1/analytics/alerts?format=xlsx' });
    expect(xlsx.statusCode).toBe(200);
    const book = XLSX.read(xlsx.rawPayload, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0] ?? ''] ?? {}, {
      header: 1,
    });
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[4]).toBe(20);

    const none = await samarkand.request({ method: 'GET', url: '/api/v1/analytics/alerts?format=csv' });
    expect(
      none.rawPayload
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n'),
    ).toHaveLength(1);
  });

  it('refuses another region’s head acknowledging it as if it did not exist, and an executor outright', async () => {
    const samarkand = await t.staff('surge-samarqand2', 'head', 'IIV-1718', { scopeSubtree: true });
    const executor = await t.staff('surge-exec', 'executor', 'IIV-1726266-INV');
    const head = await t.staff('surge-head2', 'head', 'IIV-1726266', { scopeSubtree: true });
    const [alert] = await alertsOf(head);
    const url = `/api/v1/analytics/alerts/${alert?.id}/acknowledge`;
    const foreign = await samarkand.request({ method: 'POST', url, payload: { note: 'Koʻrdim' } });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ error: { code: 'ALERT_NOT_FOUND' } });
    const notAllowed = await executor.request({ method: 'GET', url: '/api/v1/analytics/alerts' });
    expect(notAllowed.statusCode).toBe(403);
    expect(await alertsOf(head)).toHaveLength(1);
  });

  it('lets the head acknowledge it with a note, once, in the audit log, and it leaves the open list', async () => {
    const head = await t.staff('surge-head3', 'head', 'IIV-1726266', { scopeSubtree: true });
    const [alert] = await alertsOf(head);
    const url = `/api/v1/analytics/alerts/${alert?.id}/acknowledge`;
    const blank = await head.request({ method: 'POST', url, payload: { note: '  ' } });
    expect(blank.statusCode).toBe(400);
    const done = await head.request({ method: 'POST', url, payload: { note: 'Reyd rejalashtirildi' } });
    expect(done.statusCode, done.body).toBe(200);
    expect(await alertsOf(head)).toEqual([]);
    const again = await head.request({ method: 'POST', url, payload: { note: 'Yana' } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'ALERT_ALREADY_ACKNOWLEDGED' } });

    const { rows } = await sql<{ actor_id: number; target_id: string }>`
      select actor_id, target_id from audit_log where action = 'alert.acknowledge'`.execute(t.ownerDb);
    expect(rows).toEqual([{ actor_id: head.id, target_id: String(alert?.id) }]);
    const stored = await sql<{ note: string; acknowledged_by: number }>`
      select note, acknowledged_by from surge_alerts where id = ${alert?.id}`.execute(t.ownerDb);
    expect(stored.rows).toEqual([{ note: 'Reyd rejalashtirildi', acknowledged_by: head.id }]);
    // An acknowledged alert stays acknowledged when the detector runs again.
    expect(await detectSurges(t.system.ctx)).toMatchObject({ raised: 0, updated: 0, notified: 0 });
  });

  it('finds a surge in today’s hours so far, against the same hours of the same weekday', async () => {
    const head = await t.staff('surge-head4', 'head', 'IIV-1726266', { scopeSubtree: true });
    // Until 15:00 Yunusobod usually has its one fraud (at 11:00); today twelve by 13:00.
    await seedAppeals(
      Array.from({ length: 12 }, (_, i) => ({
        on: '2026-12-03',
        hour: 8 + (i % 6),
        territory: '1726266',
        category: 'fraud',
        text: `Internet doʻkon pulimni oldi, tovar yubormadi ${i}`,
      })),
    );
    // Yesterday's surge is found again but stays acknowledged; today's is new, told to the district's four
    // heads this file has made by now.
    expect(await detectSurges(t.system.ctx)).toMatchObject({ surges: 2, raised: 1, updated: 0, notified: 4 });
    expect(await alertsOf(head)).toMatchObject([
      {
        territory: '1726266',
        category: 'fraud',
        from: '2026-12-02T19:00:00.000Z',
        to: '2026-12-03T10:00:00.000Z',
        observed: 12,
        expected: 1,
      },
    ]);
  });

  it('runs from the command line and prints counts, never an appeal', async () => {
    Object.assign(process.env, t.env);
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c) => {
      out += String(c);
    });
    const code = await main(['analytics', 'detect', '--dry-run', '--days', '365'], {
      stdin: Readable.from(['']),
      stdout,
      stderr: new PassThrough(),
    });
    expect(code).toBe(0);
    expect(out).toMatch(
      /Examined 366 days .* territory × category pairs\.\nSurges: \d+ \(dry run: nothing written\)\./,
    );
    expect(out).not.toMatch(/T-\d|velosiped/);
  });

  it('is scheduled hourly, in Tashkent time, once however many workers start', async () => {
    const first = await startWorkers(t.system.ctx);
    const second = await startWorkers(t.system.ctx);
    first.stop();
    second.stop();
    const { rows } = await sql<{ cron: string; timezone: string }>`
      select cron, timezone from pgboss.schedule where name = 'detect-surges'`.execute(t.ownerDb);
    expect(rows).toEqual([{ cron: '7 * * * *', timezone: 'Asia/Tashkent' }]);
  });

  it('raises no alert over complaints about officers: their count and words never reach the department', async () => {
    // Twenty complaints about officers in Yunusobod on one day: examined by internal security, never by the
    // department's heads, whom a surge alert (count, shared words) would tell of them.
    await seedAppeals(
      Array.from({ length: 20 }, (_, i) => ({
        on: '2026-12-02',
        hour: 8 + (i % 12),
        territory: '1726266',
        category: 'officer_conduct',
        text: `Uchastka inspektori meni haqorat qildi ${i}`,
      })),
    );
    await detectSurges(t.system.ctx);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from surge_alerts where category_code = 'officer_conduct'`.execute(t.ownerDb);
    expect(rows[0]?.n).toBe(0);
  });
});
