import { type Kysely, sql } from 'kysely';

// The chatbot's knowledge base and what it keeps of conversations. Articles are written by administrators in
// four languages. A question is personal data as much as an appeal is: its text is kept (sealed) only while
// it went unanswered, so that an administrator can write the next article, and only for a limited time; an
// answered question leaves the article, the language and the feedback behind, never its words.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table knowledge_articles (
      id serial primary key,
      language text not null check (language in ('uz', 'oz', 'ru', 'en')),
      title text not null,
      body text not null,
      keywords text not null default '',
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      updated_by integer references users(id)
    )`.execute(db);
  await sql`
    create table chat_asks (
      id uuid primary key,
      asked_at timestamptz not null,
      language text not null check (language in ('uz', 'oz', 'ru', 'en')),
      channel text not null check (channel in ('api', 'portal', 'telegram')),
      article_id integer references knowledge_articles(id),
      score real not null default 0,
      emergency boolean not null default false,
      question bytea,
      helpful boolean,
      feedback_at timestamptz,
      handed_off_at timestamptz
    )`.execute(db);
  await sql`create index chat_asks_unanswered_idx on chat_asks (asked_at desc) where question is not null`.execute(
    db,
  );
  await sql`create index chat_asks_article_idx on chat_asks (article_id) where article_id is not null`.execute(
    db,
  );
  await sql`
    create table chat_handoffs (
      id serial primary key,
      ask_id uuid not null unique references chat_asks(id),
      language text not null check (language in ('uz', 'oz', 'ru', 'en')),
      -- The question and how to reach the person, sealed: an operator reads them to call back.
      request bytea not null,
      created_at timestamptz not null,
      done_at timestamptz,
      done_by integer references users(id)
    )`.execute(db);
  await sql`create index chat_handoffs_open_idx on chat_handoffs (created_at) where done_at is null`.execute(
    db,
  );
}
