import type { ReportRun } from '../../contracts/reports.schema.ts';
import { rerollDirtyDays } from '../analytics/daily-rollup.repository.ts';
import { hierarchyView } from '../analytics/hierarchy-view.ts';
import type { StaffUser } from '../appeals/appeal.policy.ts';
import type { Actor } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { localDateOf, localMinutesOf } from '../deadlines/calendar.ts';
import { AppError } from '../errors.ts';
import { tableXlsx } from '../exports/table-file.ts';
import { printedDay } from '../templates/answer-letter.ts';
import { authorizeReportAdmin, recipientProblem, staffUserOf } from './report.policy.ts';
import { monthHasEnded, monthSpan, previousMonth } from './report-months.ts';
import { renderReportPdf } from './report-pdf.ts';
import { reportTable, reportWords } from './report-table.ts';
import {
  activeSchedules,
  insertReport,
  markScheduleRun,
  recipientsDone,
  recipientsOf,
  staffByIds,
  withEnabledEmail,
} from './reports.repository.ts';

type Schedule = Awaited<ReturnType<typeof activeSchedules>>[number];

/**
 * Writes one schedule's report of a month for each recipient, as that recipient sees it: the hierarchy
 * view asked with their account (their scope, and complaints about them or their chain left out), for the
 * month as a custom period. A recipient who may no longer receive it gets a skipped row with the reason.
 * Idempotent: a recipient who has a row for the month is passed over, and the unique key keeps a run racing
 * this one (or a retried job) from writing a second. The e-mail leaves as a job committed with the report.
 */
async function runSchedule(ctx: AppContext, schedule: Schedule, month: string): Promise<ReportRun> {
  // The hierarchy view sums the daily roll-up: bring it up to the appeals first (docs/analytics.md).
  await rerollDirtyDays(ctx.db);
  const units = ctx.reference().units;
  const unit = units.byId(schedule.unit_id);
  const monthStart = `${month}-01`;
  const run: ReportRun = { month, generated: 0, existing: 0, skipped: [] };
  if (!unit) return run;
  const done = new Set(await recipientsDone(ctx.db, schedule.id, monthStart));
  const ids = (await recipientsOf(ctx.db, [schedule.id])).map((r) => r.id);
  const accounts = await staffByIds(ctx.db, ids);
  const mailable = new Set(ctx.channels.get('email') ? await withEnabledEmail(ctx.db, ids) : []);
  const span = monthSpan(month);
  const words = reportWords(schedule.language);

  for (const account of accounts) {
    if (done.has(account.id)) {
      run.existing += 1;
      continue;
    }
    const now = ctx.clock.now();
    const problem = recipientProblem(account, unit.id, units);
    if (problem) {
      const id = await insertReport(ctx.db, {
        schedule_id: schedule.id,
        user_id: account.id,
        unit_id: unit.id,
        month: monthStart,
        status: 'skipped',
        skip_reason: problem,
        generated_at: now,
        pdf: null,
        xlsx: null,
        email_status: 'none',
      });
      if (id === undefined) run.existing += 1;
      else run.skipped.push({ userId: account.id, reason: problem });
      continue;
    }
    const user: StaffUser = staffUserOf(account);
    const view = await hierarchyView({
      ctx,
      user,
      query: { unit: unit.code, period: 'custom', from: span.from, to: span.to },
      language: schedule.language,
    });
    const minutes = localMinutesOf(now);
    const generatedAt = `${printedDay(localDateOf(now), schedule.language)} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const pdf = await renderReportPdf(view, {
      name: schedule.name,
      language: schedule.language,
      month,
      recipient: account.full_name || account.login,
      generatedAt,
    });
    const xlsx = tableXlsx(reportTable(view, schedule.language), `${words.title} ${month}`);
    const email = mailable.has(account.id);
    const written = await ctx.db.transaction().execute(async (tx) => {
      const id = await insertReport(tx, {
        schedule_id: schedule.id,
        user_id: account.id,
        unit_id: unit.id,
        month: monthStart,
        status: 'generated',
        skip_reason: null,
        generated_at: now,
        pdf,
        xlsx,
        email_status: email ? 'queued' : 'none',
      });
      if (id !== undefined && email)
        await ctx.jobs.enqueue(tx, [{ name: 'deliver-report', data: { reportId: id } }]);
      return id;
    });
    if (written === undefined) run.existing += 1;
    else run.generated += 1;
  }
  await markScheduleRun(ctx.db, schedule.id, monthStart, ctx.clock.now());
  return run;
}

/** The monthly job: every schedule in force writes the month before this one (counts only come back). */
export async function generateMonthlyReports(
  ctx: AppContext,
  month = previousMonth(localDateOf(ctx.clock.now())),
): Promise<{ schedules: number; generated: number; existing: number; skipped: number }> {
  const totals = { schedules: 0, generated: 0, existing: 0, skipped: 0 };
  for (const schedule of await activeSchedules(ctx.db)) {
    const run = await runSchedule(ctx, schedule, month);
    totals.schedules += 1;
    totals.generated += run.generated;
    totals.existing += run.existing;
    totals.skipped += run.skipped.length;
  }
  return totals;
}

/** An administrator writes one schedule's report of an ended month now (audited); the month before by default. */
export async function runReportSchedule(options: {
  ctx: AppContext;
  user: StaffUser;
  id: number;
  month?: string;
}): Promise<ReportRun> {
  const { ctx, user, id } = options;
  authorizeReportAdmin(user);
  const today = localDateOf(ctx.clock.now());
  const month = options.month ?? previousMonth(today);
  if (!monthHasEnded(month, today)) throw new AppError('REPORT_MONTH_NOT_ENDED');
  const [schedule] = await activeSchedules(ctx.db, id);
  if (!schedule) throw new AppError('REPORT_SCHEDULE_NOT_FOUND');
  const run = await runSchedule(ctx, schedule, month);
  await auditRun(ctx, { id: user.id, label: user.login }, id, run);
  return run;
}

async function auditRun(ctx: AppContext, actor: Actor, id: number, run: ReportRun): Promise<void> {
  await ctx.db.transaction().execute((tx) =>
    ctx.audit.append(tx, [
      {
        actor,
        action: 'report_schedule.run',
        targetType: 'report_schedule',
        targetId: String(id),
        data: { month: run.month, generated: run.generated, skipped: run.skipped.length },
        at: ctx.clock.now(),
      },
    ]),
  );
}
