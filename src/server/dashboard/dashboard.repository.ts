import type { ExpressionBuilder } from 'kysely';
import { type QueueName, queueNames } from '../../contracts/appeal.schema.ts';
import { finalStatuses } from '../../contracts/enums.ts';
import type { Scope } from '../appeals/appeal.policy.ts';
import type { QueueFilter } from '../appeals/appeal-queues.ts';
import {
  countedAsRepeat,
  inScope,
  queueCondition,
  seenBy,
  type UnitSet,
} from '../appeals/appeals.repository.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

// SQL only: the aggregates behind the queue counts and the head's dashboard.

/** How many appeals of the scope sit in each queue (described by `queueFilter`), in one pass over the table. */
export async function countQueues(
  db: Db,
  scope: Scope,
  queues: Record<QueueName, QueueFilter>,
  sandbox: boolean,
): Promise<Record<QueueName, number>> {
  const row = await db
    .selectFrom('appeals')
    .where(inScope(scope))
    .where('appeals.sandbox', '=', sandbox)
    // Every queue holds open appeals only; saying so lets the planner use the open-appeals index.
    .where(isOpen)
    .where((eb) => eb.or(queueNames.map((queue) => queueCondition(queues[queue])(eb))))
    .select((eb) =>
      queueNames.map((queue) =>
        eb.fn.countAll<number>().filterWhere(queueCondition(queues[queue])).as(queue),
      ),
    )
    .executeTakeFirstOrThrow();
  return row;
}

const isOpen = (eb: ExpressionBuilder<Database, 'appeals'>) =>
  eb('appeals.status', 'not in', [...finalStatuses]);

/**
 * Real (not sandbox) appeals that the units see (`null`: all the scope sees), minus those the scope hides
 * (complaints about the user or their chain). The caller has checked that the units lie within the scope,
 * so only one unit condition is stated: the same condition twice makes the planner think it twice as
 * selective, and pick a plan for 8,000 rows that then reads 90,000.
 */
function held(db: Db, scope: Scope, units: UnitSet | null) {
  const seen = units ?? scope;
  const query = db
    .selectFrom('appeals')
    .where(inScope({ ...scope, unitIds: null, subtreeOf: null }))
    .where('appeals.sandbox', '=', false);
  return seen.unitIds === null ? query : query.where(seenBy(seen));
}

/** The period the dashboard looks at: from `from` (a Tashkent day) to today. */
export interface Period {
  today: string;
  /** The last day an open appeal counts as due soon (`dueSoonUntil`). */
  dueSoonUntil: string;
  from: string;
  /** The first instant of `from`. */
  since: Date;
}

/** Open appeals by status, with their deadline pressure. */
export function openByStatus(db: Db, scope: Scope, units: UnitSet | null, period: Period) {
  return held(db, scope, units)
    .where(isOpen)
    .select((eb) => [
      'appeals.status',
      eb.fn.countAll<number>().as('count'),
      eb.fn.countAll<number>().filterWhere('appeals.due_on', '<', period.today).as('overdue'),
      eb.fn
        .countAll<number>()
        .filterWhere((w) =>
          w.and([w('appeals.due_on', '>=', period.today), w('appeals.due_on', '<=', period.dueSoonUntil)]),
        )
        .as('due_soon'),
      eb.fn.countAll<number>().filterWhere('appeals.executor_id', 'is', null).as('unassigned'),
    ])
    .groupBy('appeals.status')
    .execute();
}

/** Appeals received per Tashkent day of the period (one index-only scan). */
export function receivedPerDay(db: Db, scope: Scope, units: UnitSet | null, period: Period) {
  return held(db, scope, units)
    .where('appeals.received_on', '>=', period.from)
    .select((eb) => ['appeals.received_on as day', eb.fn.countAll<number>().as('count')])
    .groupBy('appeals.received_on')
    .execute();
}

