import type { AnswerLanguage } from '../../contracts/enums.ts';
import type { AnswerTemplateInput } from '../../contracts/templates.schema.ts';
import type { Db } from '../db/database.ts';

// SQL only: answer templates.

/** Templates, active ones only unless `all`; with a category, those for it and those for any category. */
export function findTemplates(
  db: Db,
  filter: { category?: string | undefined; language?: AnswerLanguage | undefined; all: boolean },
) {
  let query = db.selectFrom('answer_templates').selectAll();
  if (!filter.all) query = query.where('active', '=', true);
  if (filter.language) query = query.where('language', '=', filter.language);
  if (filter.category) {
    const category = filter.category;
    query = query.where((eb) => eb.or([eb('category_code', '=', category), eb('category_code', 'is', null)]));
  }
  return query.orderBy('category_code').orderBy('language').orderBy('outcome').orderBy('id').execute();
}

/** Stores a new template and returns its id. */
export async function insertTemplate(db: Db, input: AnswerTemplateInput, userId: number, now: Date) {
  const row = await db
    .insertInto('answer_templates')
    .values({
      category_code: input.category,
      language: input.language,
      outcome: input.outcome,
      title: input.title,
      body: input.body,
      active: input.active,
      created_at: now,
      updated_at: now,
      updated_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces a template; false when there is none with this id. */
export async function updateTemplate(
  db: Db,
  id: number,
  input: AnswerTemplateInput,
  userId: number,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('answer_templates')
    .set({
      category_code: input.category,
      language: input.language,
      outcome: input.outcome,
      title: input.title,
      body: input.body,
      active: input.active,
      updated_at: now,
      updated_by: userId,
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Adds the shipped starter templates once per database: claims the settings key `key` and inserts the rows
 * for categories that exist; false when the key was claimed before (administrators own them since).
 */
export async function installStarterTemplates(
  db: Db,
  key: string,
  rows: { category: string; language: string; outcome: string; title: string; body: string }[],
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
    const known = new Set((await tx.selectFrom('categories').select('code').execute()).map((c) => c.code));
    const fitting = rows.filter((row) => known.has(row.category));
    if (fitting.length > 0)
      await tx
        .insertInto('answer_templates')
        .values(
          fitting.map((row) => ({
            category_code: row.category,
            language: row.language as AnswerTemplateInput['language'],
            outcome: row.outcome as AnswerTemplateInput['outcome'],
            title: row.title,
            body: row.body,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    return true;
  });
}
