import type { Db } from '../db/database.ts';

// SQL only: what a printed letter shows: the answer, its enclosures and the requisites of its body.

/** The requisites of the first unit in `unitIds` that has any (the body, then the ministry). */
export async function requisitesOf(db: Db, unitIds: number[]) {
  const rows = await db
    .selectFrom('unit_requisites')
    .select(['unit_id', 'address', 'phone', 'email', 'website'])
    .where('unit_id', 'in', unitIds)
    .execute();
  for (const id of unitIds) {
    const row = rows.find((r) => r.unit_id === id);
    if (row && (row.address || row.phone || row.email || row.website)) return row;
  }
  return undefined;
}

/** An answer of the appeal with the names of its author and reviewer. */
export function answerToPrint(db: Db, appealId: number, answerId: number) {
  return db
    .selectFrom('answers')
    .leftJoin('users as author', 'author.id', 'answers.author_id')
    .leftJoin('users as reviewer', 'reviewer.id', 'answers.reviewer_id')
    .select([
      'answers.kind',
      'answers.body',
      'answers.outcome',
      'answers.status',
      'answers.created_at',
      'answers.reviewed_at',
      'author.full_name as author_name',
      'author.login as author_login',
      'reviewer.full_name as reviewer_name',
      'reviewer.login as reviewer_login',
    ])
    .where('answers.id', '=', answerId)
    .where('answers.appeal_id', '=', appealId)
    .executeTakeFirst();
}

/** Every approved answer or conclusion of an appeal, newest first (each letter sent stays verifiable). */
export function approvedAnswerIds(db: Db, appealId: number) {
  return db
    .selectFrom('answers')
    .select('id')
    .where('appeal_id', '=', appealId)
    .where('status', '=', 'approved')
    .orderBy('id', 'desc')
    .execute();
}

/** The files attached to an answer, oldest first. */
export function enclosuresOf(db: Db, answerId: number) {
  return db
    .selectFrom('attachments')
    .select('filename')
    .where('answer_id', '=', answerId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