/** The appeals triage linked to another as one of these kinds (a hashed set in the plan: links are few). */
const linkedAs = (db: Db, kinds: ('duplicate' | 'repeat')[]) =>
  db.selectFrom('appeal_links').select('appeal_links.appeal_id').where('appeal_links.kind', 'in', kinds);

/**
 * The duplicates and repeats among the appeals received in the period, each counted once under its
 * strongest kind as the card names it (`appeals/related-appeals.ts`): a duplicate when triage found it is the
 * same text as another appeal, otherwise a repeat when the applicant marked it as one or triage found an
 * earlier appeal of the same applicant. Written as membership in the (small) sets of linked appeals rather
 * than a look-up per appeal: per-appeal EXISTS made a national 365-day dashboard 4–9 times slower.
 */
export function duplicatesAndRepeats(db: Db, scope: Scope, units: UnitSet | null, period: Period) {
  return held(db, scope, units)
    .where('appeals.received_on', '>=', period.from)
    .where((eb) =>
      eb.or([
        eb('appeals.link_kind', '=', 'repeat'),
        eb('appeals.id', 'in', linkedAs(db, ['duplicate', 'repeat'])),
      ]),
    )
    .select((eb) => [
      eb.fn
        .countAll<number>()
        .filterWhere('appeals.id', 'in', linkedAs(db, ['duplicate']))
        .as('duplicates'),
      eb.fn.countAll<number>().filterWhere(countedAsRepeat).as('repeats'),
    ])
    .executeTakeFirstOrThrow();
}

