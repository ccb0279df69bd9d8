import type { z } from 'zod';
import type {
  Hierarchy,
  HierarchyFigures,
  HierarchyQuery,
  hierarchyUnitRefSchema,
} from '../../contracts/analytics.schema.ts';
import type { UiLanguage } from '../../contracts/enums.ts';
import { type StaffUser, scopeOf } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import { localDateOf } from '../deadlines/calendar.ts';
import { AppError, FieldValidationError } from '../errors.ts';
import type { Unit } from '../routing/unit-directory.ts';
import { canReadHierarchy } from './analytics.policy.ts';
import {
  type GroupComplaints,
  type GroupCounts,
  groupComplaints,
  groupCounts,
  type UnitGroups,
} from './hierarchy.repository.ts';
import { comparedSpans, type DaySpan } from './periods.ts';

/** The group of appeals the unit itself owns (not one of its children's subtrees). */
const OWN = 0;

/**
 * A leader's view of a unit in scope (their own by default): its figures and one row per child unit, each for
 * the period, the period before and the same period a year earlier, in two grouped queries:
 * every owner unit of the subtree is mapped in memory to the child whose subtree holds it.
 */
export async function hierarchyView(options: {
  ctx: AppContext;
  user: StaffUser;
  query: HierarchyQuery;
  language: UiLanguage;
}): Promise<Hierarchy> {
  const { ctx, user, query, language } = options;
  if (!canReadHierarchy(user)) throw new AppError('FORBIDDEN');
  const units = ctx.reference().units;
  const unit = query.unit ? units.byCode(query.unit) : units.byId(user.unitId);
  if (!unit) throw new AppError('UNIT_NOT_FOUND');
  const scope = scopeOf(user, units);
  if (scope.unitIds !== null && !scope.unitIds.includes(unit.id)) throw new AppError('FORBIDDEN');

  // Without a subtree scope the caller sees their own unit's appeals only: no children to show.
  const children = user.scopeSubtree ? units.children(unit.id) : [];
  const groups: UnitGroups = { unitIds: [unit.id], groups: [OWN] };
  children.forEach((child, index) => {
    for (const id of units.subtreeIds(child.id)) {
      groups.unitIds.push(id);
      groups.groups.push(index + 1);
    }
  });

  knownCategory(ctx, query.category);
  const today = localDateOf(ctx.clock.now());
  const custom = query.from && query.to ? { from: query.from, to: query.to } : undefined;
  const spans = comparedSpans(query.period, today, custom);
  const filter = { category: query.category, channel: query.channel, type: query.type };
  // The three periods in one query each for the counts and the complaints: one pass, not three.
  // A year's previous period is the year before: a span asked twice would be counted twice.
  const asked = [spans.current, spans.previous, spans.lastYear].filter(
    (span, i, all) => all.findIndex((other) => other.from === span.from && other.to === span.to) === i,
  );
  const indexOf = (span: DaySpan) => asked.findIndex((s) => s.from === span.from && s.to === span.to);
  const [counts, complaints] = await Promise.all([
    groupCounts(ctx.db, { scope, groups, spans: asked, today, filter }),
    groupComplaints(ctx.db, { scope, groups, spans: asked, filter }),
  ]);
  const compared = (grp: number | null) => ({
    current: figuresOf(counts, complaints, indexOf(spans.current), grp),
    previous: figuresOf(counts, complaints, indexOf(spans.previous), grp),
    lastYear: figuresOf(counts, complaints, indexOf(spans.lastYear), grp),
  });

  const ref = (u: Unit): z.infer<typeof hierarchyUnitRefSchema> => ({
    code: u.code,
    name: u.names[language],
    level: u.level,
  });
  const top = scope.unitIds === null ? units.ministry.id : user.unitId;
  const above = units.ancestorIds(unit.id).slice(1);
  const path = above.slice(0, above.indexOf(top) + 1).reverse();
  return {
    unit: ref(unit),
    path: path.flatMap((id) => {
      const u = units.byId(id);
      return u ? [ref(u)] : [];
    }),
    periods: spans,
    total: compared(null),
    own: compared(OWN),
    children: children.map((child, index) => ({
      ...ref(child),
      hasChildren: units.children(child.id).length > 0,
      figures: compared(index + 1),
    })),
  };
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** One group's figures from the two queries' rows (a group with no appeals has no row: all zero). */
function figuresOf(
  counts: GroupCounts[],
  complaints: GroupComplaints[],
  span: number,
  grp: number | null,
): HierarchyFigures {
  const c = counts.find((r) => r.span === span && r.grp === grp);
  const k = complaints.find((r) => r.span === span && r.grp === grp);
  const n = (value: number | undefined) => value ?? 0;
  const resolved = n(c?.satisfied) + n(c?.explained) + n(c?.rejected);
  const redirected = n(c?.forwarded) + n(c?.not_considered);
  const received = n(c?.received);
  return {
    received,
    open: n(c?.open),
    overdue: n(c?.overdue),
    resolved,
    redirected,
    resolvedShare: share(resolved, resolved + redirected),
    outcomes: {
      satisfied: n(c?.satisfied),
      explained: n(c?.explained),
      rejected: n(c?.rejected),
      forwarded: n(c?.forwarded),
      notConsidered: n(c?.not_considered),
    },
    closed: n(c?.closed),
    onTime: n(c?.on_time),
    onTimeShare: share(n(c?.on_time), n(c?.closed)),
    repeats: n(c?.repeats),
    repeatShare: share(n(c?.repeats), received),
    rated: n(c?.rated),
    averageRating: share(n(c?.rating_sum), n(c?.rated)),
    medianDaysToAnswer: c?.median_days == null ? null : Math.round(c.median_days * 10) / 10,
    extensions: n(c?.extensions),
    complaints: n(k?.complaints),
    complaintsUpheld: n(k?.upheld),
  };
}

/**
 * A category filter must name a category of the reference (active or retired: old appeals keep theirs); an
 * unknown one was answered with a view of zeros, which reads as "none received".
 */
export function knownCategory(ctx: AppContext, category: string | undefined): void {
  if (category && !ctx.reference().categories.has(category))
    throw new FieldValidationError([{ path: 'category', key: 'unknownCategory' }]);
}
