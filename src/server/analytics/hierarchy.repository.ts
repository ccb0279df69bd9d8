import { type ExpressionBuilder, type QueryCreator, sql } from 'kysely';
import type { AppealType, Channel } from '../../contracts/enums.ts';
import type { Scope } from '../appeals/appeal.policy.ts';
import { countedAsRepeat, inScope } from '../appeals/appeals.repository.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { asOfOneReroll } from './daily-rollup.repository.ts';
import { type DaySpan, monthsAndEdges } from './periods.ts';

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
 * A unit outside the groups, in the map. Not null: PostgreSQL finds an element of an int[] that holds a null
 * by walking the array from its start (the elements are stored without the nulls), of one without nulls by
 * its offset; for a region head's map (most of the 2,700 units outside it) that walk made every row's
 * subscript ~20 times slower (200,000 subscripts: 640 ms against 32 ms).
 */
export const NO_GROUP = -1;

/**
 * The owner-unit → group mapping as an array indexed by unit id (null for a unit outside the groups): a
 * subscript per row instead of a join, which the planner misjudged for the 2,700-unit map (a function scan):
 * it looked appeals up unit by unit, or (told to read the periods first) copied every row of the periods
 * into a materialized step before grouping them. The workload view groups its rows the same way.
 */
export const groupOf = (
  groups: Pick<UnitGroups, 'unitIds' | 'groups'>,
  column: 'appeals.owner_unit_id' | 'decided.owner_unit_id' | 'r.owner_unit_id',
) =>
  sql<number | null>`nullif((${sql.val(lookupOf(groups))}::int[])[${sql.ref(column)}], ${sql.lit(NO_GROUP)})`;

/** The unit map as an array indexed by unit id − 1: a unit's group by subscript, `NO_GROUP` outside it. */
export function lookupOf(groups: Pick<UnitGroups, 'unitIds' | 'groups'>): number[] {
  const lookup: number[] = new Array(Math.max(0, ...groups.unitIds)).fill(NO_GROUP);
  groups.unitIds.forEach((id, i) => {
    lookup[id - 1] = groups.groups[i] ?? NO_GROUP;
  });
  return lookup;
}

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
 * total row per period (grouping sets). The caller checked that every mapped unit lies in the scope, so only
 * the scope's hiding rules (complaints about the viewer's chain) are stated here, not its units again.
 *
 * Unfiltered or with one filter (category, channel or type), the figures are sums of the daily roll-up
 * (`analytics_daily`, as current as its last re-roll) less the appeals hidden from the viewer (a small
 * indexed read), with "open" and "overdue" counted live from the open appeals; with two or more filters at
 * once, from the appeals themselves.
 */
export async function groupCounts(
  db: Db,
  options: { scope: Scope; groups: UnitGroups; spans: DaySpan[]; today: string; filter: HierarchyFilter },
): Promise<GroupCounts[]> {
  const cut = rollupCut(options.filter);
  if (cut) return rolledUpCounts(db, { ...options, cut });
  return liveCounts(db, options);
}

/** The roll-up rows that hold a filter's appeals, or null when the roll-up cannot (two filters or more). */
export function rollupCut(filter: HierarchyFilter): { dim: string; value: string } | null {
  const asked = (
    [
      ['category', filter.category],
      ['channel', filter.channel],
      ['type', filter.type],
    ] as const
  ).filter(([, value]) => Boolean(value));
  if (asked.length > 1) return null;
  const [dim, value] = asked[0] ?? ['', ''];
  return { dim, value: value ?? '' };
}

