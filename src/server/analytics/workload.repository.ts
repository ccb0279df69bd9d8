import { sql } from 'kysely';
import { finalStatuses } from '../../contracts/enums.ts';
import type { Scope } from '../appeals/appeal.policy.ts';
import { inScope } from '../appeals/appeals.repository.ts';
import type { Db } from '../db/database.ts';
import { groupOf, medianOf } from './hierarchy.repository.ts';

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
 * Every figure of the view in one statement: the appeals open now, the answers approved in the period, the
 * head's returns of draft answers in the period, and the complaints received in the period about an answer,
 * each read through its own index and folded together, then counted per group and per whole days to the
 * answer, and per executor and whole days only for the executors the view lists (the unit's own executor
 * accounts and whoever is the executor of one of its own appeals; the ministry would otherwise count every
 * executor in the country). The medians come from those histograms here, as the hierarchy view takes them:
 * an ordered-set aggregate sorted every counted row (~324,000 answers for a national year at a million
 * appeals), the counts per whole day are hashed. The caller checked that every mapped unit lies in the
 * scope, so only the scope's hiding rules (complaints about the viewer's chain) are stated here.
 */
export async function workloadRows(db: Db, options: WorkloadOptions): Promise<WorkloadRow[]> {
  // The counted rows (~360,000 for a national year) are kept once for the three readings of them: in memory.
  const bars = await db.transaction().execute(async (tx) => {
    await sql`set local work_mem = '64MB'`.execute(tx);
    return workloadQuery(tx, options).execute();
  });
  const folded = new Map<string, { row: WorkloadRow; histogram: Map<number, number> }>();
  const into = (key: string, fresh: () => WorkloadRow, bar: BarRow) => {
    let entry = folded.get(key);
    if (!entry) {
      entry = { row: fresh(), histogram: new Map() };
      folded.set(key, entry);
    }
    const { row, histogram } = entry;
    row.owned_here ||= bar.owned_here;
    row.open += bar.open;
    row.overdue += bar.overdue;
    row.answered += bar.answered;
    row.on_time += bar.on_time;
    row.returned += bar.returned;
    row.complaints += bar.complaints;
    row.upheld += bar.upheld;
    if (bar.days !== null && bar.answered > 0) {
      histogram.set(bar.days, (histogram.get(bar.days) ?? 0) + bar.answered);
    }
  };
  const empty = (whole: boolean, grp: number | null, executor_id: number | null): WorkloadRow => ({
    whole,
    grp,
    executor_id,
    owned_here: false,
    open: 0,
    overdue: 0,
    answered: 0,
    on_time: 0,
    median_days: null,
    returned: 0,
    complaints: 0,
    upheld: 0,
  });
  for (const bar of bars) {
    if (bar.grp !== null) {
      into(`g${bar.grp}`, () => empty(false, bar.grp, null), bar);
      into('whole', () => empty(true, null, null), bar);
    } else if (bar.executor_id !== null) {
      into(`e${bar.executor_id}`, () => empty(false, null, bar.executor_id), bar);
    }
  }
  return [...folded.values()].map(({ row, histogram }) => ({ ...row, median_days: medianOf(histogram) }));
}

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

/** The statement behind `workloadRows`, unexecuted (the scale test prints its plan). */
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
  // Each part materialized on its own, so that the planner reads it through its index (open appeals by the
  // partial index of open appeals; answers by closing time; returned drafts by review time; complaints by
  // the partial index of complaints) rather than joining the whole table to the 2,700-unit map.
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
  const answered = db
    .selectFrom('appeals')
    .where('appeals.closed_at', '>=', span.since)
    .where('appeals.closed_at', '<', span.until)
    .where('appeals.status', '=', 'answered')
    .where('appeals.sandbox', '=', false)
    .where(hiding)
    .where(owned('appeals.owner_unit_id'), '=', true)
    .select([
      grpOf('appeals.owner_unit_id'),
      'appeals.executor_id',
      sql<string>`'answered'`.as('kind'),
      sql<boolean>`false`.as('is_overdue'),
      sql<boolean>`(appeals.closed_at at time zone 'Asia/Tashkent')::date <= appeals.due_on`.as('is_on_time'),
      // Whole days (24-hour periods, rounded down), as the hierarchy view's median counts them.
      sql<number | null>`floor(extract(epoch from appeals.closed_at - appeals.received_at) / 86400)::int`.as(
        'days',
      ),
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
        (cte) => cte('f').materialized(),
        () => open.unionAll(answered).unionAll(returns).unionAll(complaints),
      )
      .with(
        (cte) => cte('listed').materialized(),
        (q) =>
          q
            .selectFrom('f')
            .where(sql<boolean>`f.grp = 0 and f.executor_id is not null`, '=', true)
            .select(sql<number>`f.executor_id`.as('id'))
            .union(
              q
                .selectFrom('users')
                .where('users.role', '=', 'executor')
                .where('users.active', '=', true)
                .where('users.unit_id', '=', unitId)
                .select(sql<number>`users.id`.as('id')),
            ),
      )
      .selectFrom('f')
      // An owner unit outside the map (none, as the caller builds it) counts nowhere, as a join would do.
      .where('f.grp', 'is not', null)
      .select([
        sql<number | null>`f.grp`.as('grp'),
        sql<number | null>`null::int`.as('executor_id'),
        sql<number | null>`f.days`.as('days'),
        ...figures,
      ])
      .groupBy(['f.grp', 'f.days'])
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
