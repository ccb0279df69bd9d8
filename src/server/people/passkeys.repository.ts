import type { Db } from '../db/database.ts';

// SQL only: staff's passkeys and the pending WebAuthn ceremonies. The rules are in passkeys.ts.

/** Keeps a pending ceremony under its key, replacing an older one of the same key. */
export async function putChallenge(
  db: Db,
  row: {
    id: string;
    purpose: 'register' | 'authenticate';
    challenge: string;
    userId: number | null;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('webauthn_challenges')
    .values({
      id: row.id,
      purpose: row.purpose,
      challenge: row.challenge,
      user_id: row.userId,
      expires_at: row.expiresAt,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        purpose: row.purpose,
        challenge: row.challenge,
        user_id: row.userId,
        expires_at: row.expiresAt,
      }),
    )
    .execute();
}

/**
 * Takes a pending ceremony away (it works once, whatever comes of it) and returns it when it was still
 * live; two requests with one key cannot both get it.
 */
export async function takeChallenge(
  db: Db,
  id: string,
  purpose: 'register' | 'authenticate',
  now: Date,
): Promise<{ challenge: string; user_id: number | null } | undefined> {
  const row = await db
    .deleteFrom('webauthn_challenges')
    .where('id', '=', id)
    .returning(['challenge', 'user_id', 'purpose', 'expires_at'])
    .executeTakeFirst();
  if (!row || row.purpose !== purpose || row.expires_at.getTime() <= now.getTime()) return undefined;
  return { challenge: row.challenge, user_id: row.user_id };
}

/** Clears ceremonies nobody finished. */
export async function deleteExpiredChallenges(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('webauthn_challenges').where('expires_at', '<=', now).execute();
}

/** A user's passkeys, oldest first. */
export function passkeysOf(db: Db, userId: number) {
  return db
    .selectFrom('webauthn_credentials')
    .select([
      'id',
      'credential_id',
      'transports',
      'name',
      'device_type',
      'backed_up',
      'created_at',
      'last_used_at',
    ])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

/** A passkey by its credential id, with its owner's account. */
export function passkeyByCredentialId(db: Db, credentialId: string) {
  return db
    .selectFrom('webauthn_credentials as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select([
      'c.id',
      'c.user_id',
      'c.credential_id',
      'c.public_key',
      'c.sign_count',
      'c.transports',
      'u.login',
      'u.active',
    ])
    .where('c.credential_id', '=', credentialId)
    .executeTakeFirst();
}

/** Stores a new passkey and returns its id. */
export async function insertPasskey(
  db: Db,
  row: {
    userId: number;
    credentialId: string;
    publicKey: Buffer;
    signCount: number;
    transports: string[];
    deviceType: 'singleDevice' | 'multiDevice';
    backedUp: boolean;
    name: string;
    now: Date;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('webauthn_credentials')
    .values({
      user_id: row.userId,
      credential_id: row.credentialId,
      public_key: row.publicKey,
      sign_count: row.signCount,
      transports: row.transports,
      device_type: row.deviceType,
      backed_up: row.backedUp,
      name: row.name,
      created_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Records a use of a passkey with its new signature counter, only if the counter is still the one the
 * assertion was checked against: of two simultaneous uses of one assertion, one wins.
 */
export async function recordPasskeyUse(
  db: Db,
  id: number,
  counters: { before: number; after: number },
  now: Date,
): Promise<boolean> {
  const updated = await db
    .updateTable('webauthn_credentials')
    .set({ sign_count: counters.after, last_used_at: now })
    .where('id', '=', id)
    .where('sign_count', '=', counters.before)
    .executeTakeFirst();
  return updated.numUpdatedRows === 1n;
}

/** Deletes one of a user's passkeys; returns its name when there was one. */
export async function deletePasskey(db: Db, userId: number, id: number): Promise<string | undefined> {
  const row = await db
    .deleteFrom('webauthn_credentials')
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .returning('name')
    .executeTakeFirst();
  return row?.name;
}
