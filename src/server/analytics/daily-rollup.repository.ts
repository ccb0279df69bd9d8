import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

// SQL only: keeping the daily roll-up of the leader views (docs/analytics.md, "The daily roll-up"). The rows of
// a day are defined once, by the database function `analytics_reroll` (migration 20261204T1700-daily-rollup).

/**
 * One re-roll or rebuild at a time (two re-rolls of the same day would both insert its rows), every statement
 * of it reading the same moment: the roll-ups and the snapshot of the appeals with a subject, which the views
 * subtract from them (`analytics_subject_appeals`), must agree, or a viewer's figures would move with an
 * appeal hidden from him. So the transaction is repeatable read, and its first statement is a lock that
 * conflicts with itself but not with readers. A LOCK takes no snapshot: the transaction's snapshot is taken
 * after the lock is granted, so it sees what the re-roll before it committed (PostgreSQL manual, "LOCK").
 */
function exclusively<T>(db: Db, body: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      await sql`lock table analytics_subject_appeals in share row exclusive mode`.execute(tx);
      return body(tx);
    });
}

/**
 * Re-rolls the days of receipt the triggers marked since the last run. The marks it deletes and the appeals
 * it reads are of one snapshot, so a change committed after that keeps its mark for the next run: nothing is
 * lost between runs. Returns how many days were re-rolled (by receipt, by answer, or both).
 */
export function rerollDirtyDays(db: Db): Promise<number> {
  return exclusively(db, async (tx) => {
    const marked = await tx.deleteFrom('analytics_dirty_days').returning('day').execute();
    const days = [...new Set(marked.map((r) => String(r.day)))];
    if (days.length > 0) await sql`select analytics_reroll(${sql.val(days)}::date[])`.execute(tx);
    // The answers' roll-up, by the day of the answer (the workload view).
    const answered = await tx.deleteFrom('analytics_dirty_answer_days').returning('day').execute();
    const answerDays = [...new Set(answered.map((r) => String(r.day)))];
    if (answerDays.length > 0) {
      await sql`select analytics_reroll_answers(${sql.val(answerDays)}::date[])`.execute(tx);
    }
    return new Set([...days, ...answerDays]).size;
  });
}

/** Every day's rows recounted: the roll-ups by day of receipt, and the answers' by day of the answer. */
export const rerollEveryDay = sql`
  select analytics_reroll(array(select distinct received_on from appeals)),
         analytics_reroll_answers(array(
           select distinct (closed_at at time zone 'Asia/Tashkent')::date from appeals where closed_at is not null))`;

/** The roll-up tables, emptied before every day is recounted. */
export const rollupTables = [
  'analytics_dirty_days',
  'analytics_dirty_answer_days',
  'analytics_daily',
  'analytics_daily_answer_days',
  'analytics_monthly',
  'analytics_monthly_answer_days',
  'analytics_territory_daily',
  'analytics_territory_monthly',
  'analytics_answered_daily',
  'analytics_answered_monthly',
  'analytics_subject_appeals',
] as const;

/** Recounts every day from the appeals (`murojaat analytics rollup --rebuild`, and after a bulk seed). */
export function rebuildRollup(db: Db): Promise<{ days: number }> {
  return exclusively(db, async (tx) => {
    for (const table of rollupTables) await tx.deleteFrom(table).execute();
    await rerollEveryDay.execute(tx);
    const { rows } = await sql<{ days: number }>`
      select count(distinct received_on)::int as days from appeals`.execute(tx);
    return { days: rows[0]?.days ?? 0 };
  });
}

/** Runs `body` while no re-roll can start (the tests hold the roll-up behind the appeals). */
export function holdingRerolls<T>(db: Db, body: () => Promise<T>): Promise<T> {
  return exclusively(db, body);
}

/**
 * Reads the roll-ups and the snapshot of the hidden appeals (`analytics_subject_appeals`) as of one moment,
 * one read after another in one repeatable-read transaction. Read on separate connections, a re-roll
 * committing between them gave the old sums less the new hidden part: the dip the snapshot exists to
 * prevent (found by review, 5 Dec 2026).
 */
export function asOfOneReroll<T>(db: Db, read: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(read);
}
