import { type Insertable, sql } from 'kysely';
import type { CitizenLanguage, UiLanguage } from '../../contracts/enums.ts';
import type { KnowledgeArticleInput } from '../../contracts/knowledge.schema.ts';
import type { Db } from '../db/database.ts';
import type { ChatAsksTable } from '../db/schema.ts';

// SQL only: the chatbot's knowledge base, the questions put to it and the hand-offs to operators.

/** The articles the chatbot answers from. */
export function findActiveArticles(db: Db) {
  return db
    .selectFrom('knowledge_articles')
    .select(['id', 'language', 'title', 'body', 'keywords'])
    .where('active', '=', true)
    .orderBy('id')
    .execute();
}

/** Every article, active or not, for administrators. */
export function findAllArticles(db: Db) {
  return db.selectFrom('knowledge_articles').selectAll().orderBy('language').orderBy('id').execute();
}

/** Stores a new article and returns its id. */
export async function insertArticle(db: Db, input: KnowledgeArticleInput, userId: number, now: Date) {
  const row = await db
    .insertInto('knowledge_articles')
    .values({ ...input, created_at: now, updated_at: now, updated_by: userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces an article; false when there is none with this id. */
export async function updateArticle(
  db: Db,
  id: number,
  input: KnowledgeArticleInput,
  userId: number,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('knowledge_articles')
    .set({ ...input, updated_at: now, updated_by: userId })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Adds the shipped starter articles once per database: claims the settings key `key` and inserts them; false
 * when the key was claimed before (administrators own the articles since).
 */
export async function installStarterArticles(
  db: Db,
  key: string,
  rows: { language: UiLanguage; title: string; body: string; keywords: string }[],
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const claimed = await tx
      .insertInto('settings')
      .values({ key, value: JSON.stringify(rows.length), updated_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) return false;
    if (rows.length > 0)
      await tx
        .insertInto('knowledge_articles')
        .values(rows.map((row) => ({ ...row, created_at: now, updated_at: now })))
        .execute();
    return true;
  });
}

/** Records one question and what the chatbot made of it. */
export async function insertAsk(
  db: Db,
  row: Omit<Insertable<ChatAsksTable>, 'helpful' | 'feedback_at' | 'handed_off_at'>,
): Promise<void> {
  await db
    .insertInto('chat_asks')
    .values({ ...row, helpful: null, feedback_at: null, handed_off_at: null })
    .execute();
}

/** Drops the words of questions asked before `before`: the unanswered list keeps them only so long. */
export async function forgetQuestionsBefore(db: Db, before: Date): Promise<void> {
  await db
    .updateTable('chat_asks')
    .set({ question: null })
    .where('question', 'is not', null)
    .where('asked_at', '<', before)
    .execute();
}

/** One question, by the id its answer carried. */
export function findAsk(db: Db, id: string) {
  return db
    .selectFrom('chat_asks')
    .select(['id', 'language', 'article_id', 'question', 'handed_off_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** "Was this helpful?" for one answer; the last word counts. False when there is no such question. */
export async function setHelpful(db: Db, id: string, helpful: boolean, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('chat_asks')
    .set({ helpful, feedback_at: now })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Writes an operator's task for a question (once per question) and marks the question handed off; false when
 * it was handed off before.
 */
export async function insertHandoff(
  db: Db,
  row: { askId: string; language: CitizenLanguage; request: Buffer; now: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('chat_handoffs')
    .values({ ask_id: row.askId, language: row.language, request: row.request, created_at: row.now })
    .onConflict((oc) => oc.column('ask_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  await db.updateTable('chat_asks').set({ handed_off_at: row.now }).where('id', '=', row.askId).execute();
  return true;
}

/** Questions no article answered whose words are still kept, newest first. */
export function findUnanswered(db: Db, limit: number) {
  return db
    .selectFrom('chat_asks')
    .select(['id', 'asked_at', 'language', 'question', 'handed_off_at'])
    .where('question', 'is not', null)
    .where('article_id', 'is', null)
    .orderBy('asked_at', 'desc')
    .limit(limit)
    .execute();
}

/** An administrator is done with an unanswered question: its words are dropped. False when none. */
export async function forgetQuestion(db: Db, id: string): Promise<boolean> {
  const result = await db
    .updateTable('chat_asks')
    .set({ question: null })
    .where('id', '=', id)
    .where('question', 'is not', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** For each article, how often it answered and how people rated it. */
export function findArticleFeedback(db: Db) {
  return db
    .selectFrom('chat_asks')
    .select((eb) => [
      'article_id',
      eb.fn.countAll<string>().as('answered'),
      sql<string>`count(*) filter (where helpful)`.as('helpful'),
      sql<string>`count(*) filter (where not helpful)`.as('not_helpful'),
    ])
    .where('article_id', 'is not', null)
    .groupBy('article_id')
    .execute();
}

/** Hand-offs, open ones first and oldest first, with the article that was shown (if any). */
export function findHandoffs(db: Db, options: { open: boolean; limit: number }) {
  let query = db
    .selectFrom('chat_handoffs as h')
    .innerJoin('chat_asks as a', 'a.id', 'h.ask_id')
    .leftJoin('knowledge_articles as k', 'k.id', 'a.article_id')
    .select([
      'h.id',
      'h.ask_id',
      'h.language',
      'h.request',
      'h.created_at',
      'h.done_at',
      'k.id as article_id',
      'k.title as article_title',
    ]);
  if (options.open) query = query.where('h.done_at', 'is', null);
  return query.orderBy(sql`h.done_at is null`, 'desc').orderBy('h.created_at').limit(options.limit).execute();
}

/** An operator has dealt with a hand-off; false when there is no open one with this id. */
export async function closeHandoff(db: Db, id: number, userId: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('chat_handoffs')
    .set({ done_at: now, done_by: userId })
    .where('id', '=', id)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
