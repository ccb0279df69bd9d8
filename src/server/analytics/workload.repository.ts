import { sql } from 'kysely';
import { finalStatuses } from '../../contracts/enums.ts';
import type { Scope } from '../appeals/appeal.policy.ts';
import { inScope } from '../appeals/appeals.repository.ts';
import type { Db } from '../db/database.ts';
import { asOfOneReroll } from './daily-rollup.repository.ts';
import { groupOf, hiddenAppeals, lookupOf, medianOf, NO_GROUP } from './hierarchy.repository.ts';
import { monthsAndEdges } from './periods.ts';

// SQL only: the grouped counts behind the workload view (docs/analytics.md, "Workload and quality").

/** Which group (0: the unit's own appeals; n: the n-th child's subtree) each owner unit's appeals fold into. */
export interface WorkloadGroups {
  unitIds: number[];
  groups: number[];
  /** The map holds every unit (the ministry with its subtree): no owner condition at all. */
  everyUnit: boolean;
}

/** The instants the period's Tashkent days run between: [since, until). */
export interface InstantSpan {
  since: Date;
  until: Date;
}

/**
 * One grouped row: a group's (`grp` set, `executor_id` null), an executor's across every group (`grp` null),
 * or the total (both null, `whole`). `owned_here` tells whether an executor worked any of the unit's own
 * appeals (group 0).
 */
export interface WorkloadRow {
  whole: boolean;
  grp: number | null;
  executor_id: number | null;
  owned_here: boolean;
  open: number;
  overdue: number;
  answered: number;
  on_time: number;
  median_days: number | null;
  returned: number;
  complaints: number;
  upheld: number;
}

/** A grouped row as the statement gives it: one per group or listed executor and whole days to the answer. */
interface BarRow {
  grp: number | null;
  executor_id: number | null;
  /** Whole days from receipt to the answer (null for what is not an answer: open, returned, complaints). */
  days: number | null;
  owned_here: boolean;
  open: number;
  overdue: number;
  answered: number;
  on_time: number;
  returned: number;
  complaints: number;
  upheld: number;
}

/**
 * Every figure of the view: the appeals open now, the head's returns of draft answers in the period and the
 * complaints received in the period about an answer, each read through its own index, counted per group and
 * per listed executor in one statement; the answers approved in the period per group from the answers'
 * roll-up (`analytics_answered_*`, as current as its last re-roll: ~324,000 answers for a national year at a
 * million appeals were read one by one), less the answers hidden from the viewer; and per executor, only for
 * the executors the view lists (the unit's own executor accounts and whoever is the executor of one of its
 * own appeals; the ministry would otherwise count every executor in the country), their answers read live.
 * The medians come from histograms of whole days, as the hierarchy view takes them. The caller checked that
 * every mapped unit lies in the scope, so only the scope's hiding rules (complaints about the viewer's chain)
 * are stated here.
 */
export async function workloadRows(db: Db, options: WorkloadOptions): Promise<WorkloadRow[]> {
  const [bars, [rolledUp, hidden]] = await Promise.all([
    db.transaction().execute(async (tx) => {
      await sql`set local work_mem = '64MB'`.execute(tx);
      return workloadQuery(tx, options).execute();
    }),
    // The answers' roll-up and the answers hidden from the viewer as of one moment (one transaction).
    asOfOneReroll(
      db,
      async (tx) => [await answeredRollup(tx, options), await hiddenAnswers(tx, options)] as const,
    ),
  ]);
  const folded = new Map<string, { row: WorkloadRow; histogram: Map<number, number> }>();
  const entry = (whole: boolean, grp: number | null, executor_id: number | null) => {
    const key = whole ? 'whole' : grp !== null ? `g${grp}` : `e${executor_id}`;
    let found = folded.get(key);
    if (!found) {
      found = {
        row: { whole, grp, executor_id, ...NOTHING, median_days: null },
        histogram: new Map(),
      };
      folded.set(key, found);
    }
    return found;
  };
  const add = (target: ReturnType<typeof entry>, bar: Omit<BarRow, 'grp' | 'executor_id'>) => {
    const { row, histogram } = target;
    row.owned_here ||= bar.owned_here;
    row.open += bar.open;
    row.overdue += bar.overdue;
    row.answered += bar.answered;
    row.on_time += bar.on_time;
    row.returned += bar.returned;
    row.complaints += bar.complaints;
    row.upheld += bar.upheld;
    if (bar.days !== null && bar.answered !== 0) {
      histogram.set(bar.days, (histogram.get(bar.days) ?? 0) + bar.answered);
    }
  };
  const toGroup = (grp: number, bar: Omit<BarRow, 'grp' | 'executor_id'>) => {
    add(entry(false, grp, null), bar);
    add(entry(true, null, null), bar);
  };
  for (const bar of bars) {
    if (bar.grp !== null) toGroup(bar.grp, bar);
    else if (bar.executor_id !== null) add(entry(false, null, bar.executor_id), bar);
  }
  const lookup = lookupOf(options.groups);
  const answers = (days: number, answered: number, on_time: number) => ({
    ...NOTHING,
    days,
    answered,
    on_time,
  });
  for (const r of rolledUp) {
    const grp = lookup[r.owner_unit_id - 1] ?? NO_GROUP;
    if (grp === NO_GROUP) continue;
    // The day's on-time answers counted once, beside its first bar.
    r.days.forEach((days, i) => {
      toGroup(grp, answers(days, r.counts[i] ?? 0, i === 0 ? r.on_time : 0));
    });
  }
  for (const h of hidden) toGroup(h.grp, answers(h.days, -h.answered, -h.on_time));
  return [...folded.values()]
    .filter(({ row }) => row.executor_id !== null || FIGURES.some((f) => row[f] !== 0))
    .map(({ row, histogram }) => ({ ...row, median_days: medianOf(histogram) }));
}

