import type { UiLanguage } from '../../contracts/enums.ts';
import type { ReportSchedule, ReportScheduleInput } from '../../contracts/reports.schema.ts';
import type { StaffUser } from '../appeals/appeal.policy.ts';
import type { Actor } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { authorizeReportAdmin, recipientProblem } from './report.policy.ts';
import {
  activeSchedules,
  insertSchedule,
  recipientsOf,
  retireSchedule,
  staffByIds,
} from './reports.repository.ts';

const actorOf = (user: StaffUser): Actor => ({ id: user.id, label: user.login });

/** The schedules in force, with their recipients, unit names in the reader's language. */
export async function listReportSchedules(options: {
  ctx: AppContext;
  user: StaffUser;
  language: UiLanguage;
}): Promise<ReportSchedule[]> {
  const { ctx, user, language } = options;
  authorizeReportAdmin(user);
  const schedules = await activeSchedules(ctx.db);
  const recipients = await recipientsOf(
    ctx.db,
    schedules.map((s) => s.id),
  );
  const units = ctx.reference().units;
  return schedules.map((s) => {
    const unit = units.byId(s.unit_id);
    return {
      id: s.id,
      unit: { code: unit?.code ?? '', name: unit?.names[language] ?? '' },
      name: s.name,
      language: s.language,
      recipients: recipients
        .filter((r) => r.schedule_id === s.id)
        .map((r) => ({ id: r.id, login: r.login, fullName: r.full_name })),
      createdAt: s.created_at.toISOString(),
      lastRunMonth: s.last_run_month?.slice(0, 7) ?? null,
      lastRunAt: s.last_run_at?.toISOString() ?? null,
    };
  });
}

/**
 * An administrator schedules a unit's monthly report for some staff (audited). Each recipient must be an
 * active account that reads analytics and holds the unit in its scope, or nothing is written.
 */
export async function createReportSchedule(options: {
  ctx: AppContext;
  user: StaffUser;
  input: ReportScheduleInput;
  language: UiLanguage;
}): Promise<ReportSchedule> {
  const { ctx, user, input, language } = options;
  authorizeReportAdmin(user);
  const units = ctx.reference().units;
  const unit = units.byCode(input.unit);
  if (!unit) throw new AppError('UNIT_NOT_FOUND');
  const ids = [...new Set(input.recipients)];
  const accounts = await staffByIds(ctx.db, ids);
  const refused = ids.flatMap((id) => {
    const account = accounts.find((a) => a.id === id);
    const problem = account ? recipientProblem(account, unit.id, units) : 'inactive';
    return problem ? [{ userId: id, reason: problem }] : [];
  });
  if (refused.length > 0) throw new AppError('REPORT_RECIPIENT_INVALID', undefined, { refused });

  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const created = await insertSchedule(tx, {
      unitId: unit.id,
      name: input.name,
      language: input.language,
      createdBy: user.id,
      recipients: ids,
      at: now,
    });
    await ctx.audit.append(tx, [
      {
        actor: actorOf(user),
        action: 'report_schedule.create',
        targetType: 'report_schedule',
        targetId: String(created),
        data: { unit: unit.code, recipients: ids, language: input.language },
        at: now,
      },
    ]);
    return created;
  });
  const created = (await listReportSchedules({ ctx, user, language })).find((s) => s.id === id);
  if (!created) throw new AppError('REPORT_SCHEDULE_NOT_FOUND');
  return created;
}

/** Retires a schedule (audited): no more reports are written; those written stay with their recipients. */
export async function deleteReportSchedule(options: {
  ctx: AppContext;
  user: StaffUser;
  id: number;
}): Promise<void> {
  const { ctx, user, id } = options;
  authorizeReportAdmin(user);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await retireSchedule(tx, id, now))) throw new AppError('REPORT_SCHEDULE_NOT_FOUND');
    await ctx.audit.append(tx, [
      {
        actor: actorOf(user),
        action: 'report_schedule.delete',
        targetType: 'report_schedule',
        targetId: String(id),
        at: now,
      },
    ]);
  });
}
