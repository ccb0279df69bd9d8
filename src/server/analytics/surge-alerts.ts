import type { Selectable } from 'kysely';
import type { SurgeAlert } from '../../contracts/analytics.schema.ts';
import { type StaffUser, scopeOf } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import type { SurgeAlertsTable } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { canReadAlerts, canSeeAlert } from './analytics.policy.ts';
import { acknowledgeAlert, findAlert, openAlerts, visibleAppealNumbers } from './analytics.repository.ts';

type AlertRow = Selectable<SurgeAlertsTable>;

/** The open surge alerts of the caller's scope, each with the numbers of its appeals the caller may see. */
export async function listOpenAlerts(ctx: AppContext, user: StaffUser): Promise<{ items: SurgeAlert[] }> {
  if (!canReadAlerts(user)) throw new AppError('FORBIDDEN');
  const scope = scopeOf(user, ctx.reference().units);
  const rows = await openAlerts(ctx.db, scope.unitIds);
  const visible = await visibleAppealNumbers(ctx.db, scope, [...new Set(rows.flatMap((r) => r.appeal_ids))]);
  const numbers = new Map(visible.map((a) => [a.id, a.number]));
  return { items: rows.map((row) => present(row, numbers)) };
}

/** A head (or analyst, admin) in whose scope the alert lies acknowledges it with a note; audited. */
export async function acknowledgeSurgeAlert(options: {
  ctx: AppContext;
  user: StaffUser;
  id: number;
  note: string;
}): Promise<void> {
  const { ctx, user, id, note } = options;
  if (!canReadAlerts(user)) throw new AppError('FORBIDDEN');
  const alert = await findAlert(ctx.db, id);
  // An alert outside the scope is answered as one that does not exist: its id says nothing.
  if (!alert || !canSeeAlert(scopeOf(user, ctx.reference().units), alert))
    throw new AppError('ALERT_NOT_FOUND');
  if (alert.status !== 'open') throw new AppError('ALERT_ALREADY_ACKNOWLEDGED');
  const at = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await acknowledgeAlert(tx, { id, by: user.id, at, note })))
      throw new AppError('ALERT_ALREADY_ACKNOWLEDGED');
    await ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: 'alert.acknowledge',
        targetType: 'surge_alert',
        targetId: String(id),
        data: { territory: alert.territory_code, category: alert.category_code },
        at,
      },
    ]);
  });
}

function present(row: AlertRow, numbers: ReadonlyMap<number, string>): SurgeAlert {
  return {
    id: row.id,
    territory: row.territory_code,
    category: row.category_code,
    from: row.window_from.toISOString(),
    to: row.window_to.toISOString(),
    observed: row.observed,
    expected: Math.round(row.expected * 100) / 100,
    appeals: row.appeal_ids.flatMap((id) => {
      const number = numbers.get(id);
      return number === undefined ? [] : [number];
    }),
    sharedWords: row.shared_words,
    campaign: row.campaign,
    status: row.status,
  };
}
