import type { UiLanguage } from '../../contracts/enums.ts';
import type { MyReport } from '../../contracts/reports.schema.ts';
import type { StaffUser } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { reportFileOf, reportsOf } from './reports.repository.ts';

const LISTED = 120;

/** The reports written for me, newest month first (never anyone else's). */
export async function listMyReports(options: {
  ctx: AppContext;
  user: StaffUser;
  language: UiLanguage;
}): Promise<MyReport[]> {
  const { ctx, user, language } = options;
  const rows = await reportsOf(ctx.db, user.id, LISTED);
  const units = ctx.reference().units;
  return rows.map((r) => {
    const unit = units.byId(r.unit_id);
    return {
      id: r.id,
      scheduleName: r.name,
      unit: { code: unit?.code ?? '', name: unit?.names[language] ?? '' },
      month: r.month.slice(0, 7),
      generatedAt: r.generated_at.toISOString(),
      email: r.email_status,
    };
  });
}

const mimes = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * One of my reports as a file (audited: it holds figures of the recipient's scope). Another person's
 * report answers as if it did not exist.
 */
export async function downloadReport(options: {
  ctx: AppContext;
  user: StaffUser;
  id: number;
  format: 'pdf' | 'xlsx';
}): Promise<{ filename: string; mime: string; content: Buffer }> {
  const { ctx, user, id, format } = options;
  const row = await reportFileOf(ctx.db, id, user.id, format);
  if (!row?.file) throw new AppError('REPORT_NOT_FOUND');
  const unit = ctx.reference().units.byId(row.unit_id);
  await ctx.db.transaction().execute((tx) =>
    ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: 'report.download',
        targetType: 'report',
        targetId: String(row.id),
        data: { format },
        at: ctx.clock.now(),
      },
    ]),
  );
  return {
    filename: `report-${unit?.code ?? 'unit'}-${row.month.slice(0, 7)}.${format}`,
    mime: mimes[format],
    content: row.file,
  };
}
