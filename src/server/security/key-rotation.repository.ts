import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';

// SQL only: the sealed (encrypted) columns, walked in key order to re-encrypt them under a new data key, the
// attachments whose objects in S3 are sealed under an older key, and the rotation's progress row. Which columns
// are sealed, and under which context, is listed here once: a new sealed column must be added to `sealedColumns`
// (key-rotation.api.test.ts checks the schema for it).

/** A sealed column: its table, the row key it is walked by, and the context it was sealed under. */
export interface SealedColumn {
  /** `table.column`, as status lists it. */
  name: string;
  table: string;
  column: string;
  /** An SQL expression giving each row's unique key, and how a key read back as text is cast to compare. */
  key: string;
  keyType: 'bigint' | 'uuid' | 'text';
  /** An SQL expression giving the context the column was sealed under (rows of `table` as `t`). */
  context: string;
  /** Extra joins the context needs. */
  join?: string;
  /** The appeals' look-up hashes ride along: they are recomputed under the new key too. */
  lookups?: boolean;
}

/** Every sealed column of the schema, in the order a rotation walks them. */
export const sealedColumns: readonly SealedColumn[] = [
  {
    name: 'appeals.applicant_enc',
    table: 'appeals',
    column: 'applicant_enc',
    key: 't.id',
    keyType: 'bigint',
    context: 't.number',
    lookups: true,
  },
  {
    name: 'users.totp_secret_enc',
    table: 'users',
    column: 'totp_secret_enc',
    key: 't.id',
    keyType: 'bigint',
    context: `'totp:' || t.id`,
  },
  {
    name: 'staff_channels.email_enc',
    table: 'staff_channels',
    column: 'email_enc',
    key: `t.user_id::text || ':' || t.channel`,
    keyType: 'text',
    context: `'staff-email:' || t.user_id`,
  },
  {
    name: 'staff_link_codes.email_enc',
    table: 'staff_link_codes',
    column: 'email_enc',
    key: 't.id',
    keyType: 'bigint',
    context: `'staff-email:' || t.user_id`,
  },
  {
    name: 'telegram_chats.state',
    table: 'telegram_chats',
    column: 'state',
    key: 't.chat_id',
    keyType: 'bigint',
    context: `'telegram-chat:' || t.chat_id`,
  },
  {
    name: 'forwarded_appeals.access_code_enc',
    table: 'forwarded_appeals',
    column: 'access_code_enc',
    key: 't.appeal_id',
    keyType: 'bigint',
    context: `'forwarded-access-code:' || a.number`,
    join: 'join appeals a on a.id = t.appeal_id',
  },
  {
    name: 'webhook_subscriptions.secret_enc',
    table: 'webhook_subscriptions',
    column: 'secret_enc',
    key: 't.id',
    keyType: 'bigint',
    context: `'webhook-secret'`,
  },
  {
    name: 'chat_asks.question',
    table: 'chat_asks',
    column: 'question',
    key: 't.id',
    keyType: 'uuid',
    context: `'chat-ask:' || t.id`,
  },
  {
    name: 'chat_handoffs.request',
    table: 'chat_handoffs',
    column: 'request',
    key: 't.id',
    keyType: 'bigint',
    context: `'chat-handoff:' || t.ask_id`,
  },
];

/** The appeals' look-up hashes, as a batch row carries them. */
export interface LookupHashes {
  phone_hash: Buffer | null;
  pinfl_hash: Buffer | null;
  email_hash: Buffer | null;
  name_hash: Buffer | null;
}

/** One sealed value to re-encrypt. */
export interface SealedRow extends Partial<LookupHashes> {
  key: string;
  blob: Buffer;
  context: string;
}

// Not sealed under the key `keyId` (hex): the old format (1), or format 2 naming another key.
function notUnder(column: RawBuilder<Buffer>, keyId: string): RawBuilder<boolean> {
  return sql<boolean>`(get_byte(${column}, 0) <> 2 or substring(${column} from 2 for 4) <> decode(${keyId}, 'hex'))`;
}

/** Up to `limit` values of the column not sealed under `keyId`, after the row key `after`, in key order. */
export async function sealedBatch(
  db: Db,
  spec: SealedColumn,
  keyId: string,
  after: string | null,
  limit: number,
): Promise<SealedRow[]> {
  const column = sql.raw<Buffer>(`t.${spec.column}`);
  const key = sql.raw(spec.key);
  const lookups = spec.lookups ? sql`, t.phone_hash, t.pinfl_hash, t.email_hash, t.name_hash` : sql``;
  const { rows } = await sql<SealedRow>`
    select (${key})::text as key, ${column} as blob, (${sql.raw(spec.context)}) as context ${lookups}
    from ${sql.table(spec.table)} t ${sql.raw(spec.join ?? '')}
    where ${column} is not null and ${notUnder(column, keyId)}
      and (${after}::text is null or ${key} > ${after}::text::${sql.raw(spec.keyType)})
    order by ${key}
    limit ${limit}`.execute(db);
  return rows;
}

/**
 * Writes a value re-encrypted, only if the row still holds what was read (a concurrent change wins: its
 * value is already under the new key); with the appeals' recomputed look-up hashes. True when written.
 */
