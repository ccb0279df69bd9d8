import type { Db } from '../db/database.ts';

// SQL only: the guess_counters table, shared by every server process. Rows are locked while a count
// changes, so simultaneous guesses are all counted.

/** One counter as stored. */
export interface CounterRow {
  key: Buffer;
  failures: number;
  held_until: Date | null;
  forget_at: Date;
}

/**
 * Creates the missing counters and locks all of them, in key order so that two guesses sharing keys never
 * wait for each other in a circle. A new counter counts nothing yet and is forgotten at once.
 */
export function lockCounters(tx: Db, keys: Buffer[], now: Date): Promise<CounterRow[]> {
  const ordered = [...keys].sort(Buffer.compare);
  return tx
    .insertInto('guess_counters')
    .values(ordered.map((key) => ({ key, failures: 0, held_until: null, forget_at: now })))
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ key: eb.ref('excluded.key') })))
    .returning(['key', 'failures', 'held_until', 'forget_at'])
    .execute();
}

/** Writes one counter. */
export async function writeCounter(
  tx: Db,
  key: Buffer,
  count: { failures: number; heldUntil: Date | null; forgetAt: Date },
): Promise<void> {
  await tx
    .updateTable('guess_counters')
    .set({ failures: count.failures, held_until: count.heldUntil, forget_at: count.forgetAt })
    .where('key', '=', key)
    .execute();
}

/** Deletes up to `limit` counters whose forgetting time has passed. */
export async function deleteForgotten(db: Db, now: Date, limit: number): Promise<void> {
  await db
    .deleteFrom('guess_counters')
    .where(
      'key',
      'in',
      db.selectFrom('guess_counters').select('key').where('forget_at', '<', now).limit(limit),
    )
    .execute();
}

/** The counters among `keys` that hold their source back after `now`. */
export function heldCounters(db: Db, keys: Buffer[], now: Date) {
  return db
    .selectFrom('guess_counters')
    .select(['key', 'held_until'])
    .where('key', 'in', keys)
    .where('held_until', '>', now)
    .execute();
}

/** Whether the counter of `key` holds its source back after `now`. */
export async function heldAfter(db: Db, key: Buffer, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('guess_counters')
    .select('held_until')
    .where('key', '=', key)
    .where('held_until', '>', now)
    .executeTakeFirst();
  return row !== undefined;
}

/** Deletes the counters of these keys. */
export async function deleteCounters(db: Db, keys: Buffer[]): Promise<void> {
  await db.deleteFrom('guess_counters').where('key', 'in', keys).execute();
}
