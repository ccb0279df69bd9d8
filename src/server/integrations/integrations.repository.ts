import type { Db } from '../db/database.ts';

// SQL only: the API keys issued to other systems.

/** Stores a new key (its hash, never the key) and returns its id. */
export async function insertIntegrationKey(
  db: Db,
  row: {
    name: string;
    keyHash: Buffer;
    keyStart: string;
    scopes: string[];
    createdBy: number | null;
    now: Date;
  },
): Promise<number> {
  const inserted = await db
    .insertInto('integration_keys')
    .values({
      name: row.name,
      key_hash: row.keyHash,
      key_start: row.keyStart,
      scopes: row.scopes,
      created_at: row.now,
      created_by: row.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Every key, newest first, with the login of whoever issued it. */
export function findIntegrationKeys(db: Db) {
  return db
    .selectFrom('integration_keys as k')
    .leftJoin('users as u', 'u.id', 'k.created_by')
    .select([
      'k.id',
      'k.name',
      'k.key_start',
      'k.scopes',
      'k.created_at',
      'k.last_used_at',
      'k.revoked_at',
      'u.login as created_by_login',
    ])
    .orderBy('k.id', 'desc')
    .execute();
}

/** One key by id. */
export function findIntegrationKey(db: Db, id: number) {
  return db
    .selectFrom('integration_keys')
    .select(['id', 'name', 'key_start', 'scopes', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The key with this hash, revoked or not (the caller compares and decides). */
export function findIntegrationKeyByHash(db: Db, keyHash: Buffer) {
  return db
    .selectFrom('integration_keys')
    .select(['id', 'name', 'key_hash', 'scopes', 'revoked_at', 'last_used_at'])
    .where('key_hash', '=', keyHash)
    .executeTakeFirst();
}

/** Marks a key revoked; false when it was revoked already or does not exist. */
export async function revokeIntegrationKey(
  db: Db,
  id: number,
  by: number | null,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('integration_keys')
    .set({ revoked_at: now, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Records when a key was last used. */
export async function touchIntegrationKey(db: Db, id: number, now: Date): Promise<void> {
  await db.updateTable('integration_keys').set({ last_used_at: now }).where('id', '=', id).execute();
}
