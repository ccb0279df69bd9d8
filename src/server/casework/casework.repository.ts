import type { Db } from '../db/database.ts';

// SQL only: what the appeal card shows beside the appeal itself.

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
