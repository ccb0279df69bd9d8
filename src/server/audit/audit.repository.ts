import { sql } from 'kysely';
import type { Scope } from '../appeals/appeal.policy.ts';
import { inScope } from '../appeals/appeals.repository.ts';
import type { Db } from '../db/database.ts';

// SQL only: the audit_log table and the anchor of its newest hash. The chain's hashing and its checks are
// audit.ts's and audit-chain.ts's.

// All chain appends take this lock, so ids are assigned in chain order and each append sees the
// previous one committed. The lock lives until commit: append as the last step of a transaction.
const AUDIT_CHAIN_LOCK = 7_240_001;
const AUDIT_ANCHOR = 'audit.anchor';

/** One audit row as it is written. */
export interface NewAuditRow {
  at: string;
  actor_id: number | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string;
  data: string;
  prev_hash: string;
  hash: string;
  hash_kind: `hmac-sha256${'' | `:${string}`}`;
}

/** Takes the chain's lock until the transaction ends. */
export async function lockAuditChain(tx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(tx);
}

/** The newest row's hash and how it was made. */
export function auditHead(db: Db) {
  return db
    .selectFrom('audit_log')
    .select(['hash', 'hash_kind'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** How many rows the log holds. */
export async function countAuditRows(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return n;
}

/** Appends rows to the log. */
export async function insertAuditRows(tx: Db, rows: NewAuditRow[]): Promise<void> {
  await tx.insertInto('audit_log').values(rows).execute();
}

/** Keeps the newest hash apart from the log, so that a cut of the newest rows shows. */
export async function writeAuditAnchor(tx: Db, hash: string, now: Date): Promise<void> {
  const value = JSON.stringify({ hash });
  await tx
    .insertInto('settings')
    .values({ key: AUDIT_ANCHOR, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}

/** The anchor as stored (`{ hash }`), if any. */
export async function auditAnchor(db: Db): Promise<unknown> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', AUDIT_ANCHOR)
    .executeTakeFirst();
  return row?.value;
}

/** The newest `limit` rows hashed with the key, newest first. */
export function newestKeyedRows(db: Db, limit: number) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('hash_kind', '<>', 'sha256')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Up to `limit` rows after the row `afterId`, in id order. */
export function auditRowsAfter(db: Db, afterId: number, limit: number) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The hash of one row, if it is still there. */
export function auditRowHash(db: Db, id: number) {
  return db.selectFrom('audit_log').select('hash').where('id', '=', id).executeTakeFirst();
}

/** The row count and the newest row, in one statement: both from one snapshot while appends go on. */
export async function countAndHead(db: Db) {
  const { rows } = await sql<{ entries: number; id: number; hash: string }>`
      select (select count(*) from audit_log) as entries, head.id, head.hash
      from (select id, hash from audit_log order by id desc limit 1) head`.execute(db);
  return rows[0];
}

/** The id of the first row hashed with the key, if any. */
export async function firstKeyedId(db: Db): Promise<number | undefined> {
  const row = await db
    .selectFrom('audit_log')
    .select('id')
    .where('hash_kind', '<>', 'sha256')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** Which audit entries to list: newest first, optionally for one target and before an entry's id. */
export interface AuditEntriesQuery {
  targetType?: string | undefined;
  targetId?: string | undefined;
  before?: number | undefined;
  limit: number;
}

/**
 * Entries newest first; those about an appeal only when the scope may read that appeal. Each comes with
 * the full name of the staff member who acted and, for an entry about a staff account, that account's
 * login and name: the log is read by people, who know colleagues by name rather than by number.
 */
export function auditEntries(db: Db, scope: Scope, query: AuditEntriesQuery) {
  let select = db
    .selectFrom('audit_log')
    .leftJoin('users as actor', 'actor.id', 'audit_log.actor_id')
    .leftJoin('users as target_user', (join) =>
      join
        .on('audit_log.target_type', '=', 'user')
        .on(sql<boolean>`target_user.id::text = audit_log.target_id`),
    )
    .selectAll('audit_log')
    .select([
      'actor.full_name as actor_name',
      'target_user.login as target_login',
      'target_user.full_name as target_name',
    ])
    .where((eb) =>
      eb.or([
        eb('audit_log.target_type', '!=', 'appeal'),
        eb.exists(
          eb
            .selectFrom('appeals')
            .select('appeals.id')
            .whereRef('appeals.number', '=', 'audit_log.target_id')
            .where(inScope(scope)),
        ),
      ]),
    )
    .orderBy('audit_log.id', 'desc')
    .limit(query.limit);
  if (query.targetType) select = select.where('audit_log.target_type', '=', query.targetType);
  if (query.targetId) select = select.where('audit_log.target_id', '=', query.targetId);
  if (query.before) select = select.where('audit_log.id', '<', query.before);
  return select.execute();
}