const FIGURES = ['open', 'overdue', 'answered', 'on_time', 'returned', 'complaints', 'upheld'] as const;
const NOTHING = {
  owned_here: false,
  open: 0,
  overdue: 0,
  answered: 0,
  on_time: 0,
  returned: 0,
  complaints: 0,
  upheld: 0,
};

export interface WorkloadOptions {
  scope: Scope;
  groups: WorkloadGroups;
  /** The unit the view is of: its own executor accounts have a row even with nothing counted. */
  unitId: number;
  span: InstantSpan;
  /** The same period as Tashkent days, both included (complaints are found by their day of receipt). */
  days: { from: string; to: string };
  today: string;
}

/** The answers' roll-up rows of the period's owner units: whole months, then the edge days. */
async function answeredRollup(db: Db, options: WorkloadOptions) {
  const { groups, days } = options;
  const { months, edges } = monthsAndEdges(days);
  const owners = groups.everyUnit ? sql`true` : sql`owner_unit_id = any(${sql.val(groups.unitIds)}::int[])`;
  const columns = sql`owner_unit_id, on_time, days, counts`;
  const parts = [
    ...(months.length > 0
      ? [
          sql`select ${columns} from analytics_answered_monthly where month = any(${sql.val(months)}::date[]) and ${owners}`,
        ]
      : []),
    ...edges.map(
      (edge) =>
        sql`select ${columns} from analytics_answered_daily where day between ${edge.from} and ${edge.to} and ${owners}`,
    ),
  ];
  if (parts.length === 0) return [];
  const { rows } = await sql<{
    owner_unit_id: number;
    on_time: number;
    days: number[];
    counts: number[];
  }>`${sql.join(parts, sql` union all `)}`.execute(db);
  return rows;
}

/** Whole days from receipt to the answer (24-hour periods, rounded down), as the roll-up counts them. */
const wholeDays = sql<number>`floor(extract(epoch from appeals.closed_at - appeals.received_at) / 86400)::int`;

/** The period's answers hidden from the viewer, as the roll-up counted them (their snapshot): per group and whole days. */
function hiddenAnswers(db: Db, options: WorkloadOptions) {
  const { scope, groups, span } = options;
  const grp = groupOf(groups, 'appeals.owner_unit_id');
  return hiddenAppeals(db, scope)
    .where('appeals.status', '=', 'answered')
    .where('appeals.closed_at', '>=', span.since)
    .where('appeals.closed_at', '<', span.until)
    .where(grp, 'is not', null)
    .select([
      sql<number>`${grp}`.as('grp'),
      wholeDays.as('days'),
      sql<number>`count(*)::int`.as('answered'),
      sql<number>`(count(*) filter (where (appeals.closed_at at time zone 'Asia/Tashkent')::date <= appeals.due_on))::int`.as(
        'on_time',
      ),
    ])
    .groupBy([sql`1`, sql`2`])
    .execute();
}

/**
 * The statement behind `workloadRows`' live part, unexecuted (the scale test prints its plan): open appeals,
 * returns and complaints per group and per listed executor, and the listed executors' answers.
 */
