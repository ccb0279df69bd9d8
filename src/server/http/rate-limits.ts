import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError, FieldValidationError } from '../errors.ts';
import type { GuessPolicy } from '../security/back-off.ts';
import { countWrongGuess, type GuessSource, isHeldNow } from '../security/guess-counters.ts';
import { clientNetwork } from './client-address.ts';

/** Per-route limits for @fastify/rate-limit; `false` turns a limit off (benchmarks, trusted gateways). */
export interface RateLimits {
  intake: { max: number; timeWindow: number } | false;
  track: { max: number; timeWindow: number } | false;
  login: { max: number; timeWindow: number } | false;
  /** Requests one integration (one API key) may post in a window. */
  integration: { max: number; timeWindow: number } | false;
  /** Wrong access codes one client may send before every look-up by code refuses it for a while. */
  codeGuesses: GuessPolicy | false;
}

/** Limits for a public deployment; `RATE_LIMITS=off` disables them for load tests. */
export function rateLimitsFor(mode: 'on' | 'off'): RateLimits {
  if (mode === 'off')
    return { intake: false, track: false, login: false, integration: false, codeGuesses: false };
  return {
    intake: { max: 20, timeWindow: 60_000 },
    track: { max: 60, timeWindow: 60_000 },
    login: { max: 20, timeWindow: 60_000 },
    integration: { max: 120, timeWindow: 60_000 },
    // Ten wrong codes, then 15 min, 30 min, an hour: hopeless for guessing 40-bit codes, mild for typos.
    codeGuesses: {
      free: 10,
      firstHoldMs: 15 * 60_000,
      maxHoldMs: 60 * 60_000,
      forgetAfterMs: 24 * 60 * 60_000,
    },
  };
}

/** Counts wrong access codes per client and refuses a client that guesses too often. */
export interface AccessCodeGuard {
  /** Runs something that checks a number and access code for this request's client. */
  run<T>(request: FastifyRequest, check: () => Promise<T>): Promise<T>;
}

/** Whether a failure means "wrong number or access code", wherever the code was checked. */
function isWrongCode(error: unknown): boolean {
  if (error instanceof AppError) return error.code === 'APPEAL_NOT_FOUND';
  return (
    error instanceof FieldValidationError && error.problems.some((p) => p.path === 'relatedTo.accessCode')
  );
}

/**
 * One guard for every place that checks an access code (tracking, rating, answer files, and an appeal that
 * refers to an earlier one), in the API and the portal. The count lives in PostgreSQL, so every server
 * process sees the same one. A held client is refused before the check; simultaneous guesses already
 * under way when the hold begins are still counted.
 */
export function createAccessCodeGuard(ctx: AppContext, policy: RateLimits['codeGuesses']): AccessCodeGuard {
  return {
    async run(request, check) {
      if (!policy) return check();
      const source: GuessSource = {
        key: ctx.protector.guessKey('code-client', clientNetwork(request.ip)),
        policy,
        kind: 'code-client',
      };
      if (await isHeldNow(ctx.db, source.key, ctx.clock.now())) throw new AppError('RATE_LIMITED');
      try {
        return await check();
      } catch (error) {
        if (isWrongCode(error)) await countWrongGuess(ctx.db, source, ctx.clock.now());
        throw error;
      }
    },
  };
}
