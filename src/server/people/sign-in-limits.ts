import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { clientNetwork } from '../http/client-address.ts';
import type { GuessCount, GuessPolicy } from '../security/back-off.ts';
import { forgetGuesses, type GuessSource, holdsOf } from '../security/guess-counters.ts';
import type { KnownDevice } from './known-device.ts';

// Sign-in guessing is slowed per login name and per client network, for strangers: counted by name, so an
// unknown login behaves exactly like a known one. A browser that signed in as the login before is counted
// on its own, so strangers cannot hold the person back.

const DAY_MS = 24 * 60 * 60 * 1000;
/** A login name, or one known browser signing in as it: five tries, then 30 s, 1 min, 2 min … 15 min. */
const accountPolicy: GuessPolicy = {
  free: 5,
  firstHoldMs: 30_000,
  maxHoldMs: 15 * 60_000,
  forgetAfterMs: DAY_MS,
};
/** One client network, over every login it tries: an office behind one address still signs in. */
const clientPolicy: GuessPolicy = {
  free: 20,
  firstHoldMs: 30_000,
  maxHoldMs: 15 * 60_000,
  forgetAfterMs: DAY_MS,
};

/** Where a sign-in comes from. */
export interface SignInOrigin {
  /** The client's address as the proxies configured in TRUST_PROXY report it. */
  address: string;
  device: KnownDevice | undefined;
  /** The browser's User-Agent header, summarised before it is stored. */
  userAgent?: string | undefined;
}

/** The sources a sign-in as `login` (lower case) is counted against. */
export function signInSources(ctx: AppContext, login: string, origin: SignInOrigin): GuessSource[] {
  const keys = ctx.protector;
  if (origin.device?.logins.includes(login))
    return [
      { key: keys.guessKey('device', `${origin.device.id}:${login}`), policy: accountPolicy, kind: 'device' },
    ];
  return [
    { key: keys.guessKey('login', login), policy: accountPolicy, kind: 'login' },
    {
      key: keys.guessKey('sign-in-client', clientNetwork(origin.address)),
      policy: clientPolicy,
      kind: 'client',
    },
  ];
}

/** Writes each new hold to the audit trail: which kind of source and until when, never whose. */
export async function auditHolds(
  ctx: AppContext,
  holds: { source: GuessSource; count: GuessCount }[],
  now: Date,
): Promise<void> {
  if (holds.length === 0) return;
  await ctx.db.transaction().execute((tx) =>
    ctx.audit.append(
      tx,
      holds.map(({ source, count }) => ({
        actor: { id: null, label: 'anonymous' },
        action: 'auth.throttled',
        targetType: 'sign_in',
        targetId: source.kind,
        data: { failures: count.failures, heldUntil: count.heldUntil?.toISOString() ?? null },
        at: now,
      })),
    ),
  );
}

/** Until when strangers are held from signing in as each of these logins, for the administrators' list. */
export async function signInHolds(ctx: AppContext, logins: string[]): Promise<Map<string, Date>> {
  const keyOf = new Map(logins.map((login) => [login, ctx.protector.guessKey('login', login)]));
  const holds = await holdsOf(ctx.db, [...keyOf.values()], ctx.clock.now());
  const byLogin = new Map<string, Date>();
  for (const [login, key] of keyOf) {
    const until = holds.get(key.toString('hex'));
    if (until) byLogin.set(login, until);
  }
  return byLogin;
}

/** Forgets the wrong guesses at a login name (an administrator issued a new password). */
export function forgetSignInGuesses(ctx: AppContext, db: Db, login: string): Promise<void> {
  return forgetGuesses(db, [ctx.protector.guessKey('login', login)]);
}
