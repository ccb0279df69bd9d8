import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { AppealListQuery } from '../../contracts/appeal.schema.ts';
import { finalStatuses } from '../../contracts/enums.ts';
import type { Db } from '../db/database.ts';
import type { AppealRow, Database } from '../db/schema.ts';
import { addDays, startOfDay } from '../deadlines/calendar.ts';
import type { Scope } from './appeal.policy.ts';
import type { QueueFilter } from './appeal-queues.ts';

// SQL only: reads and writes of appeals and their history. Rules live in the use cases and policies.

/** One appeal by its public number. */
export function findByNumber(db: Db, number: string): Promise<AppealRow | undefined> {
  return db.selectFrom('appeals').selectAll().where('number', '=', number).executeTakeFirst();
}

/**
 * What tracking shows, in one statement: the appeal's public columns, its public history and its latest
 * approved answer or conclusion with the files sent with it (timestamps inside the JSON arrive as strings).
 * Compiled, not run: tracking runs it as a prepared statement (`ctx.prepared`).
 */
export function trackingView(db: Db, number: string) {
  return db
    .selectFrom('appeals as a')
    .select([
      'a.id',
      'a.number',
      'a.type',
      'a.status',
      'a.access_code_hash',
      'a.received_at',
      'a.due_on',
      'a.owner_unit_id',
      'a.forwarded_to',
      'a.rating',
      'a.rating_comment',
    ])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('appeal_events as e')
          .select(['e.at', 'e.event', 'e.to_status', 'e.unit_id'])
          .whereRef('e.appeal_id', '=', 'a.id')
          .where('e.public', '=', true)
          .orderBy('e.id'),
      ).as('events'),
      jsonObjectFrom(
        eb
          .selectFrom('answers as w')
          .select(['w.kind', 'w.outcome', 'w.body', 'w.created_at', 'w.reviewed_at'])
          .select((wb) =>
            jsonArrayFrom(
              wb
                .selectFrom('attachments as f')
                .select(['f.id', 'f.filename', 'f.mime', 'f.size'])
                .whereRef('f.answer_id', '=', 'w.id')
                .orderBy('f.created_at')
                .orderBy('f.id'),
            ).as('files'),
          )
          .whereRef('w.appeal_id', '=', 'a.id')
          .where('w.status', '=', 'approved')
          .orderBy('w.id', 'desc')
          .limit(1),
      ).as('answer'),
    ])
    .where('a.number', '=', number)
    .compile();
}

