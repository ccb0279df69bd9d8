import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AttachmentsTable } from '../db/schema.ts';

// SQL only: what the appeal card shows beside the appeal itself, and the files that go out with the answer.

/** Files of the appeal and of its answers, oldest first. */
export function attachmentsOf(db: Db, appealId: number) {
  return db
    .selectFrom('attachments')
    .select(['id', 'answer_id', 'filename', 'mime', 'size', 'reencoded'])
    .where('appeal_id', '=', appealId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** One attachment of the appeal. */
export function attachmentOf(db: Db, appealId: number, id: string) {
  return db
    .selectFrom('attachments')
    .select(['id', 'filename', 'mime', 'size', 'reencoded'])
    .where('appeal_id', '=', appealId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Active staff of the given units who can take an appeal as its executor. */
export function staffOfUnits(db: Db, unitIds: number[]) {
  return db
    .selectFrom('users')
    .select(['id', 'login', 'full_name', 'role', 'unit_id'])
    .where('unit_id', 'in', unitIds)
    .where('active', '=', true)
    .where('role', 'in', ['executor', 'head', 'internal_security'])
    .orderBy('role')
    .orderBy('login')
    .limit(500)
    .execute();
}

/** The units working the appeal. */
export async function workingUnitIds(db: Db, appealId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('appeal_units')
    .select('unit_id')
    .where('appeal_id', '=', appealId)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.unit_id);
}

/** How many files an answer holds. */
export async function countAnswerFiles(db: Db, answerId: number): Promise<number> {
  const held = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('answer_id', '=', answerId)
    .executeTakeFirstOrThrow();
  return Number(held.n);
}

/** Stores files of the appeal (on an answer when `answer_id` is set). */
export async function insertAttachments(db: Db, rows: Insertable<AttachmentsTable>[]): Promise<void> {
  await db.insertInto('attachments').values(rows).execute();
}

/** Takes one file off an answer; false when the answer holds no such file. */
export async function removeAnswerFile(db: Db, answerId: number, id: string): Promise<boolean> {
  const removed = await db
    .deleteFrom('attachments')
    .where('id', '=', id)
    .where('answer_id', '=', answerId)
    .returning('id')
    .executeTakeFirst();
  return removed !== undefined;
}

/** One file of the appeal that belongs to an approved answer or conclusion. */
export function approvedAnswerFile(db: Db, appealId: number, id: string) {
  return db
    .selectFrom('attachments as f')
    .innerJoin('answers as w', 'w.id', 'f.answer_id')
    .select(['f.id', 'f.filename', 'f.mime', 'f.size'])
    .where('f.id', '=', id)
    .where('f.appeal_id', '=', appealId)
    .where('w.status', '=', 'approved')
    .executeTakeFirst();
}
