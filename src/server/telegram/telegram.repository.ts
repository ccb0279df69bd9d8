import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

// SQL only: the Telegram bot's tables (migration 20261203T1610-telegram).

/**
 * Takes an update for handling: moves the last handled update_id forward only if this one is newer. Exactly
 * one caller (of every process) gets true for each update, so a restart or a redelivered webhook never
 * handles it twice.
 */
export async function claimUpdate(db: Db, updateId: number): Promise<boolean> {
  const claimed = await db
    .updateTable('telegram_bot')
    .set({ last_update_id: updateId })
    .where('id', '=', 1)
    .where('last_update_id', '<', updateId)
    .returning('last_update_id')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** The last update_id taken for handling (0 before the first). */
export async function lastUpdateId(db: Db): Promise<number> {
  const row = await db
    .selectFrom('telegram_bot')
    .select('last_update_id')
    .where('id', '=', 1)
    .executeTakeFirst();
  return row?.last_update_id ?? 0;
}

/**
 * Takes or renews the polling lease for `poller` until `until`; true while this process is the one poller
 * (its own lease, or nobody's lease is current).
 */
export async function takePollingLease(db: Db, poller: string, now: Date, until: Date): Promise<boolean> {
  const row = await db
    .updateTable('telegram_bot')
    .set({ poller, lease_until: until })
    .where('id', '=', 1)
    .where((eb) =>
      eb.or([eb('poller', '=', poller), eb('lease_until', 'is', null), eb('lease_until', '<', now)]),
    )
    .returning('poller')
    .executeTakeFirst();
  return row !== undefined;
}

/** Gives the polling lease up at a clean stop, so another process may take it at once. */
export async function releasePollingLease(db: Db, poller: string): Promise<void> {
  await db
    .updateTable('telegram_bot')
    .set({ poller: null, lease_until: null })
    .where('id', '=', 1)
    .where('poller', '=', poller)
    .execute();
}

/** One chat as stored. */
export interface ChatRow {
  chat_id: number;
  language: 'uz' | 'oz' | 'ru' | 'en' | 'kaa' | null;
  state: Buffer | null;
}

/** The chat's row, if the bot has spoken with it. */
export function findChat(db: Db, chatId: number): Promise<ChatRow | undefined> {
  return db
    .selectFrom('telegram_chats')
    .select(['chat_id', 'language', 'state'])
    .where('chat_id', '=', chatId)
    .executeTakeFirst();
}

/** Writes the chat's language and sealed conversation. */
export async function saveChat(
  db: Db,
  chat: { chatId: number; language: ChatRow['language']; state: Buffer | null; now: Date },
): Promise<void> {
  await db
    .insertInto('telegram_chats')
    .values({ chat_id: chat.chatId, language: chat.language, state: chat.state, updated_at: chat.now })
    .onConflict((oc) =>
      oc.column('chat_id').doUpdateSet({ language: chat.language, state: chat.state, updated_at: chat.now }),
    )
    .execute();
}

/** Remembers the chat an appeal was filed from, or the newest chat that asked for its notices. */
export async function linkAppealToChat(
  db: Db,
  link: { appealNumber: string; chatId: number; now: Date },
): Promise<void> {
  await sql`
    insert into telegram_appeals (appeal_id, chat_id, created_at)
    select id, ${link.chatId}, ${link.now} from appeals where number = ${link.appealNumber}
    on conflict (appeal_id) do update set chat_id = excluded.chat_id, created_at = excluded.created_at
  `.execute(db);
}

/** The chat an appeal was filed from, if it came through the bot. */
export async function chatOfAppeal(db: Db, appealId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('telegram_appeals')
    .select('chat_id')
    .where('appeal_id', '=', appealId)
    .executeTakeFirst();
  return row?.chat_id;
}