export async function replaceSealed(
  db: Db,
  spec: SealedColumn,
  row: { key: string; before: Buffer; after: Buffer; lookups?: LookupHashes },
): Promise<boolean> {
  const column = sql.raw(spec.column);
  const lookups = row.lookups
    ? sql`, phone_hash = ${row.lookups.phone_hash}, pinfl_hash = ${row.lookups.pinfl_hash},
          email_hash = ${row.lookups.email_hash}, name_hash = ${row.lookups.name_hash}`
    : sql``;
  const result = await sql`
    update ${sql.table(spec.table)} t set ${column} = ${row.after} ${lookups}
    where ${sql.raw(spec.key)} = ${row.key}::${sql.raw(spec.keyType)} and ${column} = ${row.before}`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0) === 1;
}

/** How many values of each sealed column are sealed under each key (`v1`: the format before key ids). */
export async function countSealedByKey(db: Db): Promise<{ column: string; keyId: string; count: number }[]> {
  const counts: { column: string; keyId: string; count: number }[] = [];
  for (const spec of sealedColumns) {
    const column = sql.raw(`t.${spec.column}`);
    const { rows } = await sql<{ key_id: string; count: number }>`
      select case when get_byte(${column}, 0) = 2 then encode(substring(${column} from 2 for 4), 'hex')
                  else 'v1' end as key_id,
             count(*)::int as count
      from ${sql.table(spec.table)} t where ${column} is not null group by 1 order by 1`.execute(db);
    for (const row of rows) counts.push({ column: spec.name, keyId: row.key_id, count: row.count });
  }
  return counts;
}

/** How many sealed values, all columns together, are not sealed under `keyId`. */
export async function countNotUnder(db: Db, keyId: string): Promise<number> {
  let total = 0;
  for (const spec of sealedColumns) {
    const column = sql.raw<Buffer>(`t.${spec.column}`);
    const { rows } = await sql<{ count: number }>`
      select count(*)::int as count from ${sql.table(spec.table)} t
      where ${column} is not null and ${notUnder(column, keyId)}`.execute(db);
    total += rows[0]?.count ?? 0;
  }
  return total;
}

/**
 * Up to `limit` attachments, after the id `after` in id order, whose object is not recorded as sealed under
 * `keyId`: under an older key, or not known (null).
 */
export async function objectBatch(
  db: Db,
  keyId: string,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('attachments')
    .select('id')
    .where('sealed_key_id', 'is distinct from', keyId)
    .$if(after !== null, (q) => q.where('id', '>', after ?? ''))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Locks the attachment's row until the transaction ends, if it is still there and not recorded under `keyId`;
 * true when locked. A deletion of the row (retention, a file taken off an answer) waits for the lock, and deletes
 * the object only after its own commit, so an object re-sealed meanwhile is never put back after its deletion.
 */
export async function lockObjectRow(tx: Db, id: string, keyId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('attachments')
    .select('id')
    .where('id', '=', id)
    .where('sealed_key_id', 'is distinct from', keyId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

/** Records the data key the attachment's object is sealed under. */
export async function recordObjectKey(db: Db, id: string, keyId: string): Promise<void> {
  await db.updateTable('attachments').set({ sealed_key_id: keyId }).where('id', '=', id).execute();
}

/** How many attachments' objects are recorded under each key (`null`: not known yet). */
export async function countObjectsByKey(db: Db): Promise<{ keyId: string | null; count: number }[]> {
  const rows = await db
    .selectFrom('attachments')
    .select((eb) => ['sealed_key_id', eb.fn.countAll<string>().as('count')])
    .groupBy('sealed_key_id')
    .orderBy('sealed_key_id')
    .execute();
  return rows.map((r) => ({ keyId: r.sealed_key_id, count: Number(r.count) }));
}

/** How many attachments' objects are not recorded as sealed under `keyId`. */
export async function countObjectsNotUnder(db: Db, keyId: string): Promise<number> {
  const row = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('sealed_key_id', 'is distinct from', keyId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The rotation still running, if any (there is at most one). */
export function runningRotation(db: Db) {
  return db.selectFrom('key_rotations').selectAll().where('finished_at', 'is', null).executeTakeFirst();
}

/** The newest rotation, running or finished. */
export function latestRotation(db: Db) {
  return db.selectFrom('key_rotations').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** The rotation, locked until the transaction ends (one batch at a time, whatever runs the jobs). */
export function lockRotation(tx: Db, id: number) {
  return tx.selectFrom('key_rotations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Starts a rotation towards `keyId`. */
export async function insertRotation(
  db: Db,
  row: { keyId: string; at: Date; batchSize: number; pauseMs: number; total: number },
): Promise<number> {
  const inserted = await db
    .insertInto('key_rotations')
    .values({
      key_id: row.keyId,
      started_at: row.at,
      batch_size: row.batchSize,
      pause_ms: row.pauseMs,
      total: row.total,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Records one batch: the next position, and what it did (counts only). */
export async function advanceRotation(
  tx: Db,
  id: number,
  progress: {
    step: number;
    position: number;
    afterKey: string | null;
    done: number;
    hashesKept: number;
    failed: number;
    finishedAt: Date | null;
    /** Since when the walk waits for the object store; null once it answers. */
    waitingSince: Date | null;
  },
): Promise<void> {
  await tx
    .updateTable('key_rotations')
    .set((eb) => ({
      step: progress.step,
      position: progress.position,
      after_key: progress.afterKey,
      done: eb('done', '+', progress.done),
      hashes_kept: eb('hashes_kept', '+', progress.hashesKept),
      failed: eb('failed', '+', progress.failed),
      finished_at: progress.finishedAt,
      waiting_since: progress.waitingSince,
    }))
    .where('id', '=', id)
    .execute();
}
