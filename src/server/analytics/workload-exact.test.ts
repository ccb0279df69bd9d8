import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { murojaatInProcess } from '../../app/testing/murojaat-in-process.ts';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { finalStatuses } from '../../contracts/enums.ts';
import { scopeOf } from '../appeals/appeal.policy.ts';
import { inScope } from '../appeals/appeals.repository.ts';
import { FixedClock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { addDays, localDateOf, startOfDay } from '../deadlines/calendar.ts';
import type { UnitDirectory } from '../routing/unit-directory.ts';
import { rebuildRollup } from './daily-rollup.repository.ts';
import { groupOf, medianOf } from './hierarchy.repository.ts';
import { comparedSpans } from './periods.ts';
import { seedGenerated } from './testing.ts';
import {
  type WorkloadGroups,
  type WorkloadOptions,
  type WorkloadRow,
  workloadRows,
} from './workload.repository.ts';

// The workload view's answers per group come from a roll-up by the day of the answer since issue 16's
// speed work, and its executors' answers from two new indexes. Its figures must stay exactly those of the
// version before (kept below verbatim as the reference, which counted every answer of the period): both are
// asked on generated appeals with executors for the ministry, a region and a district, every period kind,
// before and after appeals are answered, reassigned, moved between executors and complained about.

const until = new Date('2026-11-20T12:00:00Z');
const clock = new FixedClock(until);
let t: TestSystem;
let units: UnitDirectory;

beforeAll(async () => {
  t = await startTestSystem({ clock });
  const { system } = t;
  await seedGenerated(system, { appeals: 3_000, seed: 17, years: 2, until });
  units = system.ctx.reference().units;
  // Executors: one account per owner unit of the generated appeals (two in the busiest), each appeal worked by
  // its unit's; every 7th by the busiest unit's second executor instead (work outside his own unit); every
  // 5th keeps the executor the seed named (one of its `seed-exec-` accounts of the owner unit) or none.
  await sql`
    insert into users (login, full_name, role, unit_id, active, password_hash)
    select 'exact-exec-' || u, 'Executor ' || u, 'executor', u, true, 'x'
      from (select distinct owner_unit_id as u from appeals) o`.execute(t.ownerDb);
  await sql`
    insert into users (login, full_name, role, unit_id, active, password_hash)
    select 'exact-exec-extra', 'Executor extra', 'executor', owner_unit_id, true, 'x'
      from appeals group by owner_unit_id order by count(*) desc limit 1`.execute(t.ownerDb);
  await sql`
    update appeals a set executor_id = case when a.id % 7 = 0
        then (select id from users where login = 'exact-exec-extra')
        else (select id from users where login = 'exact-exec-' || a.owner_unit_id) end
     where a.id % 5 <> 0`.execute(t.ownerDb);
  await rebuildRollup(system.ctx.db);
}, 600_000);

afterAll(async () => {
  await t?.stop();
});

/** The groups the view maps a unit's subtree into (as `workloadView` builds them). */
function groupsOf(unitId: number): WorkloadGroups {
  const groups: WorkloadGroups = { unitIds: [unitId], groups: [0], everyUnit: unitId === units.ministry.id };
  units.children(unitId).forEach((child, index) => {
    for (const id of units.subtreeIds(child.id)) {
      groups.unitIds.push(id);
      groups.groups.push(index + 1);
    }
  });
  return groups;
}

/** A `murojaat` command run in this process against the test system's database: what it printed. */
async function murojaat(args: string[]): Promise<string> {
  const { code, out, err } = await murojaatInProcess(args, t.env);
  expect(code, err).toBe(0);
  return out;
}

const byKey = (rows: WorkloadRow[]) =>
  [...rows].sort(
    (a, b) =>
      Number(a.whole) - Number(b.whole) ||
      (a.grp ?? -1) - (b.grp ?? -1) ||
      (a.executor_id ?? -1) - (b.executor_id ?? -1),
  );

async function compare(db: Db): Promise<number> {
  const today = localDateOf(clock.now());
  const region = units.byCode('IIV-1726');
  if (!region) throw new Error('no Tashkent city directorate');
  const district = units.children(region.id).find((u) => units.children(u.id).length > 0);
  if (!district) throw new Error('no district with services');
  const busiest = await sql<{ unit_id: number }>`
    select unit_id from users where login = 'exact-exec-extra'`.execute(db);
  const busy = units.byId(busiest.rows[0]?.unit_id ?? 0);
  if (!busy) throw new Error('no busiest unit');
  let compared = 0;
  for (const [userId, unit] of [
    [1, units.ministry],
    [2, region],
    [3, district],
    [4, busy],
  ] as const) {
    const scope = scopeOf(
      { id: userId, unitId: unit.id, scopeSubtree: true, role: 'head', login: 'head', fullName: 'Head' },
      units,
    );
    for (const kind of ['month', 'quarter', 'year'] as const) {
      const period = comparedSpans(kind, today).current;
      const options: WorkloadOptions = {
        scope,
        groups: groupsOf(unit.id),
        unitId: unit.id,
        span: { since: startOfDay(period.from), until: startOfDay(addDays(period.to, 1)) },
        days: period,
        today,
      };
      const [fast, reference] = await Promise.all([workloadRows(db, options), referenceRows(db, options)]);
      expect(byKey(fast)).toEqual(byKey(reference));
      compared += reference.length;
    }
  }
  return compared;
}

describe('the workload view’s figures', () => {
  it('equal the version’s that counted every answer, for every scope and period', async () => {
    const compared = await compare(t.system.ctx.db);
    // Not a comparison of empty answers: groups and executors with work.
    expect(compared).toBeGreaterThan(100);
  }, 300_000);

  it('stay equal after appeals are answered, reassigned, moved between executors and complained about', async () => {
    const db = t.ownerDb;
    await sql`
      update appeals set status = 'answered', outcome = 'satisfied',
             closed_at = greatest(received_at + interval '3 days 7 hours', ${until}::timestamptz - interval '2 days')
       where id in (select id from appeals where status not in ('answered', 'forwarded', 'not_considered', 'withdrawn', 'merged')
                     order by id limit 120)`.execute(db);
    // An answer taken back (reopened), one answered again on another day, one given by another executor.
    await sql`update appeals set status = 'in_progress', closed_at = null where status = 'answered' and id % 41 = 0`.execute(
      db,
    );
    await sql`update appeals set closed_at = closed_at + interval '1 day' where status = 'answered' and id % 43 = 0`.execute(
      db,
    );
    await sql`
      update appeals set executor_id = (select id from users where login = 'exact-exec-extra')
       where status = 'answered' and id % 29 = 0`.execute(db);
    await sql`
      update appeals set owner_unit_id = (select min(owner_unit_id) from appeals)
       where id % 101 = 0 and owner_unit_id <> (select min(owner_unit_id) from appeals)`.execute(db);
    // Complaints about the region's directorate and about the ministry's viewer (user 1): hidden from them.
    const region = units.byCode('IIV-1726');
    await sql`update appeals set subject_unit_id = ${region?.id ?? null}
       where id % 53 = 0 and not (scope_reach @> array[${region?.id ?? null}::int])`.execute(db);
    await sql`update appeals set subject_officer_id = 1 where id % 61 = 0 and exists (select 1 from users where id = 1)`.execute(
      db,
    );
    await sql`update appeals set sandbox = true where id % 97 = 0`.execute(db);
    // As an operator runs the job by hand.
    expect(await murojaat(['analytics', 'rollup'])).toMatch(
      /^Re-rolled [1-9]\d* days of the leaders' roll-ups in /,
    );
    expect(await compare(t.system.ctx.db)).toBeGreaterThan(100);
    // What the job re-rolled is what a rebuild from scratch gives.
    const rows = async () =>
      (
        await sql`
          select 'd' as t, day, owner_unit_id, answered, on_time, days, counts from analytics_answered_daily
          union all
          select 'm', month, owner_unit_id, answered, on_time, days, counts from analytics_answered_monthly
          order by 1, 2, 3`.execute(db)
      ).rows;
    const rerolled = await rows();
    expect(await murojaat(['analytics', 'rollup', '--rebuild'])).toMatch(/^Rebuilt \d+ days /);
    expect(await rows()).toEqual(rerolled);
    expect(rerolled.length).toBeGreaterThan(500);
  }, 300_000);
});

// The reference: the statement and its folding as they were before the answers' roll-up, verbatim.

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
async function referenceRows(db: Db, options: WorkloadOptions): Promise<WorkloadRow[]> {
  // The counted rows (~360,000 for a national year) are kept once for the three readings of them: in memory.
  const bars = await db.transaction().execute(async (tx) => {
    await sql`set local work_mem = '64MB'`.execute(tx);
    return referenceQuery(tx, options).execute();
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

/** The statement behind `workloadRows`, unexecuted (the scale test prints its plan). */
function referenceQuery(db: Db, options: WorkloadOptions) {
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
