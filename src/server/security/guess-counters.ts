import type { Db } from '../db/database.ts';
import { afterGuess, afterRightGuess, type GuessCount, type GuessPolicy, isHeld } from './back-off.ts';
import {
  deleteCounters,
  deleteForgotten,
  heldAfter,
  heldCounters,
  lockCounters,
  writeCounter,
} from './guess-counters.repository.ts';

// Guesses counted per source in one table shared by every server process (guess-counters.repository.ts);
// the back-off arithmetic is back-off.ts's.

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
    for (const { source, count } of next) await writeCounter(tx, source.key, count);
    return {
      allowed: true,
      newlyHeld: next.filter(({ count }) => count.heldUntil !== null),
      fresh: next.some(({ count }) => count.failures === 1),
    };
  });
  if (fresh) await deleteForgotten(db, now, PRUNE_BATCH);
  return { allowed, newlyHeld };
}

/** Gives back the guess `takeGuess` took from these sources: it turned out right. */
export async function giveBackGuess(db: Db, sources: GuessSource[], now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const counts = await lockCounts(tx, sources, now);
    for (const source of sources) {
      const count = counts.get(source);
      if (count) await writeCounter(tx, source.key, afterRightGuess(source.policy, count));
    }
  });
}

/** Counts a wrong guess after it was checked (for look-ups that only ask `isHeldNow` first). */
export async function countWrongGuess(db: Db, source: GuessSource, now: Date): Promise<GuessCount> {
  const count = await db.transaction().execute(async (tx) => {
    const counts = await lockCounts(tx, [source], now);
    const next = afterGuess(source.policy, counts.get(source), now);
    await writeCounter(tx, source.key, next);
    return next;
  });
  if (count.failures === 1) await deleteForgotten(db, now, PRUNE_BATCH);
  return count;
}

/** True while the source is held. */
export function isHeldNow(db: Db, key: Buffer, now: Date): Promise<boolean> {
  return heldAfter(db, key, now);
}

/** When each of these sources that is held now will be free again, by key (hex). */
export async function holdsOf(db: Db, keys: Buffer[], now: Date): Promise<Map<string, Date>> {
  if (keys.length === 0) return new Map();
  const rows = await heldCounters(db, keys, now);
  return new Map(rows.flatMap((r) => (r.held_until ? [[r.key.toString('hex'), r.held_until]] : [])));
}

/** Forgets the guesses of these sources (an administrator has reset the account). */
export async function forgetGuesses(db: Db, keys: Buffer[]): Promise<void> {
  if (keys.length > 0) await deleteCounters(db, keys);
}

/** Locks the counts of these sources, creating those not counted yet. */
async function lockCounts(tx: Db, sources: GuessSource[], now: Date): Promise<Map<GuessSource, GuessCount>> {
  const rows = await lockCounters(
    tx,
    sources.map((s) => s.key),
    now,
  );
  const byKey = new Map(rows.map((r) => [r.key.toString('hex'), r]));
  const counts = new Map<GuessSource, GuessCount>();
  for (const source of sources) {
    const row = byKey.get(source.key.toString('hex'));
    if (row)
      counts.set(source, { failures: row.failures, heldUntil: row.held_until, forgetAt: row.forget_at });
  }
  return counts;
}
