import type { StaffIdentity } from '../../contracts/admin.schema.ts';
import type { StaffUser } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { endAllSessions } from '../people/sessions.ts';
import {
  deleteIdentity,
  identityWithId,
  listIdentities,
  setIdentityUser,
} from '../people/staff-identities.repository.ts';
import { userByLogin } from './admin.repository.ts';

function onlyAdmin(user: StaffUser) {
  if (user.role !== 'admin') throw new AppError('FORBIDDEN');
}

/** The people the ministry's provider has vouched for: those waiting for a match first. */
export async function listStaffIdentities(ctx: AppContext, user: StaffUser): Promise<StaffIdentity[]> {
  if (user.role !== 'admin' && user.role !== 'auditor') throw new AppError('FORBIDDEN');
  const rows = await listIdentities(ctx.db);
  return rows.map((r) => ({
    id: r.id,
    issuer: r.issuer,
    subject: r.subject,
    name: r.name,
    email: r.email,
    login: r.login,
    linkedAt: r.linked_at?.toISOString() ?? null,
    firstSeenAt: r.first_seen_at.toISOString(),
    lastSeenAt: r.last_seen_at.toISOString(),
  }));
}

async function found(ctx: AppContext, id: number) {
  const row = await identityWithId(ctx.db, id);
  if (!row) throw new AppError('IDENTITY_NOT_FOUND');
  return row;
}

/**
 * Matches an identity to a staff account (which carries the unit and the role), or moves it to another one.
 * Moving it ends the sessions the identity opened as the former account.
 */
export async function linkStaffIdentity(ctx: AppContext, admin: StaffUser, id: number, login: string) {
  onlyAdmin(admin);
  const identity = await found(ctx, id);
  const account = await userByLogin(ctx.db, login.toLowerCase());
  if (!account) throw new AppError('NOT_FOUND');
  // An administrator matching an identity of their own to another administrator's account would sign in as
  // that administrator, and every action would be written under the other's name: an administrator's
  // account takes only the identity its owner matches while signed in as themselves.
  if (account.role === 'admin' && account.id !== admin.id) throw new AppError('IDENTITY_ADMIN_SELF_ONLY');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (identity.user_id !== null && identity.user_id !== account.id)
      await endAllSessions(tx, identity.user_id);
    await setIdentityUser(tx, { id, userId: account.id, by: admin.id, now });
    await ctx.audit.append(tx, [
      {
        actor: { id: admin.id, label: admin.login },
        action: 'admin.identity_linked',
        targetType: 'user',
        targetId: String(account.id),
        data: { identity: id, ...(identity.user_id !== null ? { previousUser: identity.user_id } : {}) },
        at: now,
      },
    ]);
  });
}

/**
 * Undoes a match (the sessions it opened end at once), or forgets an identity never matched. The person's
 * next arrival from the provider waits for an administrator again.
 */
export async function removeStaffIdentity(ctx: AppContext, admin: StaffUser, id: number) {
  onlyAdmin(admin);
  const identity = await found(ctx, id);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (identity.user_id !== null) {
      await endAllSessions(tx, identity.user_id);
      await setIdentityUser(tx, { id, userId: null, by: admin.id, now });
    } else {
      await deleteIdentity(tx, id);
    }
    await ctx.audit.append(tx, [
      {
        actor: { id: admin.id, label: admin.login },
        action: identity.user_id !== null ? 'admin.identity_unlinked' : 'admin.identity_forgotten',
        targetType: 'staff_identity',
        targetId: String(id),
        data: identity.user_id !== null ? { user: identity.user_id } : {},
        at: now,
      },
    ]);
  });
}
