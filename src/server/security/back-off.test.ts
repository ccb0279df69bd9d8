import { describe, expect, it } from 'vitest';
import { afterGuess, afterRightGuess, type GuessCount, type GuessPolicy, isHeld } from './back-off.ts';

const policy: GuessPolicy = { free: 3, firstHoldMs: 30_000, maxHoldMs: 120_000, forgetAfterMs: 3_600_000 };
const start = new Date('2026-12-03T05:00:00Z');
const at = (ms: number) => new Date(start.getTime() + ms);

function guesses(n: number, now = start): GuessCount | undefined {
  let count: GuessCount | undefined;
  for (let i = 0; i < n; i++) count = afterGuess(policy, count, now);
  return count;
}

describe('back-off', () => {
  it('lets the free guesses through, then holds for twice as long after each wrong one, up to the ceiling', () => {
    expect(isHeld(guesses(2), start)).toBe(false);
    const holds = [3, 4, 5, 6, 7].map((n) => (guesses(n)?.heldUntil?.getTime() ?? 0) - start.getTime());
    expect(holds).toEqual([30_000, 60_000, 120_000, 120_000, 120_000]);
    expect(isHeld(guesses(3), at(29_999))).toBe(true);
    expect(isHeld(guesses(3), at(30_000))).toBe(false);
  });

  it('starts afresh once a source has been quiet for the forgetting time', () => {
    const count = guesses(5);
    expect(afterGuess(policy, count, at(3_600_000))).toMatchObject({ failures: 1, heldUntil: null });
  });

  it('gives back a guess that turned out right, lifting a hold it alone caused', () => {
    const third = guesses(3);
    if (!third) throw new Error('no count');
    expect(afterRightGuess(policy, third)).toMatchObject({ failures: 2, heldUntil: null });
    const fifth = guesses(5);
    if (!fifth) throw new Error('no count');
    expect(afterRightGuess(policy, fifth).heldUntil).toEqual(fifth.heldUntil);
  });
});
