import { type RawBuilder, sql } from 'kysely';
import type { AppealType } from '../../contracts/enums.ts';
import type { RetentionSettings } from '../../contracts/retention.schema.ts';
import type { Db } from '../db/database.ts';

// SQL only: the retention setting, legal holds, and the anonymisation of appeals whose term has ended.

/** The settings key the terms are stored under. */
export const RETENTION_SETTING = 'retention';

/** The stored retention setting with who changed it last; undefined before anyone did. */
export async function readRetentionSetting(db: Db) {
  return db
    .selectFrom('settings')
    .leftJoin('users', 'users.id', 'settings.updated_by')
    .select(['settings.value', 'settings.updated_at', 'users.login'])
    .where('settings.key', '=', RETENTION_SETTING)
    .executeTakeFirst();
}

/** The legal hold on an appeal, with who placed it; undefined when none. */
export async function holdOf(db: Db, appealId: number) {
  return db
    .selectFrom('appeal_holds')
    .leftJoin('users', 'users.id', 'appeal_holds.held_by')
    .select(['appeal_holds.reason', 'appeal_holds.held_at', 'users.login', 'users.full_name'])
    .where('appeal_holds.appeal_id', '=', appealId)
    .executeTakeFirst();
}

/**
 * Locks the appeal's row for the rest of the transaction and says whether it was anonymised; a hold and
 * the job's anonymisation of the same appeal take this lock, so one of them sees the other's result.
 */
export async function lockForHold(db: Db, appealId: number): Promise<{ anonymised: boolean } | undefined> {
  const row = await db
    .selectFrom('appeals')
    .select('anonymised_at')
    .where('id', '=', appealId)
    .forUpdate()
    .executeTakeFirst();
  return row && { anonymised: row.anonymised_at !== null };
}

