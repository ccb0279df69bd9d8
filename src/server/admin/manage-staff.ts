import type { z } from 'zod';
import type { AdminUser, userUpdateInputSchema } from '../../contracts/admin.schema.ts';
import type { UiLanguage } from '../../contracts/enums.ts';
import type { StaffUser } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { generatePassword, hashPassword } from '../people/passwords.ts';
import { endAllSessions } from '../people/sessions.ts';
import { forgetSignInGuesses, signInHolds } from '../people/sign-in-limits.ts';
import { allUsers, otherActiveAdmins, updateUser, userByLogin } from './admin.repository.ts';

type UserUpdate = z.infer<typeof userUpdateInputSchema>;

/** Every staff account as administrators and auditors see it (never a password or a TOTP secret). */
export async function listStaff(
  ctx: AppContext,
  user: StaffUser,
  language: UiLanguage,
): Promise<AdminUser[]> {
  if (user.role !== 'admin' && user.role !== 'auditor') throw new AppError('FORBIDDEN');
  const units = ctx.reference().units;
  const rows = await allUsers(ctx.db);
  const holds = await signInHolds(
    ctx,
    rows.map((u) => u.login),
  );
  return rows.map((u) => {
    const unit = units.byId(u.unit_id);
    return {
      id: u.id,
      login: u.login,
      fullName: u.full_name,
      role: u.role,
      unit: unit ? { code: unit.code, name: unit.names[language] } : null,
      scopeSubtree: u.scope_subtree,
      active: u.active,
      totpEnabled: u.totp_enabled,
      mustChangePassword: u.must_change_password,
      lockedUntil: holds.get(u.login)?.toISOString() ?? null,
      createdAt: u.created_at.toISOString(),
    };
  });
}

async function target(ctx: AppContext, admin: StaffUser, login: string) {
  if (admin.role !== 'admin') throw new AppError('FORBIDDEN');
  const found = await userByLogin(ctx.db, login);
  if (!found) throw new AppError('NOT_FOUND');
  return found;
}

/**
 * Changes an account's name, role, unit, scope or state. Taking rights away (deactivation, another role
 * or unit) ends the person's sessions at once; the last active administrator cannot be removed.
 */
export async function updateStaff(
  ctx: AppContext,
  admin: StaffUser,
  login: string,
  input: UserUpdate,
): Promise<void> {
  const found = await target(ctx, admin, login);
  const unit = input.unit === undefined ? undefined : ctx.reference().units.byCode(input.unit);
  if (input.unit !== undefined && !unit) throw new AppError('UNIT_NOT_FOUND');
  const losesAdmin =
    found.role === 'admin' &&
    found.active &&
    (input.active === false || (input.role !== undefined && input.role !== 'admin'));
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (losesAdmin && (await otherActiveAdmins(tx, found.id)) === 0) throw new AppError('LAST_ADMIN');
    await updateUser(tx, found.id, {
      ...(input.fullName === undefined ? {} : { full_name: input.fullName }),
      ...(input.role === undefined ? {} : { role: input.role }),
      ...(unit === undefined ? {} : { unit_id: unit.id }),
      ...(input.scopeSubtree === undefined ? {} : { scope_subtree: input.scopeSubtree }),
      ...(input.active === undefined ? {} : { active: input.active }),
    });
    const rightsChanged =
      input.active === false ||
      (input.role !== undefined && input.role !== found.role) ||
      (unit !== undefined && unit.id !== found.unit_id) ||
      (input.scopeSubtree !== undefined && input.scopeSubtree !== found.scope_subtree);
    if (rightsChanged) await endAllSessions(tx, found.id);
    await ctx.audit.append(tx, [
      {
        actor: { id: admin.id, label: admin.login },
        action: input.active === false && found.active ? 'user.deactivate' : 'user.update',
        targetType: 'user',
        targetId: String(found.id),
        data: { login: found.login, ...input },
        at: now,
      },
    ]);
  });
}

/** Clears a lost authenticator: the person enrols a new one at their next sign-in. */
export async function resetSecondFactor(ctx: AppContext, admin: StaffUser, login: string): Promise<void> {
  const found = await target(ctx, admin, login);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await updateUser(tx, found.id, { totp_enabled: false, totp_secret_enc: null });
    await endAllSessions(tx, found.id);
    await ctx.audit.append(tx, [
      {
        actor: { id: admin.id, label: admin.login },
        action: 'user.reset_totp',
        targetType: 'user',
        targetId: String(found.id),
        data: { login: found.login },
        at: now,
      },
    ]);
  });
}

/** Issues a new one-time password (shown once), unlocks the account and ends its sessions. */
export async function resetPassword(
  ctx: AppContext,
  admin: StaffUser,
  login: string,
): Promise<{ login: string; oneTimePassword: string }> {
  const found = await target(ctx, admin, login);
  const password = generatePassword();
  const hash = await hashPassword(password);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await updateUser(tx, found.id, { password_hash: hash, must_change_password: true });
    await forgetSignInGuesses(ctx, tx, found.login);
    await endAllSessions(tx, found.id);
    await ctx.audit.append(tx, [
      {
        actor: { id: admin.id, label: admin.login },
        action: 'user.reset_password',
        targetType: 'user',
        targetId: String(found.id),
        data: { login: found.login },
        at: now,
      },
    ]);
  });
  return { login: found.login, oneTimePassword: password };
}