/** Appeals closed in the period. */
export async function closedIn(db: Db, scope: Scope, units: UnitSet | null, period: Period): Promise<number> {
  const row = await held(db, scope, units)
    .where('appeals.closed_at', '>=', period.since)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * Open appeals under an extended deadline or sent for extra study, and those whose executor asked for more
 * time that no head has granted yet. The requests are few: they are found from their events, not by
 * checking every open appeal for one.
 */
export async function openExtensions(db: Db, scope: Scope, units: UnitSet | null) {
  const [flags, requested] = await Promise.all([
    held(db, scope, units)
      .where(isOpen)
      .select((eb) => [
        eb.fn.countAll<number>().filterWhere('appeals.head_extension_used', '=', true).as('extended'),
        eb.fn.countAll<number>().filterWhere('appeals.extra_study', '=', true).as('extraStudy'),
      ])
      .executeTakeFirstOrThrow(),
    held(db, scope, units)
      .where(isOpen)
      .where('appeals.head_extension_used', '=', false)
      .where('appeals.id', 'in', (eb) =>
        eb
          .selectFrom('appeal_events')
          .select('appeal_events.appeal_id')
          .where('appeal_events.event', '=', 'extension_requested'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { ...flags, requested: requested.n };
}

/** One executor's line on the dashboard. */
export interface ExecutorLoad {
  login: string;
  fullName: string;
  open: number;
  overdue: number;
  dueSoon: number;
  answered: number;
}

/**
 * Per executor: open appeals, those due within three days, overdue, and answers given in the period; the
 * most overdue first, at most 200. Open work and answers come from their own indexes (open appeals; closing
 * time) and are merged here: one query over "open or closed since" could use neither.
 */
export async function executorLoad(
  db: Db,
  scope: Scope,
  units: UnitSet | null,
  period: Period,
): Promise<ExecutorLoad[]> {
  const [open, answered] = await Promise.all([
    held(db, scope, units)
      .where(isOpen)
      .where('appeals.executor_id', 'is not', null)
      .select((eb) => [
        'appeals.executor_id',
        eb.fn.countAll<number>().as('open'),
        eb.fn.countAll<number>().filterWhere('appeals.due_on', '<', period.today).as('overdue'),
        eb.fn
          .countAll<number>()
          .filterWhere((w) =>
            w.and([w('appeals.due_on', '>=', period.today), w('appeals.due_on', '<=', period.dueSoonUntil)]),
          )
          .as('dueSoon'),
      ])
      .groupBy('appeals.executor_id')
      .execute(),
    held(db, scope, units)
      .where('appeals.closed_at', '>=', period.since)
      .where('appeals.status', '=', 'answered')
      .where('appeals.executor_id', 'is not', null)
      .select((eb) => ['appeals.executor_id', eb.fn.countAll<number>().as('answered')])
      .groupBy('appeals.executor_id')
      .execute(),
  ]);
  const byExecutor = new Map<number, Omit<ExecutorLoad, 'login' | 'fullName'>>();
  const lineOf = (id: number) => {
    let line = byExecutor.get(id);
    if (!line) {
      line = { open: 0, overdue: 0, dueSoon: 0, answered: 0 };
      byExecutor.set(id, line);
    }
    return line;
  };
  for (const { executor_id, ...counts } of open)
    if (executor_id !== null) Object.assign(lineOf(executor_id), counts);
  for (const row of answered) if (row.executor_id !== null) lineOf(row.executor_id).answered = row.answered;
  const top = [...byExecutor]
    .sort(([idA, a], [idB, b]) => b.overdue - a.overdue || b.open - a.open || idA - idB)
    .slice(0, 200);
  if (top.length === 0) return [];
  const users = await db
    .selectFrom('users')
    .select(['id', 'login', 'full_name'])
    .where(
      'id',
      'in',
      top.map(([id]) => id),
    )
    .execute();
  const names = new Map(users.map((u) => [u.id, u]));
  return top.flatMap(([id, line]) => {
    const user = names.get(id);
    return user ? [{ login: user.login, fullName: user.full_name, ...line }] : [];
  });
}

/** Drafts waiting for a head's approval, the nearest deadline first. */
export function awaitingApproval(db: Db, scope: Scope, units: UnitSet | null) {
  return held(db, scope, units)
    .leftJoin('users', 'users.id', 'appeals.executor_id')
    .where('appeals.status', 'in', ['answer_drafted', 'conclusion_drafted'])
    .select(['appeals.number', 'appeals.status', 'appeals.due_on', 'users.login'])
    .orderBy('appeals.due_on')
    .orderBy('appeals.id')
    .limit(20)
    .execute();
}

/** Deadline extensions a head granted in the period. */
export async function extensionsIn(
  db: Db,
  scope: Scope,
  units: UnitSet | null,
  period: Period,
): Promise<number> {
  const row = await held(db, scope, units)
    .innerJoin('appeal_events', 'appeal_events.appeal_id', 'appeals.id')
    .where('appeal_events.event', '=', 'deadline_extended')
    .where('appeal_events.at', '>=', period.since)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Ratings applicants gave in the period: how many of each score 1–5. */
export function ratingsIn(db: Db, scope: Scope, units: UnitSet | null, period: Period) {
  return held(db, scope, units)
    .where('appeals.rated_at', '>=', period.since)
    .where('appeals.rating', 'is not', null)
    .select((eb) => ['appeals.rating', eb.fn.countAll<number>().as('count')])
    .groupBy('appeals.rating')
    .execute();
}

/** Every figure of the head's dashboard, its queries run side by side. */
export async function dashboardFigures(db: Db, scope: Scope, units: UnitSet | null, period: Period) {
  const [statuses, perDay, linked, closed, extensionsOpen, executors, approval, extended, ratings] =
    await Promise.all([
      openByStatus(db, scope, units, period),
      receivedPerDay(db, scope, units, period),
      duplicatesAndRepeats(db, scope, units, period),
      closedIn(db, scope, units, period),
      openExtensions(db, scope, units),
      executorLoad(db, scope, units, period),
      awaitingApproval(db, scope, units),
      extensionsIn(db, scope, units, period),
      ratingsIn(db, scope, units, period),
    ]);
  return { statuses, perDay, linked, closed, extensionsOpen, executors, approval, extended, ratings };
}
