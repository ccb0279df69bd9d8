import { type ExpressionBuilder, sql } from 'kysely';
import type { AppealType, Channel } from '../../contracts/enums.ts';
import type { Scope } from '../appeals/appeal.policy.ts';
import { inScope } from '../appeals/appeals.repository.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { DaySpan } from './periods.ts';

// SQL only: the grouped counts behind the hierarchy view (docs/analytics.md, "The hierarchy view").

/** Which group (a child unit's subtree, or the unit itself) each owner unit's appeals fold into. */
export interface UnitGroups {
  unitIds: number[];
  groups: number[];
}

export interface HierarchyFilter {
  category?: string;
  channel?: Channel;
  type?: AppealType;
}

/** One group's raw counts in one period (`span`: its index); `grp` is null on the row that totals every group. */
export interface GroupCounts {
  span: number;
  grp: number | null;
  received: number;
  open: number;
  overdue: number;
  satisfied: number;
  explained: number;
  rejected: number;
  forwarded: number;
  not_considered: number;
  closed: number;
  on_time: number;
  repeats: number;
  rated: number;
  rating_sum: number;
  median_days: number | null;
  extensions: number;
}

export interface GroupComplaints {
  span: number;
  grp: number | null;
  complaints: number;
  upheld: number;
}

/**
 * The owner-unit → group mapping as an array indexed by unit id (null for a unit outside the groups): a
 * subscript per row instead of a join, which the planner misjudged for the 2,700-unit map (a function scan):
 * it looked appeals up unit by unit, or (told to read the periods first) copied every row of the periods
 * into a materialized step before grouping them.
 */
const groupOf = (groups: UnitGroups, column: 'appeals.owner_unit_id' | 'decided.owner_unit_id') => {
  const lookup: (number | null)[] = new Array(Math.max(0, ...groups.unitIds)).fill(null);
  groups.unitIds.forEach((id, i) => {
    lookup[id - 1] = groups.groups[i] ?? null;
  });
  return sql<number | null>`(${sql.val(lookup)}::int[])[${sql.ref(column)}]`;
};

/** The periods as a joinable relation: an appeal received in two overlapping periods counts in both. */
const spansOf = (spans: DaySpan[]) =>
  sql<{
    span: number;
    day_from: string;
    day_to: string;
  }>`(select * from unnest(${sql.val(spans.map((_, i) => i))}::int[], ${sql.val(spans.map((s) => s.from))}::date[], ${sql.val(spans.map((s) => s.to))}::date[]) as t(span, day_from, day_to))`.as(
    's',
  );

/**
 * The periods' days stated on the appeals as well as in the join, so that the planner reads them through the
 * `received_on` index (a bitmap of the ranges) rather than the whole table joined to the periods.
 */
const receivedIn = (spans: DaySpan[]) => (eb: ExpressionBuilder<Database, 'appeals'>) =>
  eb.or(
    spans.map((span) =>
      eb.and([eb('appeals.received_on', '>=', span.from), eb('appeals.received_on', '<=', span.to)]),
    ),
  );

const filtered = (filter: HierarchyFilter) => (eb: ExpressionBuilder<Database, 'appeals'>) => {
  const conditions = [];
  if (filter.category) conditions.push(eb('appeals.category_code', '=', filter.category));
  if (filter.channel) conditions.push(eb('appeals.channel', '=', filter.channel));
  if (filter.type) conditions.push(eb('appeals.type', '=', filter.type));
  return eb.and(conditions);
};

/**
 * Every count of the view for the appeals received in each of `spans`, one row per period × group and one
 * total row per period (grouping sets), in one query. The caller checked that every mapped unit lies in the scope, so only the scope's
 * hiding rules (complaints about the viewer's chain) are stated here, not its units again.
 */
export function groupCounts(
  db: Db,
  options: { scope: Scope; groups: UnitGroups; spans: DaySpan[]; today: string; filter: HierarchyFilter },
): Promise<GroupCounts[]> {
  // One range read of `received_on` for the periods, an index-only scan of `appeals_period_stats` (it carries
  // every column read here); each appeal's group is a subscript of the unit map (`groupOf`), not a join.
  const grp = groupOf(options.groups, 'appeals.owner_unit_id');
  // The grouping sets with the median sort every row of the periods (~800,000 for a national year and the
  // year before at a million appeals): at the default 4 MB of sort memory that sort went to disk.
  return db.transaction().execute(async (tx) => {
    await sql`set local work_mem = '64MB'`.execute(tx);
    return countsQuery(tx, grp, options);
  });
}

