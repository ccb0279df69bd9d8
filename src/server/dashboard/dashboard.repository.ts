import { type ExpressionBuilder, sql } from 'kysely';
import { type QueueName, queueNames } from '../../contracts/appeal.schema.ts';
import { finalStatuses } from '../../contracts/enums.ts';
import type { Scope } from '../appeals/appeal.policy.ts';
import { inScope, queueCondition } from '../appeals/appeals.repository.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

// SQL only: the aggregates behind the queue counts and the head's dashboard.

/** The facts the queues are defined by. */
export interface QueueFacts {
  today: string;
  userId: number;
  myUnitIds: number[];
}

/** How many appeals of the scope sit in each queue, in one pass over the table. */
export async function countQueues(
  db: Db,
  scope: Scope,
  facts: QueueFacts,
  sandbox: boolean,
): Promise<Record<QueueName, number>> {
  const row = await db
    .selectFrom('appeals')
    .where(inScope(scope))
    .where('appeals.sandbox', '=', sandbox)
    // Every queue holds open appeals only; saying so lets the planner use the open-appeals index.
    .where(isOpen)
    .where((eb) => eb.or(queueNames.map((queue) => queueCondition(queue, facts)(eb))))
    .select((eb) =>
      queueNames.map((queue) => eb.fn.countAll<number>().filterWhere(queueCondition(queue, facts)).as(queue)),
    )
    .executeTakeFirstOrThrow();
  return row;
}

const isOpen = (eb: ExpressionBuilder<Database, 'appeals'>) =>
  eb('appeals.status', 'not in', [...finalStatuses]);

/** Real (not sandbox) appeals of the scope held by any of the units (`null`: the whole tree). */
function held(db: Db, scope: Scope, unitIds: number[] | null) {
  const query = db.selectFrom('appeals').where(inScope(scope)).where('appeals.sandbox', '=', false);
  return unitIds === null
    ? query
    : query.where(sql<boolean>`appeals.scope_units && ${sql.val(unitIds)}::int[]`, '=', true);
}

/** The period the dashboard looks at: from `from` (a Tashkent day) to today. */
export interface Period {
  today: string;
  from: string;
  /** The first instant of `from`. */
  since: Date;
}

/** Open appeals by status, with their deadline pressure. */
export function openByStatus(db: Db, scope: Scope, unitIds: number[] | null, period: Period) {
  return held(db, scope, unitIds)
    .where(isOpen)
    .select((eb) => [
      'appeals.status',
      eb.fn.countAll<number>().as('count'),
      eb.fn.countAll<number>().filterWhere('appeals.due_on', '<', period.today).as('overdue'),
      eb.fn
        .countAll<number>()
        .filterWhere((w) =>
          w.and([
            w('appeals.due_on', '>=', period.today),
            w('appeals.due_on', '<=', sql<string>`(${period.today}::date + 3)`),
          ]),
        )
        .as('due_soon'),
      eb.fn.countAll<number>().filterWhere('appeals.executor_id', 'is', null).as('unassigned'),
    ])
    .groupBy('appeals.status')
    .execute();
}

/**
 * Appeals received and closed in the period, repeats among the received, and extensions in force. Three
 * narrow queries rather than one pass over everything: each is served by its own index (period of
 * receipt, closing time, open appeals).
 */
export async function periodTotals(db: Db, scope: Scope, unitIds: number[] | null, period: Period) {
  const [received, closed, open] = await Promise.all([
    held(db, scope, unitIds)
      .where('appeals.received_on', '>=', period.from)
      .select((eb) => [
        eb.fn.countAll<number>().as('received'),
        eb.fn.countAll<number>().filterWhere('appeals.link_kind', '=', 'repeat').as('repeats'),
      ])
      .executeTakeFirstOrThrow(),
    held(db, scope, unitIds)
      .where('appeals.closed_at', '>=', period.since)
      .select((eb) => eb.fn.countAll<number>().as('closed'))
      .executeTakeFirstOrThrow(),
    held(db, scope, unitIds)
      .where(isOpen)
      .select((eb) => [
        eb.fn.countAll<number>().filterWhere('appeals.head_extension_used', '=', true).as('open_extended'),
        eb.fn.countAll<number>().filterWhere('appeals.extra_study', '=', true).as('open_extra_study'),
        eb.fn
          .countAll<number>()
          .filterWhere((w) =>
            w.and([
              w('appeals.head_extension_used', '=', false),
              w.exists(
                w
                  .selectFrom('appeal_events')
                  .select('appeal_events.id')
                  .whereRef('appeal_events.appeal_id', '=', 'appeals.id')
                  .where('appeal_events.event', '=', 'extension_requested'),
              ),
            ]),
          )
          .as('open_extension_requested'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return { ...received, ...closed, ...open };
}

/** Appeals received per Tashkent day in the period. */
export function receivedPerDay(db: Db, scope: Scope, unitIds: number[] | null, period: Period) {
  return held(db, scope, unitIds)
    .where('appeals.received_on', '>=', period.from)
    .select((eb) => ['appeals.received_on as day', eb.fn.countAll<number>().as('count')])
    .groupBy('appeals.received_on')
    .execute();
}

/** Per executor: open appeals, those due within three days, overdue, and answers given in the period. */
export function executorLoad(db: Db, scope: Scope, unitIds: number[] | null, period: Period) {
  return held(db, scope, unitIds)
    .innerJoin('users', 'users.id', 'appeals.executor_id')
    .where((eb) => eb.or([isOpen(eb), eb('appeals.closed_at', '>=', period.since)]))
    .select((eb) => [
      'users.login',
      'users.full_name',
      eb.fn.countAll<number>().filterWhere(isOpen).as('open'),
      eb.fn
        .countAll<number>()
        .filterWhere((w) => w.and([isOpen(w), w('appeals.due_on', '<', period.today)]))
        .as('overdue'),
      eb.fn
        .countAll<number>()
        .filterWhere((w) =>
          w.and([
            isOpen(w),
            w('appeals.due_on', '>=', period.today),
            w('appeals.due_on', '<=', sql<string>`(${period.today}::date + 3)`),
          ]),
        )
        .as('due_soon'),
      eb.fn
        .countAll<number>()
        .filterWhere((w) =>
          w.and([w('appeals.status', '=', 'answered'), w('appeals.closed_at', '>=', period.since)]),
        )
        .as('answered'),
    ])
    .groupBy(['users.login', 'users.full_name'])
    .orderBy('overdue', 'desc')
    .orderBy('open', 'desc')
    .limit(200)
    .execute();
}

/** Drafts waiting for a head's approval, the nearest deadline first. */
export function awaitingApproval(db: Db, scope: Scope, unitIds: number[] | null) {
  return held(db, scope, unitIds)
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
  unitIds: number[] | null,
  period: Period,
): Promise<number> {
  const row = await held(db, scope, unitIds)
    .innerJoin('appeal_events', 'appeal_events.appeal_id', 'appeals.id')
    .where('appeal_events.event', '=', 'deadline_extended')
    .where('appeal_events.at', '>=', period.since)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Ratings applicants gave in the period: how many of each score 1–5. */
export function ratingsIn(db: Db, scope: Scope, unitIds: number[] | null, period: Period) {
  return held(db, scope, unitIds)
    .where('appeals.rated_at', '>=', period.since)
    .where('appeals.rating', 'is not', null)
    .select((eb) => ['appeals.rating', eb.fn.countAll<number>().as('count')])
    .groupBy('appeals.rating')
    .execute();
}
