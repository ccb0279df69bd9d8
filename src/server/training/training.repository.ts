import { type Insertable, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type {
  AppealEventsTable,
  NewAppealRow,
  TrainingLessonCompletionsTable,
  TrainingLessonRunsTable,
} from '../db/schema.ts';

// SQL only: the training sandbox's demo appeals. What they hold and how they reach their stage is decided
// in sandbox.ts.

/** The next number of the sandbox's own sequence (DEMO-YYYY-NNNNNNN). */
export async function nextSandboxSeq(tx: Db): Promise<number | undefined> {
  const { rows } = await sql<{ seq: number }>`select nextval('sandbox_appeal_seq')::int as seq`.execute(tx);
  return rows[0]?.seq;
}

/** Stores a demo appeal and returns its id. */
export async function insertSandboxAppeal(tx: Db, row: NewAppealRow): Promise<number> {
  const inserted = await tx.insertInto('appeals').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** Appends one line to a demo appeal's history. */
export async function insertSandboxEvent(tx: Db, row: Insertable<AppealEventsTable>): Promise<void> {
  await tx.insertInto('appeal_events').values(row).execute();
}

/** The sandbox appeals a unit holds. */
export async function sandboxAppealIds(tx: Db, unitId: number): Promise<number[]> {
  const rows = await tx
    .selectFrom('appeals')
    .select('id')
    .where('sandbox', '=', true)
    .where(sql<boolean>`scope_units && ${sql.val([unitId])}::int[]`, '=', true)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Deletes these sandbox appeals with everything hanging off them: their links to each other first, then
 * units, history, answers, files, notices, analyses, training examples and links, then the appeals (only
 * sandbox ones, whatever ids are given).
 */
export async function deleteSandboxAppeals(tx: Db, ids: number[]): Promise<void> {
  await tx
    .updateTable('appeals')
    .set({ merged_into_id: null, parent_id: null })
    .where('id', 'in', ids)
    .execute();
  for (const table of [
    'appeal_units',
    'appeal_events',
    'answers',
    'attachments',
    'notifications',
    'appeal_analysis',
    'nlp_examples',
  ] as const) {
    await tx.deleteFrom(table).where('appeal_id', 'in', ids).execute();
  }
  await tx
    .deleteFrom('appeal_links')
    .where((eb) => eb.or([eb('appeal_id', 'in', ids), eb('other_id', 'in', ids)]))
    .execute();
  await tx.deleteFrom('appeals').where('id', 'in', ids).where('sandbox', '=', true).execute();
}

/** Notes which sandbox appeal a trainee's lesson set up (none when the trainee registers it). */
export async function insertLessonRun(tx: Db, row: Insertable<TrainingLessonRunsTable>): Promise<void> {
  await tx.insertInto('training_lesson_runs').values(row).execute();
}

/** The trainee's latest start of a lesson. */
export function newestLessonRun(db: Db, userId: number, lessonId: string) {
  return db
    .selectFrom('training_lesson_runs')
    .select(['appeal_id', 'started_at'])
    .where('user_id', '=', userId)
    .where('lesson_id', '=', lessonId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The newest sandbox appeal a trainee registered themselves since an instant. */
export async function newestPracticeAppealId(
  db: Db,
  userId: number,
  since: Date,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('appeals')
    .select('id')
    .where('sandbox', '=', true)
    .where('created_by', '=', userId)
    .where('received_at', '>=', since)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** A sandbox appeal with its history and answers, oldest first; undefined for any real appeal. */
export async function sandboxAppealWithWork(db: Db, appealId: number) {
  const appeal = await db
    .selectFrom('appeals')
    .selectAll()
    .where('id', '=', appealId)
    .where('sandbox', '=', true)
    .executeTakeFirst();
  if (!appeal) return undefined;
  const events = await db
    .selectFrom('appeal_events')
    .select(['event', 'actor_id', 'data'])
    .where('appeal_id', '=', appealId)
    .orderBy('id')
    .execute();
  const answers = await db
    .selectFrom('answers')
    .select(['kind', 'body', 'outcome', 'status', 'author_id', 'reviewer_id', 'review_comment'])
    .where('appeal_id', '=', appealId)
    .orderBy('id')
    .execute();
  return { appeal, events, answers };
}

/** Records a lesson's first pass; false when this person had already passed it. */
export async function insertLessonCompletion(
  tx: Db,
  row: Insertable<TrainingLessonCompletionsTable>,
): Promise<boolean> {
  const inserted = await tx
    .insertInto('training_lesson_completions')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'lesson_id']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The lessons these people have passed, and when. */
export async function lessonCompletions(db: Db, userIds: number[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('training_lesson_completions')
    .select(['user_id', 'lesson_id', 'completed_at'])
    .where('user_id', 'in', userIds)
    .execute();
}

/** Active staff of these units (every unit when `null`), by unit then name. */
export function activeStaffOf(db: Db, unitIds: number[] | null) {
  let query = db
    .selectFrom('users')
    .select(['id', 'login', 'full_name', 'role', 'unit_id'])
    .where('active', '=', true);
  if (unitIds !== null) query = query.where('unit_id', 'in', unitIds.length > 0 ? unitIds : [0]);
  return query.orderBy('unit_id').orderBy('full_name').orderBy('login').execute();
}
