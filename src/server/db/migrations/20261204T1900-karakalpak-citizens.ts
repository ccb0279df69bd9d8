import { type Kysely, sql } from 'kysely';

// Karakalpak (`kaa`) for citizens (issue 17): a Telegram chat may choose it, and the chatbot records questions
// asked and hand-offs requested in it. Knowledge-base articles stay in the four interface languages the console
// edits them in; a Karakalpak question is answered from them.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['telegram_chats', 'chat_asks', 'chat_handoffs']) {
    const constraint = `${table}_language_check`;
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(constraint)}`.execute(db);
    await sql`
      alter table ${sql.table(table)} add constraint ${sql.ref(constraint)}
        check (language in ('uz', 'oz', 'ru', 'en', 'kaa'))`.execute(db);
  }
}
