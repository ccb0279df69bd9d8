import { type Insertable, sql } from 'kysely';
import type { Scope } from '../appeals/appeal.policy.ts';
import { inScope } from '../appeals/appeals.repository.ts';
import type { Db } from '../db/database.ts';
import type {
  AppealAnalysisTable,
  AppealLinksTable,
  NlpExamplesTable,
  NlpModelsTable,
} from '../db/schema.ts';

// SQL only: the language layer's tables (model versions, training examples, analyses, links between
// appeals) and the reads triage and similar answers make. What to train, link or route is decided in the
// use cases beside this file.

/** The version of the active model of a label set, if any. */
export function activeModelVersion(db: Db, labelSet: string) {
  return db
    .selectFrom('nlp_models')
    .select('version')
    .where('label_set', '=', labelSet)
    .where('active', '=', true)
    .executeTakeFirst();
}

/** The active model of a label set with its serialised classifier; throws when none is active. */
export function activeModel(db: Db, labelSet: string) {
  return db
    .selectFrom('nlp_models')
    .select(['version', 'model'])
    .where('label_set', '=', labelSet)
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
}

/** Whether any model of a label set is active. */
export function anyActiveModel(tx: Db, labelSet: string) {
  return tx
    .selectFrom('nlp_models')
    .select('id')
    .where('label_set', '=', labelSet)
    .where('active', '=', true)
    .executeTakeFirst();
}

/** One model version's id, if stored. */
export function modelIdOf(db: Db, version: string) {
  return db.selectFrom('nlp_models').select('id').where('version', '=', version).executeTakeFirst();
}

/** Stores a model version unless that version is already stored. */
export async function insertModelUnlessStored(tx: Db, row: Insertable<NlpModelsTable>): Promise<void> {
  await tx
    .insertInto('nlp_models')
    .values(row)
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
}

/** Stores a new model version. */
export async function insertModel(tx: Db, row: Insertable<NlpModelsTable>): Promise<void> {
  await tx.insertInto('nlp_models').values(row).execute();
}

/** Every model version with its evaluation, newest first. */
export function modelVersions(db: Db) {
  return db
    .selectFrom('nlp_models')
    .select(['version', 'label_set', 'created_at', 'created_by', 'examples', 'evaluation', 'active'])
    .orderBy('id', 'desc')
    .execute();
}

