import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

// SQL only: what `murojaat import` reads and writes besides the rows intake's repository stores. Which row
// keeps its number, and what each imported appeal looks like, is decided in import-appeals.ts.

/** The import keys of these that an earlier run already brought in. */
export async function importedKeys(db: Db, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('appeal_imports')
    .select('import_key')
    .where('import_key', '=', sql<string>`any(${sql.val(keys)}::text[])`)
    .execute();
  return new Set(rows.map((r) => r.import_key));
}

/** Which of these numbers appeals already carry. */
export async function takenNumbers(db: Db, numbers: string[]): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  const rows = await db
    .selectFrom('appeals')
    .select('number')
    .where('number', '=', sql<string>`any(${sql.val(numbers)}::text[])`)
    .execute();
  return new Set(rows.map((r) => r.number));
}

/**
 * Locks the counters of these years (in year order, as intake takes them) and raises each to at least the
 * given sequence, so that numbers kept from the source are never handed out again.
 */
export async function raiseCounters(tx: Db, floors: Map<number, number>): Promise<void> {
  for (const [year, atLeast] of [...floors].sort(([a], [b]) => a - b)) {
    await sql`
      insert into appeal_counters (year, last_seq) values (${year}, ${atLeast})
      on conflict (year) do update set last_seq = greatest(appeal_counters.last_seq, excluded.last_seq)`.execute(
      tx,
    );
  }
}

/** Keeps the live feed quiet for the rest of the transaction (see the appeal-imports migration). */
export async function quietBulkLoad(tx: Db): Promise<void> {
  await sql`select set_config('murojaat.bulk_load', 'on', true)`.execute(tx);
}

/** Records which source rows became which appeals. */
export async function insertImportKeys(
  tx: Db,
  rows: {
    import_key: string;
    appeal_id: number;
    source_number: string | null;
    file_sha256: string;
    source_row: number;
    imported_at: Date;
  }[],
): Promise<void> {
  if (rows.length > 0) await tx.insertInto('appeal_imports').values(rows).execute();
}
