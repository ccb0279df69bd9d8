import { type Insertable, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AppealEventsTable, NewAppealRow } from '../db/schema.ts';

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
