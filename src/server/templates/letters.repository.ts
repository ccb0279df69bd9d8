import type { Db } from '../db/database.ts';

// SQL only: the requisites printed on letters.

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