/** One appeal by id, locked for update inside a transaction. */
export function lockById(tx: Db, id: number): Promise<AppealRow | undefined> {
  return tx.selectFrom('appeals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Records the language triage detected (an annotation, not a change of the appeal's life). */
export async function setLanguage(tx: Db, id: number, language: string): Promise<void> {
  await tx.updateTable('appeals').set({ language }).where('id', '=', id).execute();
}

/** The appeal's history, oldest first. */
export function eventsOf(db: Db, appealId: number) {
  return db
    .selectFrom('appeal_events')
    .leftJoin('users', 'users.id', 'appeal_events.actor_id')
    .select([
      'appeal_events.id',
      'appeal_events.at',
      'appeal_events.event',
      'appeal_events.from_status',
      'appeal_events.to_status',
      'appeal_events.actor_kind',
      'appeal_events.public',
      'appeal_events.unit_id',
      'appeal_events.data',
      'users.login as actor_login',
      'users.full_name as actor_name',
    ])
    .where('appeal_id', '=', appealId)
    .orderBy('appeal_events.id')
    .execute();
}

/** A staff member's login and full name (the card's executor). */
export function staffName(db: Db, userId: number) {
  return db.selectFrom('users').select(['login', 'full_name']).where('id', '=', userId).executeTakeFirst();
}

/** Units working the appeal, the lead first. */
export function unitsOf(db: Db, appealId: number) {
  return db
    .selectFrom('appeal_units')
    .select(['unit_id', 'role', 'position', 'assigned_at'])
    .where('appeal_id', '=', appealId)
    .orderBy('position')
    .execute();
}

/** Drafts, returned drafts and approved answers or conclusions, oldest first. */
export function answersOf(db: Db, appealId: number) {
  return db.selectFrom('answers').selectAll().where('appeal_id', '=', appealId).orderBy('id').execute();
}

/** The latest approved answer or conclusion, if any. */
export function approvedAnswerOf(db: Db, appealId: number) {
  return db
    .selectFrom('answers')
    .selectAll()
    .where('appeal_id', '=', appealId)
    .where('status', '=', 'approved')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Appeals linked to this one (repeats, complaints, merged duplicates) that the scope may see. */
export function linkedAppeals(db: Db, appealId: number, scope: Scope) {
  return db
    .selectFrom('appeals')
    .select(['id', 'number', 'status', 'link_kind', 'parent_id', 'merged_into_id', 'received_at'])
    .where((eb) => eb.or([eb('parent_id', '=', appealId), eb('merged_into_id', '=', appealId)]))
    .where(inScope(scope))
    .orderBy('id')
    .limit(100)
    .execute();
}

/** One appeal's number and status, if the scope may see it. */
export function visibleSummary(db: Db, appealId: number, scope: Scope) {
  return db
    .selectFrom('appeals')
    .select(['number', 'status'])
    .where('id', '=', appealId)
    .where(inScope(scope))
    .executeTakeFirst();
}

/** Restricts a query to what a scope may see (the same rule as `canSee`). */
export function inScope(scope: Scope) {
  return (eb: ExpressionBuilder<Database, 'appeals'>) => {
    const conditions = [
      eb.or([
        eb('appeals.subject_officer_id', 'is', null),
        eb('appeals.subject_officer_id', '!=', scope.userId),
      ]),
      eb.or([
        eb('appeals.subject_unit_id', 'is', null),
        eb(sql<boolean>`appeals.subject_unit_id <> all(${sql.val(scope.ownChain)}::int[])`, '=', true),
      ]),
    ];
    if (scope.unitIds !== null) conditions.push(seenBy(scope)(eb));
    return eb.and(conditions);
  };
}

/** Units whose appeals a query looks at: a unit's whole subtree (`subtreeOf`), or just the listed units. */
export interface UnitSet {
  subtreeOf: number | null;
  unitIds: number[] | null;
}

/**
 * Appeals one of the units sees. A subtree is asked through `scope_reach` (the scope units and all their
 * ancestors): one key however large the subtree.
 */
export function seenBy(units: UnitSet) {
  return (eb: ExpressionBuilder<Database, 'appeals'>) =>
    units.subtreeOf !== null
      ? eb(sql<boolean>`appeals.scope_reach @> ${sql.val([units.subtreeOf])}::int[]`, '=', true)
      : eb(sql<boolean>`appeals.scope_units && ${sql.val(units.unitIds ?? [])}::int[]`, '=', true);
}

const open = (eb: ExpressionBuilder<Database, 'appeals'>) =>
  eb('appeals.status', 'not in', [...finalStatuses]);

/** Extra facts the list filters need, resolved by the caller (codes → ids, query → canonical form). */
export interface ListContext {
  scope: Scope;
  today: string;
  /** The queue asked for (`query.queue`), described by `queueFilter`. */
  queue?: QueueFilter;
  /** The overdue filter asked for (`query.overdue`), described by `overdueFilter`. */
  overdue?: QueueFilter;
  unitId?: number;
  /** Appeals owned by one of these units (the `owner` filter's subtree). */
  ownerUnitIds?: number[];
  textLatin?: string;
  /** The phone's look-up hash under every key of the ring (rows not yet re-keyed hold an older one). */
  phoneHashes?: Buffer[];
  /** Training mode lists the sandbox's demo appeals instead of real ones. */
  sandbox?: boolean;
  /** An export with personal data reads each row's sealed applicant too. */
  withApplicant?: boolean;
}

/**
 * The condition a queue's description (`appeal-queues.ts`) puts on appeals: every stated fact, joined by
 * `and`. The list and the queue counts both ask it.
 */
export function queueCondition(filter: QueueFilter) {
  return (eb: ExpressionBuilder<Database, 'appeals'>) => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.openOnly) conditions.push(open(eb));
    const { statuses } = filter;
    if (statuses?.length === 1) conditions.push(eb('appeals.status', '=', statuses[0] ?? ''));
    else if (statuses) conditions.push(eb('appeals.status', 'in', [...statuses]));
    if (filter.executorId !== undefined) conditions.push(eb('appeals.executor_id', '=', filter.executorId));
    if (filter.ownerUnitIds) conditions.push(eb('appeals.owner_unit_id', 'in', [...filter.ownerUnitIds]));
    if (filter.dueFrom !== undefined) conditions.push(eb('appeals.due_on', '>=', filter.dueFrom));
    if (filter.dueUntil !== undefined) conditions.push(eb('appeals.due_on', '<=', filter.dueUntil));
    if (filter.dueBefore !== undefined) conditions.push(eb('appeals.due_on', '<', filter.dueBefore));
    if (filter.urgent) conditions.push(eb('appeals.urgent', '=', true));
    if (filter.workedAlone) conditions.push(eb('appeals.group_lead_id', 'is', null));
    return conditions.length === 1 && conditions[0] ? conditions[0] : eb.and(conditions);
  };
}