function countsQuery(
  db: Db,
  grp: ReturnType<typeof groupOf>,
  options: { scope: Scope; spans: DaySpan[]; today: string; filter: HierarchyFilter },
): Promise<GroupCounts[]> {
  const { scope, spans, today, filter } = options;
  const closedStatuses = sql`('answered', 'forwarded', 'not_considered')`;
  const openStatuses = sql`('answered', 'not_considered', 'forwarded', 'withdrawn', 'merged')`;
  return db
    .with(
      (cte) => cte('a').notMaterialized(),
      (q) =>
        q
          .selectFrom('appeals')
          .where(receivedIn(spans))
          .where(inScope({ ...scope, unitIds: null, subtreeOf: null }))
          .where('appeals.sandbox', '=', false)
          .where(filtered(filter))
          .where(grp, 'is not', null)
          .select([
            grp.as('grp'),
            'appeals.received_on',
            'appeals.received_at',
            'appeals.status',
            'appeals.outcome',
            'appeals.due_on',
            'appeals.closed_at',
            'appeals.rating',
            'appeals.head_extension_used',
            // A repeat as the appeals list's `repeat=true` filter finds it, so that the figure drills down exactly.
            sql<boolean>`appeals.link_kind = 'repeat'
              or appeals.id in (select appeal_id from appeal_links where kind = 'repeat')`.as('is_repeat'),
          ]),
    )
    .selectFrom('a')
    .innerJoin(spansOf(spans), (join) =>
      join.on(sql<boolean>`a.received_on between s.day_from and s.day_to`, '=', true),
    )
    .select([
      sql<number>`s.span`.as('span'),
      sql<number | null>`a.grp`.as('grp'),
      sql<number>`count(*)::int`.as('received'),
      sql<number>`(count(*) filter (where a.status not in ${openStatuses}))::int`.as('open'),
      sql<number>`(count(*) filter (where a.status not in ${openStatuses} and a.due_on < ${today}))::int`.as(
        'overdue',
      ),
      sql<number>`(count(*) filter (where a.status = 'answered' and a.outcome = 'satisfied'))::int`.as(
        'satisfied',
      ),
      sql<number>`(count(*) filter (where a.status = 'answered' and a.outcome = 'explained'))::int`.as(
        'explained',
      ),
      sql<number>`(count(*) filter (where a.status = 'answered' and a.outcome = 'rejected'))::int`.as(
        'rejected',
      ),
      sql<number>`(count(*) filter (where a.status = 'forwarded'))::int`.as('forwarded'),
      sql<number>`(count(*) filter (where a.status = 'not_considered'))::int`.as('not_considered'),
      sql<number>`(count(*) filter (where a.status in ${closedStatuses}))::int`.as('closed'),
      sql<number>`(count(*) filter (where a.status in ${closedStatuses}
        and (a.closed_at at time zone 'Asia/Tashkent')::date <= a.due_on))::int`.as('on_time'),
      sql<number>`(count(*) filter (where a.is_repeat))::int`.as('repeats'),
      sql<number>`(count(a.rating))::int`.as('rated'),
      sql<number>`coalesce(sum(a.rating), 0)::int`.as('rating_sum'),
      sql<
        number | null
      >`(percentile_cont(0.5) within group (order by extract(epoch from a.closed_at - a.received_at) / 86400)
        filter (where a.status = 'answered'))::float8`.as('median_days'),
      sql<number>`(count(*) filter (where a.head_extension_used))::int`.as('extensions'),
    ])
    .groupBy(sql`grouping sets ((s.span, a.grp), (s.span))`)
    .execute();
}

/**
 * Complaints received in each of `spans` against a decision on an appeal the groups own (a `complaint` link to it),
 * and how many the higher unit upheld (answered, satisfied). The filters apply to the appeal complained of.
 */
export function groupComplaints(
  db: Db,
  options: { scope: Scope; groups: UnitGroups; spans: DaySpan[]; filter: HierarchyFilter },
): Promise<GroupComplaints[]> {
  const { scope, groups, spans, filter } = options;
  // The (few) complaints of the periods first, each with the group of the appeal complained of.
  const grp = groupOf(groups, 'decided.owner_unit_id');
  return db
    .with(
      (cte) => cte('c').materialized(),
      (q) =>
        q
          .selectFrom('appeals')
          .innerJoin('appeals as decided', 'decided.id', 'appeals.parent_id')
          .where(receivedIn(spans))
          .where('appeals.link_kind', '=', 'complaint')
          .where(inScope({ ...scope, unitIds: null, subtreeOf: null }))
          .where('appeals.sandbox', '=', false)
          .where(grp, 'is not', null)
          .where((eb) => {
            const conditions = [];
            if (filter.category) conditions.push(eb('decided.category_code', '=', filter.category));
            if (filter.channel) conditions.push(eb('decided.channel', '=', filter.channel));
            if (filter.type) conditions.push(eb('decided.type', '=', filter.type));
            return eb.and(conditions);
          })
          .select([grp.as('grp'), 'appeals.received_on', 'appeals.status', 'appeals.outcome']),
    )
    .selectFrom('c')
    .innerJoin(spansOf(spans), (join) =>
      join.on(sql<boolean>`c.received_on between s.day_from and s.day_to`, '=', true),
    )
    .select([
      sql<number>`s.span`.as('span'),
      sql<number | null>`c.grp`.as('grp'),
      sql<number>`count(*)::int`.as('complaints'),
      sql<number>`(count(*) filter (where c.status = 'answered' and c.outcome = 'satisfied'))::int`.as(
        'upheld',
      ),
    ])
    .groupBy(sql`grouping sets ((s.span, c.grp), (s.span))`)
    .execute();
}
