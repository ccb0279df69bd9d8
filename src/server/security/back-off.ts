// How guessing is slowed down: a source (a login name, a browser, a client address) gets a few free wrong
// guesses, then each further one holds it back for twice as long as the last, up to a ceiling. A hold
// slows a guesser without ever locking the rightful person out for long. Pure: no clock, no database.

/** How many wrong guesses one source gets before it is held, and for how long. */
export interface GuessPolicy {
  /** Wrong guesses allowed before the first hold. */
  free: number;
  /** The first hold; each further wrong guess doubles it. */
  firstHoldMs: number;
  /** The longest hold. */
  maxHoldMs: number;
  /** A source with no wrong guess for this long starts afresh. */
  forgetAfterMs: number;
}

/** What is known about one source's guesses. */
export interface GuessCount {
  failures: number;
  heldUntil: Date | null;
  forgetAt: Date;
}

/** True while the source may not guess. */
export function isHeld(count: GuessCount | undefined, now: Date): boolean {
  return count?.heldUntil != null && count.heldUntil.getTime() > now.getTime();
}

/** The count after one more guess that may be wrong; a forgotten count starts again at one. */
export function afterGuess(policy: GuessPolicy, count: GuessCount | undefined, now: Date): GuessCount {
  const fresh = !count || count.forgetAt.getTime() <= now.getTime();
  const failures = fresh ? 1 : count.failures + 1;
  return {
    failures,
    heldUntil: holdAfter(policy, failures, now),
    forgetAt: new Date(now.getTime() + policy.forgetAfterMs),
  };
}

/** The count after a guess taken in advance turned out right: that guess is given back. */
export function afterRightGuess(policy: GuessPolicy, count: GuessCount): GuessCount {
  const failures = Math.max(0, count.failures - 1);
  return { ...count, failures, heldUntil: failures < policy.free ? null : count.heldUntil };
}

function holdAfter(policy: GuessPolicy, failures: number, now: Date): Date | null {
  const beyond = failures - policy.free;
  if (beyond < 0) return null;
  const holdMs = Math.min(policy.maxHoldMs, policy.firstHoldMs * 2 ** beyond);
  return new Date(now.getTime() + holdMs);
}