/** One page of appeals in scope, filtered and sorted, with the total count. */
export async function listAppeals(db: Db, query: AppealListQuery, ctx: ListContext) {
  let base = db
    .selectFrom('appeals')
    .where(inScope(ctx.scope))
    .where('appeals.sandbox', '=', ctx.sandbox ?? false);
  if (query.status?.length) base = base.where('appeals.status', 'in', query.status);
  if (query.type?.length) base = base.where('appeals.type', 'in', query.type);
  if (query.category?.length) base = base.where('appeals.category_code', 'in', query.category);
  if (query.channel?.length) base = base.where('appeals.channel', 'in', query.channel);
  if (query.territory) base = base.where('appeals.territory_code', 'like', `${query.territory}%`);
  if (ctx.unitId !== undefined) {
    base = base.where(sql<boolean>`appeals.scope_units @> ${sql.val([ctx.unitId])}::int[]`, '=', true);
  }
  if (ctx.ownerUnitIds) base = base.where('appeals.owner_unit_id', 'in', ctx.ownerUnitIds);
  if (query.outcome?.length) base = base.where('appeals.outcome', 'in', query.outcome);
  if (query.urgent === 'true') base = base.where('appeals.urgent', '=', true);
  if (query.repeat === 'true') base = base.where(countedAsRepeat);
  if (ctx.overdue) base = base.where(queueCondition(ctx.overdue));
  if (query.dueBefore) base = base.where('appeals.due_on', '<=', query.dueBefore);
  if (query.receivedFrom) base = base.where('appeals.received_on', '>=', query.receivedFrom);
  if (query.receivedTo) base = base.where('appeals.received_on', '<=', query.receivedTo);
  if (query.executor) {
    const login = query.executor;
    base = base.where('appeals.executor_id', 'in', (eb) =>
      eb.selectFrom('users').select('users.id').where('users.login', '=', login),
    );
  }
  if (query.closedFrom) base = base.where('appeals.closed_at', '>=', startOfDay(query.closedFrom));
  if (query.closedTo) base = base.where('appeals.closed_at', '<', startOfDay(addDays(query.closedTo, 1)));
  const words = ctx.textLatin ? prefixQuery(ctx.textLatin) : undefined;
  const cap = words ? SEARCH_COUNT_CAP : COUNT_CAP;
  if (words) {
    base = base.where(sql<boolean>`appeals.text_terms @@ to_tsquery('simple', ${words})`, '=', true);
  }
  if (ctx.phoneHashes) base = base.where('appeals.phone_hash', 'in', ctx.phoneHashes);
  if (ctx.queue) base = base.where(queueCondition(ctx.queue));
  const [column, direction] =
    query.sort === 'received_asc'
      ? (['appeals.received_at', 'asc'] as const)
      : query.sort === 'due_asc'
        ? (['appeals.due_on', 'asc'] as const)
        : query.sort === 'due_desc'
          ? (['appeals.due_on', 'desc'] as const)
          : (['appeals.received_at', 'desc'] as const);
  const pageOf = (filtered: typeof base) =>
    filtered
      .select([
        'appeals.id',
        'appeals.number',
        'appeals.type',
        'appeals.status',
        'appeals.channel',
        'appeals.category_code',
        'appeals.territory_code',
        'appeals.received_at',
        'appeals.due_on',
        'appeals.urgent',
        'appeals.about_officer',
        'appeals.owner_unit_id',
        'appeals.executor_id',
        'appeals.link_kind',
        'appeals.group_lead_id',
        'appeals.applicant_kind',
        sql<string>`left(appeals.text, 160)`.as('excerpt'),
      ])
      .$if(ctx.withApplicant === true, (qb) => qb.select('appeals.applicant_enc'))
      .orderBy(column, direction)
      .orderBy('appeals.id', direction)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
  // Counting every match of a common word reads tens of thousands of wide rows (0.7–0.9 s at a million
  // appeals); a search needs "more than 1,000" and a queue "more than 10,000", not the exact figure.
  const countOf = async (filtered: typeof base) => {
    const row = await db
      .selectFrom(
        filtered
          .select(sql<number>`1`.as('one'))
          .limit(cap + 1)
          .as('matches'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  };

  // A common word matches tens of thousands of appeals all over the years, and the newest 50 are wanted:
  // reading every match to sort them took 0.2 s and more. So a text search newest-first looks at the last
  // 30 days, then the last year, then everything, and stops as soon as the window fills the page and holds
  // more matches than the count shows. A full page from a window is exactly the page of the whole search:
  // everything outside the window was received earlier than everything in it.
  // Queues hold open appeals only (a few per cent, with their own indexes), and a period the user chose
  // already bounds the search: windows inside it would only add round trips.
  const windowed =
    words !== undefined && query.sort === 'received_desc' && !query.queue && query.overdue !== 'true';
  const windows = [
    ...(windowed ? [30, 365] : []).filter(
      (d) => !query.receivedFrom || addDays(ctx.today, -d) > query.receivedFrom,
    ),
    null,
  ];
  let rows: Awaited<ReturnType<typeof pageOf>> | undefined;
  let total: number | undefined;
  for (const days of windows) {
    const recent = days === null ? base : base.where('appeals.received_on', '>=', addDays(ctx.today, -days));
    const [pageRows, count] = await Promise.all([
      rows ? rows : pageOf(recent),
      total !== undefined ? total : countOf(recent),
    ]);
    if (pageRows.length === query.pageSize || days === null) rows = pageRows;
    if (count > cap || days === null) total = count;
    if (rows && total !== undefined) break;
  }
  if (!rows || total === undefined) throw new Error('the last search window is the whole table');
  return { rows, total: Math.min(total, cap), totalCapped: total > cap };
}

const COUNT_CAP = 10_000;
const SEARCH_COUNT_CAP = 1_000;

/**
 * The staff search as a full-text prefix query over the canonical Latin form: every word must start a
 * word of the appeal, so `pasport` finds `pasportimni` (Uzbek suffixes) and a Cyrillic query, read into
 * Latin first, finds Latin and Cyrillic appeals alike. Served by the `appeals_text_terms` GIN index.
 */
export function prefixQuery(textLatin: string): string | undefined {
  const words = textLatin
    .split(/[^\p{L}\p{N}ʻʼ]+/u)
    .map((w) => w.replace(/^[ʻʼ]+|[ʻʼ]+$/g, ''))
    .filter(Boolean)
    .slice(0, 8);
  return words.length > 0 ? words.map((w) => `${w}:*`).join(' & ') : undefined;
}

/** What the language layer read from the appeal, if triage has run. */
export function analysisOf(db: Db, appealId: number) {
  return db.selectFrom('appeal_analysis').selectAll().where('appeal_id', '=', appealId).executeTakeFirst();
}

/**
 * Duplicates, repeats and campaign members linked to the appeal, in either direction, that the scope may
 * see: the links are found across the whole country (the same phone, a near-identical text), so an
 * unfiltered list would name hidden complaints.
 */
export function relatedAppeals(db: Db, appealId: number, scope: Scope) {
  return db
    .selectFrom('appeal_links as l')
    .innerJoin('appeals', (join) =>
      join.on((eb) =>
        eb(
          'appeals.id',
          '=',
          eb
            .case()
            .when('l.appeal_id', '=', appealId)
            .then(eb.ref('l.other_id'))
            .else(eb.ref('l.appeal_id'))
            .end(),
        ),
      ),
    )
    .select(['appeals.number', 'appeals.status', 'l.kind', 'l.score'])
    .where((eb) => eb.or([eb('l.appeal_id', '=', appealId), eb('l.other_id', '=', appealId)]))
    .where(inScope(scope))
    .orderBy(sql`l.score desc nulls last`)
    .orderBy('appeals.id')
    .limit(100)
    .execute();
}

/**
 * A repeat as every figure counts it and its card names it (`related-appeals.ts`): the applicant marked it as
 * one, or triage found an earlier appeal of the same applicant, and it is no duplicate (an applicant's second
 * copy carries both links and reads as the stronger, a duplicate). The database's `appeal_counts_as_repeat`
 * (migration 20261206T0300-repeat-not-duplicate) is the same rule for the roll-ups. Written as membership in
 * the small sets of linked appeals (hashed in the plan), not as a look-up per appeal.
 */
export const countedAsRepeat = sql<SqlBool>`((appeals.link_kind = 'repeat'
    or appeals.id in (select appeal_id from appeal_links where kind = 'repeat'))
  and appeals.id not in (select appeal_id from appeal_links where kind = 'duplicate'))`;

/** Which of these appeals are repeats as `countedAsRepeat` counts them: the list flags exactly what it filters. */
export async function countedRepeats(db: Db, appealIds: readonly number[]): Promise<Set<number>> {
  if (appealIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('appeals')
    .select('appeals.id')
    .where('appeals.id', 'in', [...appealIds])
    .where(countedAsRepeat)
    .execute();
  return new Set(rows.map((r) => r.id));
}

// The same text: one person's copies (duplicates) or many people's (a mass appeal); either way one matter.
const sameText: ('duplicate' | 'campaign')[] = ['duplicate', 'campaign'];

/**
 * For each of these appeals, how many other appeals the scope may see triage linked to it as the same text
 * (a duplicate or a member of the same mass appeal), in either direction: the rest of its group of identical
 * appeals. Asked for one page of a queue at a time.
 */
export async function duplicateCounts(db: Db, appealIds: readonly number[], scope: Scope) {
  if (appealIds.length === 0) return new Map<number, number>();
  const ids = [...appealIds];
  const forward = db
    .selectFrom('appeal_links')
    .select(['appeal_links.appeal_id as appeal', 'appeal_links.other_id as other'])
    .where('appeal_links.kind', 'in', sameText)
    .where('appeal_links.appeal_id', 'in', ids);
  const backward = db
    .selectFrom('appeal_links')
    .select(['appeal_links.other_id as appeal', 'appeal_links.appeal_id as other'])
    .where('appeal_links.kind', 'in', sameText)
    .where('appeal_links.other_id', 'in', ids);
  const rows = await db
    .selectFrom(forward.unionAll(backward).as('pair'))
    .innerJoin('appeals', 'appeals.id', 'pair.other')
    .where(inScope(scope))
    .select((eb) => ['pair.appeal', eb.fn.count<number>('pair.other').distinct().as('others')])
    .groupBy('pair.appeal')
    .execute();
  return new Map(rows.map((r) => [Number(r.appeal), Number(r.others)]));
}
