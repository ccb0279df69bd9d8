import type { Dashboard, QueueCounts } from '../../contracts/console.schema.ts';
import { appealStatuses, type Role, type UiLanguage } from '../../contracts/enums.ts';
import { canOpenAppeals, type StaffUser, scopeOf } from '../appeals/appeal.policy.ts';
import { dueSoonUntil, queueFactsOf, queueFilters } from '../appeals/appeal-queues.ts';
import type { AppContext } from '../context.ts';
import { addDays, localDateOf, startOfDay } from '../deadlines/calendar.ts';
import { AppError, FieldValidationError } from '../errors.ts';
import { countQueues, dashboardFigures, type Period } from './dashboard.repository.ts';

/** The counts shown beside each queue in the console's menu. */
export async function queueCounts(
  ctx: AppContext,
  user: StaffUser,
  options: { sandbox: boolean },
): Promise<QueueCounts> {
  if (!canOpenAppeals(user)) throw new AppError('FORBIDDEN');
  const units = ctx.reference().units;
  const facts = queueFactsOf(user, units, localDateOf(ctx.clock.now()));
  const counts = await countQueues(ctx.readDb, scopeOf(user, units), queueFilters(facts), options.sandbox);
  return { counts };
}

const dashboardRoles: readonly Role[] = ['head', 'internal_security', 'admin', 'analyst'];

/**
 * A head's view of a unit (their own by default, or one inside their scope): its load, each executor's
 * open, due and overdue work, answers awaiting approval, extensions, the repeat and duplicate rates and ratings. Real
 * appeals only; the training sandbox never counts.
 */
export async function headDashboard(options: {
  ctx: AppContext;
  user: StaffUser;
  unitCode: string | undefined;
  days: number;
  language: UiLanguage;
}): Promise<Dashboard> {
  const { ctx, user, days, language } = options;
  if (!dashboardRoles.includes(user.role)) throw new AppError('FORBIDDEN');
  const ref = ctx.reference();
  const unit = options.unitCode ? ref.units.byCode(options.unitCode) : ref.units.byId(user.unitId);
  if (!unit) throw new FieldValidationError([{ path: 'query.unit', key: 'unknownUnit' }]);
  const scope = scopeOf(user, ref.units);
  if (scope.unitIds !== null && !scope.unitIds.includes(unit.id)) throw new AppError('FORBIDDEN');
  // The ministry with its subtree is every unit: no unit filter at all rather than a 2,700-id array.
  const wholeTree = user.scopeSubtree && unit.id === ref.units.ministry.id;
  const units = wholeTree
    ? null
    : user.scopeSubtree
      ? { subtreeOf: unit.id, unitIds: ref.units.subtreeIds(unit.id) }
      : { subtreeOf: null, unitIds: [unit.id] };

  const today = localDateOf(ctx.clock.now());
  const from = addDays(today, -(days - 1));
  const period: Period = { today, dueSoonUntil: dueSoonUntil(today), from, since: startOfDay(from) };
  const { statuses, perDay, linked, closed, extensionsOpen, executors, approval, extended, ratings } =
    await dashboardFigures(ctx.readDb, scope, units, period);
  const received = perDay.reduce((n, r) => n + r.count, 0);
  const share = (n: number) => (received > 0 ? n / received : null);

  const sum = (pick: (row: (typeof statuses)[number]) => number) => statuses.reduce((n, r) => n + pick(r), 0);
  const perDayMap = new Map(perDay.map((r) => [r.day, r.count]));
  const chartDays = Math.min(days, 31);
  const distribution = [1, 2, 3, 4, 5].map((score) => ratings.find((r) => r.rating === score)?.count ?? 0);
  const rated = distribution.reduce((a, b) => a + b, 0);
  const approvalCount = statuses
    .filter((r) => r.status === 'answer_drafted' || r.status === 'conclusion_drafted')
    .reduce((n, r) => n + r.count, 0);

  return {
    unit: { code: unit.code, name: unit.names[language] },
    today,
    from,
    load: {
      open: sum((r) => r.count),
      overdue: sum((r) => r.overdue),
      dueSoon: sum((r) => r.due_soon),
      unassigned: sum((r) => r.unassigned),
      receivedInPeriod: received,
      closedInPeriod: closed,
      byStatus: appealStatuses.flatMap((status) => {
        const count = statuses.find((r) => r.status === status)?.count ?? 0;
        return count > 0 ? [{ status, count }] : [];
      }),
      receivedPerDay: Array.from({ length: chartDays }, (_, i) => {
        const day = addDays(today, i - chartDays + 1);
        return { day, count: perDayMap.get(day) ?? 0 };
      }),
    },
    executors: executors.map((e) => ({
      login: e.login,
      name: e.fullName,
      open: e.open,
      dueSoon: e.dueSoon,
      overdue: e.overdue,
      answeredInPeriod: e.answered,
    })),
    awaitingApproval: {
      count: approvalCount,
      items: approval.flatMap((a) => {
        const status = appealStatuses.find((s) => s === a.status);
        return status ? [{ number: a.number, status, dueOn: a.due_on, executor: a.login }] : [];
      }),
    },
    extensions: {
      extendedInPeriod: extended,
      openExtended: extensionsOpen.extended,
      openExtraStudy: extensionsOpen.extraStudy,
      requested: extensionsOpen.requested,
    },
    repeats: {
      received,
      repeats: linked.repeats,
      rate: share(linked.repeats),
      duplicates: linked.duplicates,
      duplicateRate: share(linked.duplicates),
    },
    ratings: {
      count: rated,
      average: rated > 0 ? distribution.reduce((n, c, i) => n + c * (i + 1), 0) / rated : null,
      distribution,
    },
  };
}
