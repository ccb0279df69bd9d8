import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** Per-route limits for @fastify/rate-limit; `false` turns a limit off (benchmarks, trusted gateways). */
export interface RateLimits {
  intake: { max: number; timeWindow: number } | false;
  track: { max: number; timeWindow: number } | false;
  login: { max: number; timeWindow: number } | false;
  /** Wrong access codes one client may try in the window before tracking refuses it. */
  trackFailures: { max: number; windowMs: number } | false;
}

/** Limits for a public deployment; `RATE_LIMITS=off` disables them for load tests. */
export function rateLimitsFor(mode: 'on' | 'off'): RateLimits {
  if (mode === 'off') return { intake: false, track: false, login: false, trackFailures: false };
  return {
    intake: { max: 20, timeWindow: 60_000 },
    track: { max: 60, timeWindow: 60_000 },
    login: { max: 20, timeWindow: 60_000 },
    trackFailures: { max: 10, windowMs: 15 * 60_000 },
  };
}

/** Counts wrong access codes per client and refuses a client that guesses too often. */
export interface TrackGuard {
  run<T>(request: FastifyRequest, lookUp: () => Promise<T>): Promise<T>;
}

/**
 * A guard for look-ups by number and access code. Counts live in this process; several processes each
 * keep their own, so the effective limit is at most N× per client, still hopeless for guessing 40-bit codes.
 */
export function createTrackGuard(limit: RateLimits['trackFailures']): TrackGuard {
  const failures = new Map<string, { count: number; until: number }>();
  return {
    async run(request, lookUp) {
      if (!limit) return lookUp();
      const key = request.ip;
      const now = Date.now();
      const entry = failures.get(key);
      if (entry && entry.until > now && entry.count >= limit.max) throw new AppError('RATE_LIMITED');
      try {
        return await lookUp();
      } catch (error) {
        if (error instanceof AppError && error.code === 'APPEAL_NOT_FOUND') {
          const current = entry && entry.until > now ? entry : { count: 0, until: now + limit.windowMs };
          current.count += 1;
          failures.set(key, current);
          if (failures.size > 100_000) failures.clear();
        }
        throw error;
      }
    },
  };
}
