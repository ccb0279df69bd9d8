import { type Kysely, sql } from 'kysely';

// The Telegram bot's memory, so that a restart neither loses nor repeats an update:
// - telegram_bot: one row, the last update_id taken for handling and the lease of the one process that
//   polls (Telegram allows a single getUpdates caller per bot).
// - telegram_chats: per chat, the language chosen at /start and the conversation so far, sealed (a half
//   filled appeal holds a name, an address, a phone number).
// - telegram_appeals: the chat an appeal was filed from, where its later notices are pushed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table telegram_bot (
      id smallint primary key default 1 check (id = 1),
      last_update_id bigint not null default 0,
      poller text,
      lease_until timestamptz
    )
  `.execute(db);
  await sql`insert into telegram_bot (id) values (1)`.execute(db);
  await sql`
    create table telegram_chats (
      chat_id bigint primary key,
      language text check (language in ('uz', 'oz', 'ru', 'en')),
      state bytea,
      updated_at timestamptz not null
    )
  `.execute(db);
  await sql`
    create table telegram_appeals (
      appeal_id integer primary key references appeals(id),
      chat_id bigint not null,
      created_at timestamptz not null
    )
  `.execute(db);
}