/** Places a hold; false when the appeal was already held. */
export async function insertHold(
  db: Db,
  row: { appealId: number; reason: string; userId: number; at: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('appeal_holds')
    .values({ appeal_id: row.appealId, reason: row.reason, held_by: row.userId, held_at: row.at })
    .onConflict((oc) => oc.column('appeal_id').doNothing())
    .returning('appeal_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Lifts a hold; returns its reason, or undefined when there was none. */
export async function deleteHold(db: Db, appealId: number): Promise<string | undefined> {
  const removed = await db
    .deleteFrom('appeal_holds')
    .where('appeal_id', '=', appealId)
    .returning('reason')
    .executeTakeFirst();
  return removed?.reason;
}

/** The configured type × outcome terms as a relation (empty when only the default applies). */
function termsRelation(settings: RetentionSettings): RawBuilder<unknown> {
  if (settings.terms.length === 0)
    return sql`(select null::text as type, null::text as outcome, null::int as years where false)`;
  const rows = settings.terms.map((t) => sql`(${t.type}::text, ${t.outcome}::text, ${t.years}::int)`);
  return sql`(values ${sql.join(rows)})`;
}

/**
 * The closed, not yet anonymised appeals whose term ended by `now`: the term of their type and outcome
 * (answered: the answer's outcome; otherwise how they ended), or the default, counted from the final answer.
 */
function dueAppeals(settings: RetentionSettings, now: Date): RawBuilder<unknown> {
  // The shortest term bounds the search on the index of closed, not yet anonymised appeals.
  const shortest = Math.min(settings.defaultYears, ...settings.terms.map((t) => t.years));
  return sql`
    select a.id, a.number, a.type, exists (select 1 from appeal_holds h where h.appeal_id = a.id) as held
    from appeals a
    left join ${termsRelation(settings)} as t (type, outcome, years)
      on t.type = a.type
     and t.outcome = case when a.status = 'answered' then a.outcome else a.status end
    where a.closed_at is not null
      and a.anonymised_at is null
      and a.closed_at <= ${now}::timestamptz - make_interval(years => ${shortest}::int)
      and a.status in ('answered', 'not_considered', 'forwarded', 'withdrawn', 'merged')
      and a.closed_at + make_interval(years => coalesce(t.years, ${settings.defaultYears}::int)) <= ${now}`;
}

/** How many appeals are due, per type and held or not (what a dry run reports). */
export async function countDue(
  db: Db,
  settings: RetentionSettings,
  now: Date,
): Promise<{ type: AppealType; held: boolean; n: number }[]> {
  const { rows } = await sql<{ type: AppealType; held: boolean; n: number }>`
    select d.type, d.held, count(*)::int as n from (${dueAppeals(settings, now)}) d
    group by d.type, d.held`.execute(db);
  return rows;
}

/**
 * Takes up to `limit` due appeals that are not on hold, locking them (rows another run holds are
 * skipped). A hold placed after this lock waits for the transaction, and sees the appeal anonymised.
 */
export async function takeDue(
  db: Db,
  settings: RetentionSettings,
  now: Date,
  limit: number,
): Promise<{ id: number; number: string; type: AppealType }[]> {
  const { rows } = await sql<{ id: string | number; number: string; type: AppealType }>`
    select a.id, a.number, a.type from appeals a
    where a.id in (select d.id from (${dueAppeals(settings, now)}) d where not d.held)
      and not exists (select 1 from appeal_holds h where h.appeal_id = a.id)
    order by a.id
    limit ${limit}
    for update of a skip locked`.execute(db);
  return rows.map((r) => ({ id: Number(r.id), number: r.number, type: r.type }));
}

/**
 * Replaces the personal data of the given (locked) appeals, everywhere they are kept, and returns the ids
 * of their attachment files, whose rows are deleted here and whose bytes the caller removes after commit.
 * What statistics count stays: type, form, channel, category, territory, units, dates and deadlines,
 * status, outcome, rating, links between appeals.
 */
export async function anonymiseAppeals(db: Db, ids: number[], marker: string, now: Date): Promise<string[]> {
  if (ids.length === 0) return [];
  const list = sql.join(ids.map((id) => sql`${id}::bigint`));
  // The appeal: the applicant (sealed), the keyed hashes that find the same person again, the text (the
  // search columns text_terms and the trigram index follow text_latin), where it happened, and free text.
  await sql`
    update appeals set
      applicant_enc = null, phone_hash = null, pinfl_hash = null, email_hash = null, name_hash = null,
      text = ${marker}, text_latin = ${marker},
      place = null, lat = null, lon = null,
      urgency_reason = case when urgency_reason is null then null else ${marker} end,
      rating_comment = case when rating_comment is null then null else ${marker} end,
      intake_reading = null,
      anonymised_at = ${now}
    where id in (${list})`.execute(db);
  // The history: the applicant's messages and staff's free-text notes, reasons and comments.
  await sql`
    update appeal_events set data = (
      select coalesce(jsonb_object_agg(k, case
               when k in ('note', 'comment', 'text', 'body')
                 or (k = 'reason' and v not in ('"anonymous"'::jsonb))
               then case when jsonb_typeof(v) = 'string' then to_jsonb(${marker}::text) else v end
               else v end), '{}'::jsonb)
      from jsonb_each(appeal_events.data) as e(k, v))
    where appeal_id in (${list})
      and data ?| array['note', 'comment', 'text', 'body', 'reason']`.execute(db);
  // Answers and conclusions name the applicant and the facts; their outcome and dates stay.
  await sql`
    update answers set body = ${marker},
      review_comment = case when review_comment is null then null else ${marker} end
    where appeal_id in (${list})`.execute(db);
  // What the language layer kept of the text: sentences, evidence, and the similar-text fingerprints.
  await sql`
    update appeal_analysis set
      segments = '[]', explanation = '[]', urgency = '[]', officer = '{}',
      minhash = ''::bytea, bands = '{}'
    where appeal_id in (${list})`.execute(db);
  // Training examples taken from these appeals' text.
  await sql`delete from nlp_examples where appeal_id in (${list})`.execute(db);
  // The Telegram chat the appeal came from; a chat left with no appeal and quiet for 30 days goes too.
  const { rows: chats } = await sql<{ chat_id: string }>`
    delete from telegram_appeals where appeal_id in (${list}) returning chat_id`.execute(db);
  if (chats.length > 0)
    await sql`
      delete from telegram_chats c
      where c.chat_id in (${sql.join(chats.map((c) => sql`${c.chat_id}::bigint`))})
        and not exists (select 1 from telegram_appeals t where t.chat_id = c.chat_id)
        and c.updated_at < ${now}::timestamptz - interval '30 days'`.execute(db);
  // An appeal another system forwarded: the access code kept to tell that system.
  await sql`update forwarded_appeals set access_code_enc = null where appeal_id in (${list})`.execute(db);
  // Attachments (the applicant's files and answer files): rows here, bytes after commit.
  const { rows: files } = await sql<{ id: string }>`
    delete from attachments where appeal_id in (${list}) returning id`.execute(db);
  return files.map((f) => f.id);
}
