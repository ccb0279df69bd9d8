import type { Db } from '../db/database.ts';
import { afterGuess, afterRightGuess, type GuessCount, type GuessPolicy, isHeld } from './back-off.ts';

// SQL only: the guess_counters table, shared by every server process. Rows are locked while a count
// changes, so simultaneous guesses are all counted.

/** One source whose guesses are counted, under its keyed hash, with its policy. */
export interface GuessSource {
  key: Buffer;
  policy: GuessPolicy;
  /** What kind of source it is, for the audit trail (never the source itself). */
  kind: string;
}

// A fresh count now and then clears counts nobody has touched since their forgetting time.
const PRUNE_BATCH = 100;

/**
 * Takes one guess from every source at once, before the guess is checked, unless one of them is held:
 * then none is counted. Answers whether the guess may go ahead and which sources it put on hold.
 */
export async function takeGuess(
  db: Db,
  sources: GuessSource[],
  now: Date,
): Promise<{ allowed: boolean; newlyHeld: { source: GuessSource; count: GuessCount }[] }> {
  const { allowed, newlyHeld, fresh } = await db.transaction().execute(async (tx) => {
    const counts = await lockCounts(tx, sources, now);
    if (sources.some((source) => isHeld(counts.get(source), now)))
      return { allowed: false, newlyHeld: [], fresh: false };
    const next = sources.map((source) => ({
      source,
      count: afterGuess(source.policy, counts.get(source), now),
    }));
    for (const { source, count } of next) await writeCount(tx, source, count);
    return {
      allowed: true,
      newlyHeld: next.filter(({ count }) => count.heldUntil !== null),
      fresh: next.some(({ count }) => count.failures === 1),
    };
  });
  if (fresh) await pruneForgotten(db, now);
  return { allowed, newlyHeld };
}

/** Gives back the guess `takeGuess` took from these sources: it turned out right. */
export async function giveBackGuess(db: Db, sources: GuessSource[], now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const counts = await lockCounts(tx, sources, now);
    for (const source of sources) {
      const count = counts.get(source);
      if (count) await writeCount(tx, source, afterRightGuess(source.policy, count));
    }
  });
}

/** Counts a wrong guess after it was checked (for look-ups that only ask `isHeldNow` first). */
export async function countWrongGuess(db: Db, source: GuessSource, now: Date): Promise<GuessCount> {
  const count = await db.transaction().execute(async (tx) => {
    const counts = await lockCounts(tx, [source], now);
    const next = afterGuess(source.policy, counts.get(source), now);
    await writeCount(tx, source, next);
    return next;
  });
  if (count.failures === 1) await pruneForgotten(db, now);
  return count;
}

/** True while the source is held. */
export async function isHeldNow(db: Db, key: Buffer, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('guess_counters')
    .select('held_until')
    .where('key', '=', key)
    .where('held_until', '>', now)
    .executeTakeFirst();
  return row !== undefined;
}

/** When each of these sources that is held now will be free again, by key (hex). */
export async function holdsOf(db: Db, keys: Buffer[], now: Date): Promise<Map<string, Date>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('guess_counters')
    .select(['key', 'held_until'])
    .where('key', 'in', keys)
    .where('held_until', '>', now)
    .execute();
  return new Map(rows.flatMap((r) => (r.held_until ? [[r.key.toString('hex'), r.held_until]] : [])));
}

/** Forgets the guesses of these sources (an administrator has reset the account). */
export async function forgetGuesses(db: Db, keys: Buffer[]): Promise<void> {
  if (keys.length > 0) await db.deleteFrom('guess_counters').where('key', 'in', keys).execute();
}

/**
 * Creates the missing rows and locks all of them, in key order so that two guesses sharing sources never
 * wait for each other in a circle. A new row counts nothing yet and is forgotten at once.
 */
async function lockCounts(tx: Db, sources: GuessSource[], now: Date): Promise<Map<GuessSource, GuessCount>> {
  const ordered = [...sources].sort((a, b) => Buffer.compare(a.key, b.key));
  const rows = await tx
    .insertInto('guess_counters')
    .values(ordered.map((s) => ({ key: s.key, failures: 0, held_until: null, forget_at: now })))
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ key: eb.ref('excluded.key') })))
    .returning(['key', 'failures', 'held_until', 'forget_at'])
    .execute();
  const byKey = new Map(rows.map((r) => [r.key.toString('hex'), r]));
  const counts = new Map<GuessSource, GuessCount>();
  for (const source of sources) {
    const row = byKey.get(source.key.toString('hex'));
    if (row)
      counts.set(source, { failures: row.failures, heldUntil: row.held_until, forgetAt: row.forget_at });
  }
  return counts;
}

async function writeCount(tx: Db, source: GuessSource, count: GuessCount): Promise<void> {
  await tx
    .updateTable('guess_counters')
    .set({ failures: count.failures, held_until: count.heldUntil, forget_at: count.forgetAt })
    .where('key', '=', source.key)
    .execute();
}

async function pruneForgotten(db: Db, now: Date): Promise<void> {
  await db
    .deleteFrom('guess_counters')
    .where(
      'key',
      'in',
      db.selectFrom('guess_counters').select('key').where('forget_at', '<', now).limit(PRUNE_BATCH),
    )
    .execute();
}
