import type { UiLanguage } from '../../contracts/enums.ts';
import type {
  Workload,
  WorkloadExecutor,
  WorkloadFigures,
  WorkloadQuery,
} from '../../contracts/workload.schema.ts';
import { type StaffUser, scopeOf } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import { addDays, localDateOf, startOfDay } from '../deadlines/calendar.ts';
import { AppError } from '../errors.ts';
import type { Unit } from '../routing/unit-directory.ts';
import { canReadWorkload, canSeeExecutorNames } from './analytics.policy.ts';
import { comparedSpans } from './periods.ts';
import {
  executorCounts,
  executorsOf,
  type StaffRow,
  staffByIds,
  type WorkloadGroups,
  type WorkloadRow,
  workloadRows,
} from './workload.repository.ts';

/** The group of appeals the unit itself owns (not one of its children's subtrees). */
const OWN = 0;

/**
 * Who carries a unit's work and how well (docs/analytics.md, "Workload and quality"): each executor of the
 * unit, each child unit with its subtree, and the unit in all, for the period — in one grouped statement.
 */
export async function workloadView(options: {
  ctx: AppContext;
  user: StaffUser;
  query: WorkloadQuery;
  language: UiLanguage;
}): Promise<Workload> {
  const { ctx, user, query, language } = options;
  if (!canReadWorkload(user)) throw new AppError('FORBIDDEN');
  const units = ctx.reference().units;
  const unit = query.unit ? units.byCode(query.unit) : units.byId(user.unitId);
  if (!unit) throw new AppError('UNIT_NOT_FOUND');
  const scope = scopeOf(user, units);
  if (scope.unitIds !== null && !scope.unitIds.includes(unit.id)) throw new AppError('FORBIDDEN');

  // Without a subtree scope the caller sees their own unit's appeals only: no children to show.
  const children = user.scopeSubtree ? units.children(unit.id) : [];
  const groups: WorkloadGroups = {
    unitIds: [unit.id],
    groups: [OWN],
    everyUnit: user.scopeSubtree && unit.id === units.ministry.id,
  };
  children.forEach((child, index) => {
    for (const id of units.subtreeIds(child.id)) {
      groups.unitIds.push(id);
      groups.groups.push(index + 1);
    }
  });

  const today = localDateOf(ctx.clock.now());
  const custom = query.from && query.to ? { from: query.from, to: query.to } : undefined;
  const period = comparedSpans(query.period, today, custom).current;
  const span = { since: startOfDay(period.from), until: startOfDay(addDays(period.to, 1)) };
  const [rows, unitStaff, staffCounts] = await Promise.all([
    workloadRows(ctx.readDb, { scope, groups, unitId: unit.id, span, days: period, today }),
    executorsOf(ctx.readDb, [unit.id]),
    executorCounts(ctx.readDb, groups.unitIds),
  ]);

  // An executor's row: the unit's own executor accounts, and anyone who worked the unit's own appeals.
  const home = new Set(unitStaff.map((s) => s.id));
  const worked = rows.filter(
    (r): r is WorkloadRow & { executor_id: number } =>
      !r.whole && r.grp === null && r.executor_id !== null && (r.owned_here || home.has(r.executor_id)),
  );
  const others = await staffByIds(
    ctx.db,
    worked.map((r) => r.executor_id).filter((id) => !home.has(id)),
  );
  const staff = new Map<number, StaffRow>([...unitStaff, ...others].map((s) => [s.id, s]));
  const figuresById = new Map(worked.map((r) => [r.executor_id, figuresOf(r)]));
  const ids = [...new Set([...unitStaff.map((s) => s.id), ...worked.map((r) => r.executor_id)])];
  const named = canSeeExecutorNames(user);
  const executors: WorkloadExecutor[] = ids
    .map((id) => ({
      id,
      name: staff.get(id)?.full_name ?? '',
      figures: figuresById.get(id) ?? figuresOf(undefined),
    }))
    .sort((a, b) => byLoad(query.sort, a.figures, b.figures) || a.name.localeCompare(b.name) || a.id - b.id)
    .map(({ id, figures }) => {
      const account = staff.get(id);
      return {
        login: named ? (account?.login ?? null) : null,
        // An account created without a full name is known by its login.
        name: named && account ? account.full_name || account.login : null,
        unitExecutor: account?.unit_id === unit.id,
        figures,
      };
    });

  const executorsIn = (unitIds: readonly number[]) => {
    const wanted = new Set(unitIds);
    return staffCounts.reduce((n, c) => (wanted.has(c.unit_id) ? n + c.executors : n), 0);
  };
  const ref = (u: Unit) => ({ code: u.code, name: u.names[language], level: u.level });
  const withLoad = (figures: WorkloadFigures, count: number) => ({
    executors: count,
    openPerExecutor: count > 0 ? Math.round((figures.open / count) * 10) / 10 : null,
    figures,
  });
  const childRows = children
    .map((child, index) => ({
      ...ref(child),
      hasChildren: units.children(child.id).length > 0,
      ...withLoad(figuresOf(rows.find((r) => r.grp === index + 1)), executorsIn(units.subtreeIds(child.id))),
    }))
    .sort((a, b) => byLoad(query.sort, a.figures, b.figures) || a.code.localeCompare(b.code));

  const top = scope.unitIds === null ? units.ministry.id : user.unitId;
  const above = units.ancestorIds(unit.id).slice(1);
  const path = above.slice(0, above.indexOf(top) + 1).reverse();
  return {
    unit: ref(unit),
    path: path.flatMap((id) => {
      const u = units.byId(id);
      return u ? [ref(u)] : [];
    }),
    period,
    today,
    named,
    total: { ...ref(unit), ...withLoad(figuresOf(rows.find((r) => r.whole)), executorsIn(groups.unitIds)) },
    executors,
    children: childRows,
  };
}

/** Most open (or most overdue) first, the other figure breaking ties. */
function byLoad(sort: WorkloadQuery['sort'], a: WorkloadFigures, b: WorkloadFigures): number {
  return sort === 'overdue'
    ? b.overdue - a.overdue || b.open - a.open
    : b.open - a.open || b.overdue - a.overdue;
}

/** One row's figures (a group or executor with nothing to count has no row: all zero). */
function figuresOf(r: WorkloadRow | undefined): WorkloadFigures {
  const answered = r?.answered ?? 0;
  const onTime = r?.on_time ?? 0;
  return {
    open: r?.open ?? 0,
    overdue: r?.overdue ?? 0,
    answered,
    onTime,
    onTimeShare: answered > 0 ? onTime / answered : null,
    medianDaysToAnswer: r?.median_days == null ? null : Math.round(r.median_days * 10) / 10,
    returned: r?.returned ?? 0,
    complaints: r?.complaints ?? 0,
    complaintsUpheld: r?.upheld ?? 0,
  };
}
