import { PassThrough, Readable } from 'node:stream';
import * as XLSX from '@e965/xlsx';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { main } from '../../cli/main.ts';
import { type Hierarchy, hierarchySchema } from '../../contracts/analytics.schema.ts';
import { type ReportRun, reportScheduleSchema } from '../../contracts/reports.schema.ts';
import { rerollDirtyDays } from '../analytics/daily-rollup.repository.ts';
import { FixedClock } from '../clock.ts';
import { type SmtpSink, startSmtpSink } from '../notify/testing/loopback-peers.ts';
import type { Unit } from '../routing/unit-directory.ts';
import { deliverReport } from './deliver-report.ts';
import { generateMonthlyReports } from './generate-reports.ts';
import { reportTable } from './report-table.ts';

// A region's monthly report for its two heads, written as each of them sees it, through the real app on a
// real database, e-mailed to an SMTP sink on loopback. Today is 3 December 2026 in Tashkent: the month
// before is November.
const clock = new FixedClock('2026-12-03T05:00:00Z');
let t: TestSystem;
let smtp: SmtpSink;
let region: Unit;
let serviceA: Unit;
let districtB: Unit;
let otherRegion: Unit;
let admin: StaffAgent;
let headA: StaffAgent;
let headB: StaffAgent;
let seq = 0;

/** Inserts one appeal received (and closed) at 10:00 Tashkent on the given days. */
async function seed(a: {
  owner: Unit;
  received: string;
  status: string;
  outcome?: 'satisfied' | 'explained' | 'rejected';
  closed?: string;
  subjectOfficer?: number;
}): Promise<void> {
  seq += 1;
  const at = (day: string) => new Date(`${day}T05:00:00Z`);
  await t.ownerDb
    .insertInto('appeals')
    .values({
      number: `IIV-2026-${String(800000 + seq)}`,
      year: 2026,
      seq: 800000 + seq,
      access_code_hash: Buffer.from([0]),
      type: a.subjectOfficer ? 'shikoyat' : 'ariza',
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
      received_at: at(a.received),
      received_on: a.received,
      registration_due_on: a.received,
      due_on: '2026-11-20',
      base_due_on: '2026-11-20',
      handover_due_on: a.received,
      forward_due_on: a.received,
      outcome: a.outcome ?? null,
      closed_at: a.closed ? at(a.closed) : null,
      subject_officer_id: a.subjectOfficer ?? null,
    })
    .execute();
}

const schedulesUrl = '/api/v1/admin/report-schedules';

async function schedule(agent: StaffAgent, body: Record<string, unknown>) {
  return agent.request({ method: 'POST', url: schedulesUrl, payload: body });
}

