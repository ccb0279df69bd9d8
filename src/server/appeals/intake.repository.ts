import { type Insertable, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type {
  AnswersTable,
  AppealEventsTable,
  AppealUnitsTable,
  AttachmentsTable,
  NewAppealRow,
} from '../db/schema.ts';

// SQL only: what the intake writer stores for a batch of new appeals, inside its transaction. Numbers,
// encryption and the order of writes are decided in intake-writer.ts.

/**
 * Adds `count` to the year's counter (creating it on the year's first appeal) and returns the last number
 * taken; the counter row stays locked until the transaction ends, which keeps numbers gap-free.
 */
export async function takeSequence(tx: Db, year: number, count: number): Promise<number | undefined> {
  const { rows } = await sql<{ last_seq: number }>`
      insert into appeal_counters (year, last_seq) values (${year}, ${count})
      on conflict (year) do update set last_seq = appeal_counters.last_seq + ${count}
      returning last_seq`.execute(tx);
  return rows[0]?.last_seq;
}

/** Stores new appeals and returns their ids by number. */
export function insertAppeals(tx: Db, rows: NewAppealRow[]) {
  return tx.insertInto('appeals').values(rows).returning(['id', 'number']).execute();
}

/** Stores the units working new appeals. */
export async function insertAppealUnits(tx: Db, rows: Insertable<AppealUnitsTable>[]): Promise<void> {
  await tx.insertInto('appeal_units').values(rows).execute();
}

/** Stores history lines of new appeals; returns their ids. */
export function insertEvents(tx: Db, rows: Insertable<AppealEventsTable>[]) {
  return tx
    .insertInto('appeal_events')
    .values(rows)
    .returning(['id', 'appeal_id', 'event', 'public'])
    .execute();
}

/** Stores draft conclusions written at intake. */
export async function insertAnswers(tx: Db, rows: Insertable<AnswersTable>[]): Promise<void> {
  await tx.insertInto('answers').values(rows).execute();
}

/** Stores the files sent with new appeals. */
export async function insertAttachments(tx: Db, rows: Insertable<AttachmentsTable>[]): Promise<void> {
  await tx.insertInto('attachments').values(rows).execute();
}
