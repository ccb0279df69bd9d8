import type { AppContext } from '../context.ts';
import { userWithId } from './people.repository.ts';
import { createSession } from './sessions.ts';
import type { VouchedIdentity } from './single-sign-on.ts';
import { recordIdentitySeen } from './staff-identities.repository.ts';

/** How a vouched-for person's arrival ends. */
export type SignOnOutcome =
  | { kind: 'signed-in'; token: string; csrfToken: string; login: string }
  /** Not matched to an account yet: an administrator must do it first. */
  | { kind: 'pending' }
  /** Matched to an account that is switched off. */
  | { kind: 'inactive' };

/**
 * Signs in the person the ministry's provider vouched for, as the staff account an administrator matched
 * them to. The provider answers for the person, including their second factor, so the session needs no TOTP
 * here; the account's unit, role and scope are the account's, never the provider's claims. Every arrival is
 * audited, matched or not.
 */
export async function signOnVouched(ctx: AppContext, identity: VouchedIdentity): Promise<SignOnOutcome> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await recordIdentitySeen(tx, { ...identity, now });
    const user = row.user_id === null ? undefined : await userWithId(tx, row.user_id);
    const outcome: SignOnOutcome['kind'] = !user ? 'pending' : user.active ? 'signed-in' : 'inactive';
    const created =
      user && outcome === 'signed-in' ? await createSession(tx, user.id, now, true, 'oidc') : undefined;
    await ctx.audit.append(tx, [
      {
        actor: user ? { id: user.id, label: user.login } : { id: null, label: 'anonymous' },
        action: created ? 'auth.login' : 'auth.login_failed',
        targetType: user ? 'user' : 'staff_identity',
        targetId: String(user?.id ?? row.id),
        data: { method: 'oidc', identity: row.id, ...(created ? {} : { reason: outcome }) },
        at: now,
      },
    ]);
    if (!created || !user) return { kind: outcome === 'inactive' ? 'inactive' : 'pending' };
    return { kind: 'signed-in', token: created.token, csrfToken: created.csrfToken, login: user.login };
  });
}