async function run(id: number, month: string): Promise<ReportRun> {
  const response = await admin.request({ method: 'POST', url: `${schedulesUrl}/${id}/run?month=${month}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ReportRun>();
}

async function myReports(agent: StaffAgent) {
  const response = await agent.request({ method: 'GET', url: '/api/v1/reports' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: { id: number; month: string; email: string; unit: { code: string } }[] }>()
    .items;
}

async function view(agent: StaffAgent, from: string, to: string): Promise<Hierarchy> {
  // The view sums the daily roll-up: its job re-rolls the days changed since the last run.
  await rerollDirtyDays(t.system.ctx.db);
  const response = await agent.request({
    method: 'GET',
    url: `/api/v1/analytics/hierarchy?unit=${region.code}&period=custom&from=${from}&to=${to}`,
    headers: { 'accept-language': 'ru' },
  });
  expect(response.statusCode, response.body).toBe(200);
  return hierarchySchema.parse(response.json());
}

/** The bytes pdfkit writes for a text string of the document's information (UTF-16BE, escaped). */
function pdfInfoString(text: string): Buffer {
  const utf16 = Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
  const escaped: number[] = [];
  for (const byte of utf16) {
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) escaped.push(0x5c, byte);
    else if (byte === 0x0a) escaped.push(0x5c, 0x6e);
    else if (byte === 0x0d) escaped.push(0x5c, 0x72);
    else if (byte === 0x09) escaped.push(0x5c, 0x74);
    else if (byte === 0x08) escaped.push(0x5c, 0x62);
    else if (byte === 0x0c) escaped.push(0x5c, 0x66);
    else escaped.push(byte);
  }
  return Buffer.from(escaped);
}

let scheduleId = 0;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await startTestSystem({
    clock,
    env: { SMTP_URL: smtp.url, MAIL_FROM: 'Murojaat <noreply@murojaat.test>' },
  });
  const units = t.system.ctx.reference().units;
  const unit = (code: string) => {
    const found = units.byCode(code);
    if (!found) throw new Error(code);
    return found;
  };
  region = unit('IIV-1726');
  serviceA = unit('IIV-1726266-APP');
  const b = units.children(region.id).find((u) => u.level === 'department' && u.code !== 'IIV-1726266');
  const far = units.children(units.ministry.id).find((u) => u.level === 'directorate' && u.id !== region.id);
  if (!b || !far) throw new Error('reference data lacks a second district or region');
  districtB = b;
  otherRegion = far;
  await sql`delete from appeals`.execute(t.ownerDb);

  admin = await t.staff('rs-admin', 'admin', units.ministry.code, { scopeSubtree: true });
  headA = await t.staff('rs-head-a', 'head', region.code, { scopeSubtree: true });
  headB = await t.staff('rs-head-b', 'head', region.code, { scopeSubtree: true });

  // November: three in district A's appeals service (one a complaint about head A), two in district B.
  await seed({
    owner: serviceA,
    received: '2026-11-03',
    status: 'answered',
    outcome: 'satisfied',
    closed: '2026-11-10',
  });
  await seed({ owner: serviceA, received: '2026-11-05', status: 'forwarded', closed: '2026-11-06' });
  await seed({ owner: serviceA, received: '2026-11-12', status: 'in_progress', subjectOfficer: headA.id });
  await seed({
    owner: districtB,
    received: '2026-11-04',
    status: 'answered',
    outcome: 'explained',
    closed: '2026-11-08',
  });
  await seed({ owner: districtB, received: '2026-11-28', status: 'registered' });
  // The period before (2–31 October: as many days as November) and November a year earlier.
  await seed({
    owner: serviceA,
    received: '2026-10-15',
    status: 'answered',
    outcome: 'rejected',
    closed: '2026-10-20',
  });
  await seed({ owner: districtB, received: '2025-11-20', status: 'not_considered', closed: '2025-11-21' });
  // Head A linked an e-mail address for their own notices; head B did not.
  await t.ownerDb
    .insertInto('staff_channels')
    .values({
      user_id: headA.id,
      channel: 'email',
      email_enc: t.system.ctx.protector.seal('rahbar.a@police.test', `staff-email:${headA.id}`),
      chat_id: null,
      enabled: true,
      linked_at: clock.now(),
    })
    .execute();
});
afterAll(async () => {
  await t?.stop();
  await smtp?.stop();
});

describe('scheduling a report', () => {
  it('refuses an unknown unit, a recipient out of scope or of a role without analytics, and non-administrators', async () => {
    const far = await t.staff('rs-far-head', 'head', otherRegion.code, { scopeSubtree: true });
    const executor = await t.staff('rs-executor', 'executor', region.code, { scopeSubtree: true });
    const base = { unit: region.code, name: 'Viloyat', language: 'ru', recipients: [headA.id] };

    const unknown = await schedule(admin, { ...base, unit: 'IIV-NOPE' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('UNIT_NOT_FOUND');

    const outOfScope = await schedule(admin, { ...base, recipients: [headA.id, far.id] });
    expect(outOfScope.statusCode).toBe(400);
    expect(outOfScope.json().error).toMatchObject({
      code: 'REPORT_RECIPIENT_INVALID',
      details: { refused: [{ userId: far.id, reason: 'out_of_scope' }] },
    });
    const role = await schedule(admin, { ...base, recipients: [executor.id] });
    expect(role.json().error).toMatchObject({
      code: 'REPORT_RECIPIENT_INVALID',
      details: { refused: [{ userId: executor.id, reason: 'role' }] },
    });
    const nobody = await schedule(admin, { ...base, recipients: [] });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().error.code).toBe('VALIDATION_FAILED');

    const byHead = await schedule(headA, base);
    expect(byHead.statusCode).toBe(403);
    expect((await headA.request({ method: 'GET', url: schedulesUrl })).statusCode).toBe(403);
    expect(await t.ownerDb.selectFrom('report_schedules').select('id').execute()).toEqual([]);
  });

  it('keeps a schedule for the region’s two heads, audited', async () => {
    const created = await schedule(admin, {
      unit: region.code,
      name: 'Тошкент вилояти — ойлик',
      language: 'ru',
      recipients: [headA.id, headB.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = reportScheduleSchema.parse(created.json());
    scheduleId = body.id;
    expect(body.recipients.map((r) => r.login).sort()).toEqual(['rs-head-a', 'rs-head-b']);
    const listed = await admin.request({ method: 'GET', url: schedulesUrl });
    expect(listed.json()).toHaveLength(1);
    const audit = await t.ownerDb
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('target_type', '=', 'report_schedule')
      .execute();
    expect(audit).toEqual([{ action: 'report_schedule.create', target_id: String(scheduleId) }]);
  });

  it('answers a bad month, a month not yet ended and an unknown schedule with their codes', async () => {
    const bad = await admin.request({
      method: 'POST',
      url: `${schedulesUrl}/${scheduleId}/run?month=2026-13`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const current = await admin.request({
      method: 'POST',
      url: `${schedulesUrl}/${scheduleId}/run?month=2026-12`,
    });
    expect(current.statusCode).toBe(400);
    expect(current.json().error.code).toBe('REPORT_MONTH_NOT_ENDED');
    const missing = await admin.request({ method: 'POST', url: `${schedulesUrl}/999999/run?month=2026-11` });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('REPORT_SCHEDULE_NOT_FOUND');
  });
});

describe('a month’s reports', () => {
  it('writes one report per recipient, each with the figures the hierarchy view gives that recipient', async () => {
    expect(await run(scheduleId, '2026-11')).toEqual({
      month: '2026-11',
      generated: 2,
      existing: 0,
      skipped: [],
    });

    for (const head of [headA, headB]) {
      const [report, ...others] = await myReports(head);
      expect(others).toEqual([]);
      expect(report).toMatchObject({ month: '2026-11', unit: { code: region.code } });
      const file = await head.request({ method: 'GET', url: `/api/v1/reports/${report?.id}/xlsx` });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toContain('spreadsheetml');
      const book = XLSX.read(file.rawPayload, { type: 'buffer' });
      const sheet = book.Sheets[book.SheetNames[0] ?? ''];
      if (!sheet) throw new Error('no sheet');
      const rows = XLSX.utils.sheet_to_json<(string | number | null)[]>(sheet, { header: 1, defval: null });
      const expected = reportTable(await view(head, '2026-11-01', '2026-11-30'), 'ru');
      // An empty figure (no rating, no answer yet) is an empty cell.
      expect(rows.map((row) => row.map((cell) => (cell === '' ? null : cell)))).toEqual(expected);
    }
  });

  it('leaves the complaint about head A out of head A’s report only', async () => {
    const received = async (head: StaffAgent) => {
      const [report] = await myReports(head);
      const file = await head.request({ method: 'GET', url: `/api/v1/reports/${report?.id}/xlsx` });
      const book = XLSX.read(file.rawPayload, { type: 'buffer' });
      const rows = XLSX.utils.sheet_to_json<(string | number | null)[]>(
        book.Sheets[book.SheetNames[0] ?? ''] ?? {},
        {
          header: 1,
        },
      );
      // The first block is the region in all; its first figure is "received": this month, before, last year.
      return rows[1]?.slice(3);
    };
    expect(await received(headB)).toEqual([5, 1, 1]);
    expect(await received(headA)).toEqual([4, 1, 1]);
  });

  it('makes a PDF with the unit’s name, in DejaVu Sans', async () => {
    const [report] = await myReports(headB);
    const file = await headB.request({ method: 'GET', url: `/api/v1/reports/${report?.id}/pdf` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    const pdf = file.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length).toBeGreaterThanOrEqual(1);
    expect(pdf.toString('latin1')).toContain('DejaVuSans');
    expect(pdf.includes(pdfInfoString(`${region.names.ru} · 2026-11`))).toBe(true);
  });

  it('lets only the recipient download a report, and audits each download', async () => {
    const [report] = await myReports(headA);
    for (const other of [headB, admin]) {
      for (const format of ['pdf', 'xlsx']) {
        const denied = await other.request({ method: 'GET', url: `/api/v1/reports/${report?.id}/${format}` });
        expect(denied.statusCode).toBe(404);
        expect(denied.json().error.code).toBe('REPORT_NOT_FOUND');
      }
    }
    const before = await t.ownerDb
      .selectFrom('audit_log')
      .select(['actor_id', 'target_id'])
      .where('action', '=', 'report.download')
      .execute();
    expect(
      (await headA.request({ method: 'GET', url: `/api/v1/reports/${report?.id}/pdf` })).statusCode,
    ).toBe(200);
    const after = await t.ownerDb
      .selectFrom('audit_log')
      .select(['actor_id', 'target_id'])
      .where('action', '=', 'report.download')
      .execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toEqual({ actor_id: headA.id, target_id: String(report?.id) });
  });

  it('e-mails the report with both files to the recipient who linked an address', async () => {
    const { rows } = await sql<{ data: { reportId: number } }>`
      select data from pgboss.job where name = 'deliver-report' order by created_on`.execute(t.ownerDb);
    expect(rows).toHaveLength(1);
    for (const job of rows) await deliverReport(t.system.ctx, job.data.reportId);
    expect(smtp.envelopes).toEqual([['rahbar.a@police.test']]);
    const mail = smtp.received[0];
    expect(mail?.subject).toContain('2026-11');
    expect(mail?.attachments.map((a) => a.contentType).sort()).toEqual([
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(
      mail?.attachments
        .find((a) => a.contentType === 'application/pdf')
        ?.content.subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await myReports(headA))[0]?.email).toBe('sent');
    expect((await myReports(headB))[0]?.email).toBe('none');
    // A retried job finds it sent and sends nothing again.
    await deliverReport(t.system.ctx, rows[0]?.data.reportId ?? 0);
    expect(smtp.received).toHaveLength(1);
  });

  it('writes nothing twice: a second run, and the monthly job, find the reports there', async () => {
    expect(await run(scheduleId, '2026-11')).toEqual({
      month: '2026-11',
      generated: 0,
      existing: 2,
      skipped: [],
    });
    expect(await generateMonthlyReports(t.system.ctx)).toEqual({
      schedules: 1,
      generated: 0,
      existing: 2,
      skipped: 0,
    });
    const stored = await t.ownerDb.selectFrom('reports').select(['user_id']).execute();
    expect(stored).toHaveLength(2);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pgboss.job where name = 'deliver-report'`.execute(t.ownerDb);
    expect(rows[0]?.n).toBe(1);
  });

  it('skips, and records, a recipient who no longer holds the unit when a month is written', async () => {
    await t.ownerDb
      .updateTable('users')
      .set({ unit_id: otherRegion.id })
      .where('id', '=', headB.id)
      .execute();
    const october = await run(scheduleId, '2026-10');
    expect(october).toEqual({
      month: '2026-10',
      generated: 1,
      existing: 0,
      skipped: [{ userId: headB.id, reason: 'out_of_scope' }],
    });
    // The schedule still shows November as the latest month written.
    const [listed] = (await admin.request({ method: 'GET', url: schedulesUrl })).json<
      { lastRunMonth: string }[]
    >();
    expect(listed?.lastRunMonth).toBe('2026-11');
    const skipped = await t.ownerDb
      .selectFrom('reports')
      .select(['status', 'skip_reason', 'pdf'])
      .where('user_id', '=', headB.id)
      .where('month', '=', '2026-10-01')
      .executeTakeFirst();
    expect(skipped).toEqual({ status: 'skipped', skip_reason: 'out_of_scope', pdf: null });
    expect((await myReports(headB)).map((r) => r.month)).toEqual(['2026-11']);
    await t.ownerDb.updateTable('users').set({ unit_id: region.id }).where('id', '=', headB.id).execute();
  });

  it('writes a month from the command line as the job does: `murojaat reports run --month`', async () => {
    Object.assign(process.env, t.env, { SMTP_URL: smtp.url, MAIL_FROM: 'Murojaat <noreply@murojaat.test>' });
    const command = async (args: string[]) => {
      const stdout = new PassThrough();
      let out = '';
      stdout.on('data', (chunk) => {
        out += String(chunk);
      });
      const code = await main(args, { stdin: Readable.from(['']), stdout, stderr: new PassThrough() });
      return { code, out };
    };
    expect((await command(['reports', 'run', '--month', '2026-13'])).code).toBe(2);
    const september = await command(['reports', 'run', '--month', '2026-09']);
    expect(september.code).toBe(0);
    expect(september.out).toContain(
      'Reports of 2026-09: 1 schedules, 2 written, 0 already there, 0 recipients skipped.',
    );
    expect((await command(['reports', 'run', '--month', '2026-09'])).out).toContain(
      '0 written, 2 already there',
    );
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pgboss.job where name = 'deliver-report'`.execute(t.ownerDb);
    // Head A's October report and September's were queued for e-mail too.
    expect(rows[0]?.n).toBe(3);
  });

  it('retires a schedule (audited): it runs no more, and its reports stay', async () => {
    const deleted = await admin.request({ method: 'DELETE', url: `${schedulesUrl}/${scheduleId}` });
    expect(deleted.statusCode, deleted.body).toBe(200);
    const again = await admin.request({ method: 'DELETE', url: `${schedulesUrl}/${scheduleId}` });
    expect(again.statusCode).toBe(404);
    expect((await admin.request({ method: 'GET', url: schedulesUrl })).json()).toEqual([]);
    const ran = await admin.request({
      method: 'POST',
      url: `${schedulesUrl}/${scheduleId}/run?month=2026-09`,
    });
    expect(ran.statusCode).toBe(404);
    expect((await myReports(headA)).map((r) => r.month)).toEqual(['2026-11', '2026-10', '2026-09']);
    const audit = await t.ownerDb
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'report_schedule')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'report_schedule.create',
      'report_schedule.run',
      'report_schedule.run',
      'report_schedule.run',
      'report_schedule.delete',
    ]);
  });
});