export function workloadQuery(db: Db, options: WorkloadOptions) {
  const { scope, groups, span, days, today, unitId } = options;
  const hiding = inScope({ ...scope, unitIds: null, subtreeOf: null });
  const unitIds = sql.val(groups.unitIds);
  // The ministry's subtree is every unit: no condition rather than 2,700 ids the planner cannot estimate.
  const owned = (column: 'appeals.owner_unit_id' | 'decided.owner_unit_id') =>
    groups.everyUnit ? sql<boolean>`true` : sql<boolean>`${sql.ref(column)} = any(${unitIds}::int[])`;
  const final = [...finalStatuses];
  // Each appeal's group is a subscript of the unit map, not a join: a join of the ~360,000 rows of a national
  // year to the 2,700-unit map was sorted for a merge join (on disk), then sorted again by group.
  const grpOf = (column: 'appeals.owner_unit_id' | 'decided.owner_unit_id') =>
    groupOf(groups, column).as('grp');
  // Each part on its own, so that the planner reads it through its index (open appeals by the partial index
  // of open appeals; returned drafts by review time; complaints by the partial index of complaints; a listed
  // executor's answers by executor and closing time) rather than joining the whole table to the unit map.
  const open = db
    .selectFrom('appeals')
    .where('appeals.status', 'not in', final)
    .where('appeals.sandbox', '=', false)
    .where(hiding)
    .where(owned('appeals.owner_unit_id'), '=', true)
    .select([
      grpOf('appeals.owner_unit_id'),
      'appeals.executor_id',
      sql<string>`'open'`.as('kind'),
      sql<boolean>`appeals.due_on < ${today}`.as('is_overdue'),
      sql<boolean>`false`.as('is_on_time'),
      sql<number | null>`null::int`.as('days'),
      sql<boolean>`false`.as('is_upheld'),
    ]);
  const returns = db
    .selectFrom('answers')
    .innerJoin('appeals', 'appeals.id', 'answers.appeal_id')
    .where('answers.kind', '=', 'answer')
    .where('answers.status', '=', 'returned')
    .where('answers.reviewer_id', 'is not', null)
    .where('answers.reviewed_at', '>=', span.since)
    .where('answers.reviewed_at', '<', span.until)
    .where('appeals.sandbox', '=', false)
    .where(hiding)
    .where(owned('appeals.owner_unit_id'), '=', true)
    .select([
      grpOf('appeals.owner_unit_id'),
      // The draft's author: whose answer the head sent back.
      sql<number | null>`answers.author_id`.as('executor_id'),
      sql<string>`'returned'`.as('kind'),
      sql<boolean>`false`.as('is_overdue'),
      sql<boolean>`false`.as('is_on_time'),
      sql<number | null>`null::int`.as('days'),
      sql<boolean>`false`.as('is_upheld'),
    ]);
  const complaints = db
    .selectFrom('appeals')
    .innerJoin('appeals as decided', 'decided.id', 'appeals.parent_id')
    .where('appeals.link_kind', '=', 'complaint')
    .where('appeals.received_on', '>=', days.from)
    .where('appeals.received_on', '<=', days.to)
    .where('appeals.sandbox', '=', false)
    .where(hiding)
    .where(owned('decided.owner_unit_id'), '=', true)
    .select([
      grpOf('decided.owner_unit_id'),
      'decided.executor_id',
      sql<string>`'complaint'`.as('kind'),
      sql<boolean>`false`.as('is_overdue'),
      sql<boolean>`false`.as('is_on_time'),
      sql<number | null>`null::int`.as('days'),
      sql<boolean>`appeals.status = 'answered' and appeals.outcome = 'satisfied'`.as('is_upheld'),
    ]);
  const figures = [
    sql<boolean>`coalesce(bool_or(f.grp = 0), false)`.as('owned_here'),
    sql<number>`(count(*) filter (where f.kind = 'open'))::int`.as('open'),
    sql<number>`(count(*) filter (where f.is_overdue))::int`.as('overdue'),
    sql<number>`(count(*) filter (where f.kind = 'answered'))::int`.as('answered'),
    sql<number>`(count(*) filter (where f.is_on_time))::int`.as('on_time'),
    sql<number>`(count(*) filter (where f.kind = 'returned'))::int`.as('returned'),
    sql<number>`(count(*) filter (where f.kind = 'complaint'))::int`.as('complaints'),
    sql<number>`(count(*) filter (where f.is_upheld))::int`.as('upheld'),
  ] as const;
  return (
    db
      .with(
        (cte) => cte('o').materialized(),
        () => open.unionAll(returns).unionAll(complaints),
      )
      .with(
        (cte) => cte('listed').materialized(),
        (q) =>
          q
            .selectFrom('o')
            .where(sql<boolean>`o.grp = 0 and o.executor_id is not null`, '=', true)
            .select(sql<number>`o.executor_id`.as('id'))
            .union(
              q
                .selectFrom('users')
                .where('users.role', '=', 'executor')
                .where('users.active', '=', true)
                .where('users.unit_id', '=', unitId)
                .select(sql<number>`users.id`.as('id')),
            )
            // Who answered one of the unit's own appeals in the period.
            .union(
              q
                .selectFrom('appeals')
                .where('appeals.owner_unit_id', '=', unitId)
                .where('appeals.status', '=', 'answered')
                .where('appeals.closed_at', '>=', span.since)
                .where('appeals.closed_at', '<', span.until)
                .where('appeals.executor_id', 'is not', null)
                .where('appeals.sandbox', '=', false)
                .where(hiding)
                .select(sql<number>`appeals.executor_id`.as('id')),
            ),
      )
      .with(
        (cte) => cte('f').materialized(),
        (q) =>
          q
            .selectFrom('o')
            .selectAll('o')
            .unionAll(
              q
                .selectFrom('appeals')
                .where(sql<boolean>`appeals.executor_id in (select id from listed)`, '=', true)
                .where('appeals.status', '=', 'answered')
                .where('appeals.closed_at', '>=', span.since)
                .where('appeals.closed_at', '<', span.until)
                .where('appeals.sandbox', '=', false)
                .where(hiding)
                .where(owned('appeals.owner_unit_id'), '=', true)
                .select([
                  grpOf('appeals.owner_unit_id'),
                  'appeals.executor_id',
                  sql<string>`'answered'`.as('kind'),
                  sql<boolean>`false`.as('is_overdue'),
                  sql<boolean>`(appeals.closed_at at time zone 'Asia/Tashkent')::date <= appeals.due_on`.as(
                    'is_on_time',
                  ),
                  wholeDays.as('days'),
                  sql<boolean>`false`.as('is_upheld'),
                ]),
            ),
      )
      // The groups' figures without the answers (those come from the roll-up).
      .selectFrom('o as f')
      // An owner unit outside the map (none, as the caller builds it) counts nowhere, as a join would do.
      .where('f.grp', 'is not', null)
      .select([
        sql<number | null>`f.grp`.as('grp'),
        sql<number | null>`null::int`.as('executor_id'),
        sql<number | null>`null::int`.as('days'),
        ...figures,
      ])
      .groupBy('f.grp')
      .unionAll((q) =>
        q
          .selectFrom('f')
          .where('f.grp', 'is not', null)
          .where(sql<boolean>`f.executor_id in (select id from listed)`, '=', true)
          .select([
            sql<number | null>`null::int`.as('grp'),
            sql<number | null>`f.executor_id`.as('executor_id'),
            sql<number | null>`f.days`.as('days'),
            ...figures,
          ])
          .groupBy(['f.executor_id', 'f.days']),
      )
      .$castTo<BarRow>()
  );
}