/** The live count of the appeals of the periods the viewer sees (two filters at once). */
export function liveCounts(
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

/**
 * Appeals a viewer does not see anywhere: complaints about them or about a unit of their chain. Stated on
 * `appeals` by name, so that it reads the appeals or their snapshot (`analytics_subject_appeals as appeals`).
 */
const hiddenFrom = (scope: Scope) =>
  sql<boolean>`(appeals.subject_officer_id = ${scope.userId}
    or appeals.subject_unit_id = any(${sql.val(scope.ownChain)}::int[]))`;

/**
 * The appeals hidden from the viewer as the roll-ups counted them: from the snapshot the same re-roll wrote
 * (docs/analytics.md, "What a viewer cannot see"). Read live, an answer to a complaint about the viewer would
 * move his figures until the next re-roll.
 */
export const hiddenAppeals = (db: QueryCreator<Database>, scope: Scope) =>
  db.selectFrom('analytics_subject_appeals as appeals').where(hiddenFrom(scope));

/** The whole days from receipt to answer (the median's unit). */
const wholeDays = sql`floor(extract(epoch from a.closed_at - a.received_at) / 86400)`;

const keyOf = (span: number, grp: number | null) => `${span}:${grp ?? 'all'}`;

type Summed = Omit<GroupCounts, 'open' | 'overdue' | 'median_days'>;
const summedFields = [
  'received',
  'satisfied',
  'explained',
  'rejected',
  'forwarded',
  'not_considered',
  'closed',
  'on_time',
  'repeats',
  'rated',
  'rating_sum',
  'extensions',
] as const;

/**
 * The roll-up rows of each span, tagged with its index: the months wholly inside it from the monthly table,
 * the days at its edges from the daily one (an appeal of two overlapping spans counts in both).
 */
function rollupRows(spans: DaySpan[], cut: { dim: string; value: string }) {
  const columns = sql.join(summedFields.map((f) => sql.ref(f)));
  const parts = spans.flatMap((span, i) => {
    const { months, edges } = monthsAndEdges(span);
    const head = sql`select ${sql.lit(i)}::int as span, owner_unit_id, ${columns}`;
    const where = sql`dim = ${cut.dim} and value = ${cut.value}`;
    return [
      ...(months.length > 0
        ? [sql`${head} from analytics_monthly where ${where} and month = any(${sql.val(months)}::date[])`]
        : []),
      ...edges.map(
        (edge) =>
          sql`${head} from analytics_daily where ${where} and day between ${edge.from} and ${edge.to}`,
      ),
    ];
  });
  return sql<{ span: number; owner_unit_id: number } & Summed>`(${sql.join(parts, sql` union all `)})`;
}

/** The histograms of whole days to the answer of each span, per owner unit (summed by group in memory). */
function answerDayRows(db: Db, spans: DaySpan[], cut: { dim: string; value: string }) {
  const parts = spans.flatMap((span, i) => {
    const { months, edges } = monthsAndEdges(span);
    const where = sql`dim = ${cut.dim} and value = ${cut.value}`;
    return [
      ...(months.length > 0
        ? [
            sql`select ${sql.lit(i)}::int as span, owner_unit_id, days, answered from analytics_monthly_answer_days
                 where ${where} and month = any(${sql.val(months)}::date[])`,
          ]
        : []),
      ...edges.map(
        (edge) => sql`select ${sql.lit(i)}::int as span, owner_unit_id, array_agg(days) as days,
                             array_agg(answered) as answered
                        from analytics_daily_answer_days
                       where ${where} and day between ${edge.from} and ${edge.to}
                       group by owner_unit_id`,
      ),
    ];
  });
  return sql<{ span: number; owner_unit_id: number; days: number[]; answered: number[] }>`${sql.join(
    parts,
    sql` union all `,
  )}`.execute(db);
}

async function rolledUpCounts(
  db: Db,
  options: {
    scope: Scope;
    groups: UnitGroups;
    spans: DaySpan[];
    today: string;
    filter: HierarchyFilter;
    cut: { dim: string; value: string };
  },
): Promise<GroupCounts[]> {
  const { scope, groups, spans, today, filter, cut } = options;
  const grp = groupOf(groups, 'r.owner_unit_id');
  // By output position: the group's expression carries its map as a parameter, which the grouping would not
  // recognise as the selected one.
  const grouping = sql`grouping sets ((1, 2), (1))`;
  // The sums and the hidden part of one moment (one transaction); "open now" is live on its own connection.
  const [{ summed, answerDays, hidden, hiddenDays }, open] = await Promise.all([
    asOfOneReroll(db, async (tx) => ({
      summed: (await tx
        .selectFrom(rollupRows(spans, cut).as('r'))
        .where(grp, 'is not', null)
        .select([sql<number>`r.span`.as('span'), grp.as('grp')])
        .select(summedFields.map((f) => sql<number>`sum(${sql.ref(`r.${f}`)})::int`.as(f)))
        .groupBy(grouping)
        .execute()) as (Summed & { span: number; grp: number | null })[],
      answerDays: await answerDayRows(tx, spans, cut),
      hidden: await countsQuery(tx, groupOf(groups, 'appeals.owner_unit_id'), {
        scope,
        spans,
        today,
        filter,
        hidden: true,
      }),
      hiddenDays: await hiddenAnswerDays(tx, { scope, groups, spans, filter }),
    })),
    openNow(db, { scope, groups, spans, today, filter }),
  ]);
  const histograms = new Map<string, Map<number, number>>();
  const addDays = (span: number, g: number | null, days: number, n: number) => {
    const key = keyOf(span, g);
    const histogram = histograms.get(key) ?? new Map<number, number>();
    histogram.set(days, (histogram.get(days) ?? 0) + n);
    histograms.set(key, histogram);
  };
  const lookup = lookupOf(groups);
  for (const r of answerDays.rows) {
    const g = lookup[r.owner_unit_id - 1] ?? NO_GROUP;
    if (g === NO_GROUP) continue;
    r.days.forEach((days, i) => {
      const n = r.answered[i] ?? 0;
      addDays(r.span, g, days, n);
      addDays(r.span, null, days, n);
    });
  }
  for (const r of hiddenDays) addDays(r.span, r.grp, r.days, -r.answered);
  const hiddenOf = new Map(hidden.map((r) => [keyOf(r.span, r.grp), r]));
  const openOf = new Map(open.map((r) => [keyOf(r.span, r.grp), r]));

  const rows: GroupCounts[] = [];
  for (const r of summed) {
    const key = keyOf(r.span, r.grp);
    const h = hiddenOf.get(key);
    const row = { span: r.span, grp: r.grp } as GroupCounts;
    for (const f of summedFields) row[f] = r[f] - (h?.[f] ?? 0);
    if (row.received === 0) continue;
    row.open = openOf.get(key)?.open ?? 0;
    row.overdue = openOf.get(key)?.overdue ?? 0;
    row.median_days = medianOf(histograms.get(key));
    rows.push(row);
  }
  return rows;
}

/**
 * The median of a histogram of whole days, as `percentile_cont(0.5)` gives it for the values one by one (the
 * mean of the two middle values when their number is even); null when it is empty.
 */
export function medianOf(histogram: Map<number, number> | undefined): number | null {
  if (!histogram) return null;
  const bars = [...histogram].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = bars.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const valueAt = (index: number) => {
    let seen = 0;
    for (const [days, n] of bars) {
      seen += n;
      if (index < seen) return days;
    }
    throw new Error('index beyond the histogram');
  };
  const low = valueAt(Math.floor((total - 1) / 2));
  const high = valueAt(Math.ceil((total - 1) / 2));
  return (low + high) / 2;
}

/** The hidden appeals of the periods answered, by whole days to the answer (subtracted from the roll-up's). */
function hiddenAnswerDays(
  db: Db,
  options: { scope: Scope; groups: UnitGroups; spans: DaySpan[]; filter: HierarchyFilter },
) {
  const { scope, groups, spans, filter } = options;
  const grp = groupOf(groups, 'appeals.owner_unit_id');
  return db
    .with(
      (cte) => cte('a').notMaterialized(),
      (q) =>
        hiddenAppeals(q, scope)
          .where(receivedIn(spans))
          .where(filtered(filter))
          .where('appeals.status', '=', 'answered')
          .where('appeals.closed_at', 'is not', null)
          .where(grp, 'is not', null)
          .select([grp.as('grp'), 'appeals.received_on', 'appeals.received_at', 'appeals.closed_at']),
    )
    .selectFrom('a')
    .innerJoin(spansOf(spans), (join) =>
      join.on(sql<boolean>`a.received_on between s.day_from and s.day_to`, '=', true),
    )
    .select([
      sql<number>`s.span`.as('span'),
      sql<number | null>`a.grp`.as('grp'),
      sql<number>`${wholeDays}::int`.as('days'),
      sql<number>`count(*)::int`.as('answered'),
    ])
    .groupBy(sql`grouping sets ((s.span, a.grp, ${wholeDays}), (s.span, ${wholeDays}))`)
    .execute();
}

/**
 * The real appeals of the periods that the viewer sees, in the mapped groups. The caller checked that every
 * mapped unit lies in the scope, so only the scope's hiding rules apply here, not its units again.
 */
function seenIn(
  db: Db,
  grp: ReturnType<typeof groupOf>,
  options: { scope: Scope; spans: DaySpan[]; filter: HierarchyFilter },
) {
  return db
    .selectFrom('appeals')
    .where(receivedIn(options.spans))
    .where(inScope({ ...options.scope, unitIds: null, subtreeOf: null }))
    .where('appeals.sandbox', '=', false)
    .where(filtered(options.filter))
    .where(grp, 'is not', null);
}

/** The appeals of the periods open now, and how many of them are overdue, counted live (the open-appeals index). */
function openNow(
  db: Db,
  options: { scope: Scope; groups: UnitGroups; spans: DaySpan[]; today: string; filter: HierarchyFilter },
) {
  const { scope, groups, spans, today, filter } = options;
  const grp = groupOf(groups, 'appeals.owner_unit_id');
  return seenIn(db, grp, { scope, spans, filter })
    .innerJoin(spansOf(spans), (join) =>
      join.on(sql<boolean>`appeals.received_on between s.day_from and s.day_to`, '=', true),
    )
    .where('appeals.status', 'not in', ['answered', 'not_considered', 'forwarded', 'withdrawn', 'merged'])
    .select([
      sql<number>`s.span`.as('span'),
      grp.as('grp'),
      sql<number>`count(*)::int`.as('open'),
      sql<number>`(count(*) filter (where appeals.due_on < ${today}))::int`.as('overdue'),
    ])
    .groupBy(sql`grouping sets ((1, 2), (1))`)
    .execute();
}

function countsQuery(
  db: Db,
  grp: ReturnType<typeof groupOf>,
  options: { scope: Scope; spans: DaySpan[]; today: string; filter: HierarchyFilter; hidden?: boolean },
): Promise<GroupCounts[]> {
  const { scope, spans, today, filter } = options;
  const closedStatuses = sql`('answered', 'forwarded', 'not_considered')`;
  const openStatuses = sql`('answered', 'not_considered', 'forwarded', 'withdrawn', 'merged')`;
  const counted = [
    grp.as('grp'),
    'appeals.received_on',
    'appeals.received_at',
    'appeals.status',
    'appeals.outcome',
    'appeals.due_on',
    'appeals.closed_at',
    'appeals.rating',
    'appeals.head_extension_used',
  ] as const;
  const rows = options.hidden
    ? hiddenAppeals(db, scope)
        .where(receivedIn(spans))
        .where(filtered(filter))
        .where(grp, 'is not', null)
        .select([...counted, 'appeals.is_repeat'])
    : seenIn(db, grp, { scope, spans, filter }).select([
        ...counted,
        // A repeat as the appeals list's `repeat=true` filter finds it, so that the figure drills down exactly.
        countedAsRepeat.as('is_repeat'),
      ]);
  return db
    .with(
      (cte) => cte('a').notMaterialized(),
      () => rows,
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
      // Whole days (as the roll-up's histogram keeps them): the median is exact to the day.
      sql<number | null>`(percentile_cont(0.5) within group (order by ${wholeDays})
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
