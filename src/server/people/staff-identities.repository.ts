import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { StaffIdentitiesTable } from '../db/schema.ts';

export type StaffIdentityRow = Selectable<StaffIdentitiesTable>;

/**
 * Records that the provider vouched for this person now (name and e-mail as it gave them this time), and
 * returns the row with the account it is matched to, if any.
 */
export async function recordIdentitySeen(
  db: Db,
  seen: { issuer: string; subject: string; name: string | null; email: string | null; now: Date },
): Promise<StaffIdentityRow> {
  return db
    .insertInto('staff_identities')
    .values({
      issuer: seen.issuer,
      subject: seen.subject,
      name: seen.name,
      email: seen.email,
      first_seen_at: seen.now,
      last_seen_at: seen.now,
    })
    .onConflict((oc) =>
      oc
        .columns(['issuer', 'subject'])
        .doUpdateSet({ name: seen.name, email: seen.email, last_seen_at: seen.now }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Every identity the provider has vouched for, newest first, with the login of the account it is matched to. */
export async function listIdentities(db: Db) {
  return db
    .selectFrom('staff_identities as i')
    .leftJoin('users as u', 'u.id', 'i.user_id')
    .select([
      'i.id',
      'i.issuer',
      'i.subject',
      'i.name',
      'i.email',
      'i.user_id',
      'u.login',
      'i.linked_at',
      'i.first_seen_at',
      'i.last_seen_at',
    ])
    .orderBy('i.user_id', (ob) => ob.asc().nullsFirst())
    .orderBy('i.last_seen_at', 'desc')
    .limit(1000)
    .execute();
}

export async function identityWithId(db: Db, id: number): Promise<StaffIdentityRow | undefined> {
  return db.selectFrom('staff_identities').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Matches an identity to an account, or (userId null) undoes the match. */
export async function setIdentityUser(
  db: Db,
  change: { id: number; userId: number | null; by: number; now: Date },
): Promise<void> {
  await db
    .updateTable('staff_identities')
    .set({
      user_id: change.userId,
      linked_by: change.userId === null ? null : change.by,
      linked_at: change.userId === null ? null : change.now,
    })
    .where('id', '=', change.id)
    .execute();
}

/** Forgets an identity that is not matched (someone who should not sign in here). */
export async function deleteIdentity(db: Db, id: number): Promise<void> {
  await db.deleteFrom('staff_identities').where('id', '=', id).execute();
}