/** An executor's account as the view names it. */
export interface StaffRow {
  id: number;
  login: string;
  full_name: string;
  unit_id: number;
  role: string;
  active: boolean;
}

/** Active executor accounts of these units (the view's rows without work, and the load per executor). */
export function executorsOf(db: Db, unitIds: number[]): Promise<StaffRow[]> {
  return db
    .selectFrom('users')
    .where('users.role', '=', 'executor')
    .where('users.active', '=', true)
    .where(sql<boolean>`users.unit_id = any(${sql.val(unitIds)}::int[])`, '=', true)
    .select(['users.id', 'users.login', 'users.full_name', 'users.unit_id', 'users.role', 'users.active'])
    .execute();
}

/** Active executor accounts per unit, for the units given (a subtree's load per executor). */
export function executorCounts(db: Db, unitIds: number[]): Promise<{ unit_id: number; executors: number }[]> {
  return db
    .selectFrom('users')
    .where('users.role', '=', 'executor')
    .where('users.active', '=', true)
    .where(sql<boolean>`users.unit_id = any(${sql.val(unitIds)}::int[])`, '=', true)
    .groupBy('users.unit_id')
    .select(['users.unit_id', sql<number>`count(*)::int`.as('executors')])
    .execute();
}

/** The accounts behind these ids (executors found in the counts). */
export function staffByIds(db: Db, ids: number[]): Promise<StaffRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .where('users.id', 'in', ids)
    .select(['users.id', 'users.login', 'users.full_name', 'users.unit_id', 'users.role', 'users.active'])
    .execute();
}
