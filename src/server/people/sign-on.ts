import type { AppContext } from '../context.ts';
import { openSession } from './accounts.ts';
import { userWithId } from './people.repository.ts';
import type { SignInOrigin } from './sign-in-limits.ts';
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
 * audited, matched or not; a new browser raises the same alert as a password sign-in.
 */
export async function signOnVouched(
  ctx: AppContext,
  identity: VouchedIdentity,
  origin: SignInOrigin,
): Promise<SignOnOutcome> {
  const now = ctx.clock.now();
  const row = await recordIdentitySeen(ctx.db, { ...identity, now });
  const user = row.user_id === null ? undefined : await userWithId(ctx.db, row.user_id);
  if (!user?.active) {
    const reason = user ? 'inactive' : 'pending';
    await ctx.db.transaction().execute((tx) =>
      ctx.audit.append(tx, [
        {
          actor: user ? { id: user.id, label: user.login } : { id: null, label: 'anonymous' },
          action: 'auth.login_failed',
          targetType: user ? 'user' : 'staff_identity',
          targetId: String(user?.id ?? row.id),
          data: { factor: 'oidc', identity: row.id, reason },
          at: now,
        },
      ]),
    );
    return { kind: reason };
  }
  const session = await openSession(ctx, {
    user,
    origin,
    secondFactorDone: true,
    factor: 'oidc',
    auditData: { identity: row.id },
  });
  return { kind: 'signed-in', token: session.token, csrfToken: session.csrfToken, login: user.login };
}
