import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ReportEmailStatus, ReportsTable } from '../db/schema.ts';

// SQL only: report schedules, their recipients, the reports written and their e-mails. The rules are in
// the use cases beside this file.

/** Staff accounts by id, with what decides whether they may receive a unit's report. */
export function staffByIds(db: Db, ids: number[]) {
  return db
    .selectFrom('users')
    .select(['id', 'login', 'full_name', 'role', 'unit_id', 'scope_subtree', 'active', 'language'])
    .where('id', 'in', ids.length > 0 ? ids : [-1])
    .execute();
}

/** Writes a schedule and its recipients; returns its id. */
export async function insertSchedule(
  db: Db,
  schedule: {
    unitId: number;
    name: string;
    language: 'uz' | 'oz' | 'ru' | 'en';
    createdBy: number | null;
    recipients: number[];
    at: Date;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('report_schedules')
    .values({
      unit_id: schedule.unitId,
      name: schedule.name,
      language: schedule.language,
      created_by: schedule.createdBy,
      created_at: schedule.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('report_schedule_recipients')
    .values(schedule.recipients.map((userId) => ({ schedule_id: id, user_id: userId })))
    .execute();
  return id;
}

/** The schedules in force (one, when `id` is given), oldest first. */
export function activeSchedules(db: Db, id?: number) {
  let query = db
    .selectFrom('report_schedules')
    .select(['id', 'unit_id', 'name', 'language', 'created_at', 'last_run_month', 'last_run_at'])
    .where('active', '=', true);
  if (id !== undefined) query = query.where('id', '=', id);
  return query.orderBy('id').execute();
}

/** The recipients of these schedules, with their names. */
export function recipientsOf(db: Db, scheduleIds: number[]) {
  return db
    .selectFrom('report_schedule_recipients as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.schedule_id', 'u.id', 'u.login', 'u.full_name'])
    .where('r.schedule_id', 'in', scheduleIds.length > 0 ? scheduleIds : [-1])
    .orderBy('u.login')
    .execute();
}

/** Retires a schedule in force; false when there was none. */
export async function retireSchedule(db: Db, id: number, at: Date): Promise<boolean> {
  const row = await db
    .updateTable('report_schedules')
    .set({ active: false, deleted_at: at })
    .where('id', '=', id)
    .where('active', '=', true)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Records that a schedule's month was written (the latest month written stays, should an older one be run). */
export async function markScheduleRun(db: Db, id: number, month: string, at: Date): Promise<void> {
  await db
    .updateTable('report_schedules')
    .set({ last_run_month: sql<string>`greatest(last_run_month, ${month}::date)`, last_run_at: at })
    .where('id', '=', id)
    .execute();
}

/** The recipients who already have a row (written or skipped) for a schedule's month. */
export async function recipientsDone(db: Db, scheduleId: number, month: string): Promise<number[]> {
  const rows = await db
    .selectFrom('reports')
    .select('user_id')
    .where('schedule_id', '=', scheduleId)
    .where('month', '=', month)
    .execute();
  return rows.map((r) => r.user_id);
}

type NewReport = Pick<
  ReportsTable,
  'schedule_id' | 'user_id' | 'unit_id' | 'month' | 'status' | 'skip_reason' | 'pdf' | 'xlsx'
> & { generated_at: Date; email_status: 'none' | 'queued' };

/** Writes one report unless that schedule × recipient × month has one; returns its id, or undefined. */
export async function insertReport(db: Db, report: NewReport): Promise<number | undefined> {
  const row = await db
    .insertInto('reports')
    .values(report)
    .onConflict((oc) => oc.columns(['schedule_id', 'user_id', 'month']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** The user ids of these staff whose linked e-mail receives notices. */
export async function withEnabledEmail(db: Db, userIds: number[]): Promise<number[]> {
  const rows = await db
    .selectFrom('staff_channels')
    .select('user_id')
    .where('user_id', 'in', userIds.length > 0 ? userIds : [-1])
    .where('channel', '=', 'email')
    .where('enabled', '=', true)
    .execute();
  return rows.map((r) => r.user_id);
}

/** A recipient's written reports, newest month first. */
export function reportsOf(db: Db, userId: number, limit: number) {
  return db
    .selectFrom('reports as r')
    .innerJoin('report_schedules as s', 's.id', 'r.schedule_id')
    .select(['r.id', 'r.unit_id', 'r.month', 'r.generated_at', 'r.email_status', 's.name'])
    .where('r.user_id', '=', userId)
    .where('r.status', '=', 'generated')
    .orderBy('r.month', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
}

/** One of a recipient's reports with its file of that format (none when it is someone else's). */
export function reportFileOf(db: Db, id: number, userId: number, format: 'pdf' | 'xlsx') {
  return db
    .selectFrom('reports as r')
    .innerJoin('report_schedules as s', 's.id', 'r.schedule_id')
    .select(['r.id', 'r.month', 'r.unit_id', 's.name', format === 'pdf' ? 'r.pdf as file' : 'r.xlsx as file'])
    .where('r.id', '=', id)
    .where('r.user_id', '=', userId)
    .where('r.status', '=', 'generated')
    .executeTakeFirst();
}

/** A report to e-mail, with its recipient's account and linked address (absent once unlinked). */
export function reportForDelivery(db: Db, id: number) {
  return db
    .selectFrom('reports as r')
    .innerJoin('report_schedules as s', 's.id', 'r.schedule_id')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .leftJoin('staff_channels as c', (join) =>
      join.onRef('c.user_id', '=', 'r.user_id').on('c.channel', '=', 'email'),
    )
    .select([
      'r.id',
      'r.user_id',
      'r.month',
      'r.pdf',
      'r.xlsx',
      'r.email_status',
      's.name',
      's.language',
      'u.active',
      'c.email_enc',
      'c.enabled',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** What one attempt at a report's e-mail came to. */
export async function recordReportEmail(
  db: Db,
  id: number,
  outcome: { status: ReportEmailStatus; error: string | null },
): Promise<void> {
  await db
    .updateTable('reports')
    .set({ email_status: outcome.status, email_error: outcome.error })
    .where('id', '=', id)
    .execute();
}
