import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type {
  AnswersTable,
  AppealEventsTable,
  AppealPatch,
  AppealUnitsTable,
  NlpExamplesTable,
} from '../db/schema.ts';

// SQL only: what the change kernel (`applyChange`) and its planner read and write inside the caller's
// transaction. Which change is allowed and what it writes is decided in change-appeal.ts and appeal-actions.ts.

/** A staff account by login, as a change needs it (executor, officer complained about). */
export function userByLogin(tx: Db, login: string) {
  return tx
    .selectFrom('users')
    .select(['id', 'unit_id', 'active', 'login'])
    .where('login', '=', login)
    .executeTakeFirst();
}

/** The units working the appeal, in no particular order. */
export function assignedUnits(tx: Db, appealId: number) {
  return tx.selectFrom('appeal_units').select('unit_id').where('appeal_id', '=', appealId).execute();
}

/** Whether any unit works the appeal (one row at most). */
export function anyAssignedUnit(tx: Db, appealId: number) {
  return tx.selectFrom('appeal_units').select('unit_id').where('appeal_id', '=', appealId).limit(1).execute();
}

/** The newest unreviewed draft answer or conclusion, if any. */
export function newestDraft(tx: Db, appealId: number, kind: 'answer' | 'conclusion') {
  return tx
    .selectFrom('answers')
    .selectAll()
    .where('appeal_id', '=', appealId)
    .where('kind', '=', kind)
    .where('status', '=', 'draft')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Writes the appeal's new columns. */
export async function updateAppeal(tx: Db, appealId: number, patch: AppealPatch): Promise<void> {
  await tx.updateTable('appeals').set(patch).where('id', '=', appealId).execute();
}

/** Replaces the units working the appeal with these rows. */
export async function replaceUnits(
  tx: Db,
  appealId: number,
  rows: Insertable<AppealUnitsTable>[],
): Promise<void> {
  await tx.deleteFrom('appeal_units').where('appeal_id', '=', appealId).execute();
  await tx.insertInto('appeal_units').values(rows).execute();
}

/** Settles the appeal's unreviewed drafts of one kind: approved, returned or superseded. */
export async function settleDrafts(
  tx: Db,
  appealId: number,
  kind: 'answer' | 'conclusion',
  review: {
    status: 'approved' | 'returned';
    reviewer_id?: number | null;
    reviewed_at?: Date;
    review_comment: string | null;
  },
): Promise<void> {
  await tx
    .updateTable('answers')
    .set(review)
    .where('appeal_id', '=', appealId)
    .where('kind', '=', kind)
    .where('status', '=', 'draft')
    .execute();
}

/** Stores a new draft answer or conclusion and returns its id. */
export async function insertAnswer(tx: Db, row: Insertable<AnswersTable>): Promise<number> {
  const inserted = await tx.insertInto('answers').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** Moves the files of the appeal's returned drafts of one kind onto the given draft. */
export async function carryReturnedFiles(
  tx: Db,
  appealId: number,
  kind: 'answer' | 'conclusion',
  draftId: number,
): Promise<void> {
  await tx
    .updateTable('attachments')
    .set({ answer_id: draftId })
    .where('appeal_id', '=', appealId)
    .where('answer_id', 'in', (eb) =>
      eb
        .selectFrom('answers')
        .select('answers.id')
        .where('answers.appeal_id', '=', appealId)
        .where('answers.kind', '=', kind)
        .where('answers.status', '=', 'returned'),
    )
    .execute();
}

/** Appends one line to the appeal's history; returns its id. */
export async function insertEvent(tx: Db, row: Insertable<AppealEventsTable>): Promise<number> {
  const inserted = await tx.insertInto('appeal_events').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** Keeps a clerk's correction as an example for the language layer's next training. */
export async function insertTrainingExample(tx: Db, row: Insertable<NlpExamplesTable>): Promise<void> {
  await tx.insertInto('nlp_examples').values(row).execute();
}