/** How many model versions are stored (of every label set). */
export async function countModels(db: Db): Promise<number> {
  const row = await db
    .selectFrom('nlp_models')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** One model version's id and label set, if stored. */
export function modelByVersion(tx: Db, version: string) {
  return tx
    .selectFrom('nlp_models')
    .select(['id', 'label_set'])
    .where('version', '=', version)
    .executeTakeFirst();
}

/** Makes one model the only active one of its label set. */
export async function activateModel(tx: Db, model: { id: number; label_set: string }): Promise<void> {
  await tx
    .updateTable('nlp_models')
    .set({ active: false })
    .where('label_set', '=', model.label_set)
    .execute();
  await tx.updateTable('nlp_models').set({ active: true }).where('id', '=', model.id).execute();
}

/** The training examples of a label set: texts, labels and where each came from. */
export function examplesOf(db: Db, labelSet: string) {
  return db
    .selectFrom('nlp_examples')
    .select(['text', 'label', 'source'])
    .where('label_set', '=', labelSet)
    .execute();
}

/** Stores training examples. */
export async function insertExamples(tx: Db, rows: Insertable<NlpExamplesTable>[]): Promise<void> {
  await tx.insertInto('nlp_examples').values(rows).execute();
}

/** One appeal by id, unlocked. */
export function appealById(db: Db, appealId: number) {
  return db.selectFrom('appeals').selectAll().where('id', '=', appealId).executeTakeFirst();
}

/** Whether triage has already read the appeal. */
export function analysisExists(db: Db, appealId: number) {
  return db
    .selectFrom('appeal_analysis')
    .select('appeal_id')
    .where('appeal_id', '=', appealId)
    .executeTakeFirst();
}

/** Up to 20 appeals received before this one with the same personal number or phone hash, newest first. */
export async function earlierAppealsOf(
  db: Db,
  appealId: number,
  hashes: { pinfl: Buffer | null; phone: Buffer | null },
): Promise<number[]> {
  const rows = await db
    .selectFrom('appeals')
    .select('id')
    .where('id', '<', appealId)
    .where((eb) => {
      const same = [];
      if (hashes.pinfl) same.push(eb('pinfl_hash', '=', hashes.pinfl));
      if (hashes.phone) same.push(eb('phone_hash', '=', hashes.phone));
      return eb.or(same.length > 0 ? same : [eb.val(false)]);
    })
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Up to 500 other analysed appeals sharing an LSH band with these, with their MinHash, applicant hashes and
 * status.
 */
export function bandNeighbours(db: Db, appealId: number, bands: readonly number[]) {
  return db
    .selectFrom('appeal_analysis')
    .innerJoin('appeals', 'appeals.id', 'appeal_analysis.appeal_id')
    .select([
      'appeal_analysis.appeal_id',
      'appeal_analysis.minhash',
      'appeals.phone_hash',
      'appeals.name_hash',
      'appeals.status',
    ])
    .where(sql<boolean>`appeal_analysis.bands && ${sql.val(bands)}::bigint[]`)
    .where('appeal_analysis.appeal_id', '!=', appealId)
    .limit(500)
    .execute();
}

/** Stores triage's reading of an appeal, unless one is stored already. */
export async function insertAnalysis(tx: Db, row: Insertable<AppealAnalysisTable>): Promise<void> {
  await tx
    .insertInto('appeal_analysis')
    .values(row)
    .onConflict((oc) => oc.column('appeal_id').doNothing())
    .execute();
}

/** Stores links between appeals, skipping those already stored. */
export async function insertLinks(tx: Db, rows: Insertable<AppealLinksTable>[]): Promise<void> {
  await tx
    .insertInto('appeal_links')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * The answered real appeals in scope, other than this one, whose canonical text matches the full-text query,
 * with their approved answer, ranked by `ts_rank_cd`; within one category when one is given.
 */
export function similarAnsweredAppeals(
  db: Db,
  options: { appealId: number; query: string; scope: Scope; categoryCode: string | null; limit: number },
) {
  const { query } = options;
  let candidates = db
    .selectFrom('appeals')
    .innerJoin('answers', (join) =>
      join
        .onRef('answers.appeal_id', '=', 'appeals.id')
        .on('answers.status', '=', 'approved')
        .on('answers.kind', '=', 'answer'),
    )
    .select([
      'appeals.number',
      'appeals.category_code',
      'appeals.outcome',
      'appeals.closed_at',
      sql<string>`left(appeals.text, 300)`.as('excerpt'),
      'answers.body',
      sql<number>`ts_rank_cd(appeals.text_terms, websearch_to_tsquery('simple', ${query}))`.as('rank'),
    ])
    .where('appeals.status', '=', 'answered')
    .where('appeals.sandbox', '=', false)
    .where('appeals.id', '!=', options.appealId)
    .where(sql<boolean>`appeals.text_terms @@ websearch_to_tsquery('simple', ${query})`, '=', true)
    .where(inScope(options.scope));
  if (options.categoryCode) candidates = candidates.where('appeals.category_code', '=', options.categoryCode);
  // A group's one answer is every member's: it is offered once, under its best-ranked member.
  const distinctAnswers = candidates
    .distinctOn('answers.body')
    .orderBy('answers.body')
    .orderBy('rank', 'desc');
  return db
    .selectFrom(distinctAnswers.as('c'))
    .selectAll()
    .orderBy('rank', 'desc')
    .limit(options.limit)
    .execute();
}
