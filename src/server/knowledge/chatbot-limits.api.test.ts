import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { rateLimitsFor } from '../http/rate-limits.ts';

// The chatbot's public doors are limited like the other public ones: asking like tracking, a hand-off like
// filing an appeal (here with small limits, so that the test stays short).

let t: TestSystem;

beforeAll(async () => {
  t = await startTestSystem({
    rateLimits: {
      ...rateLimitsFor('on'),
      track: { max: 3, timeWindow: 60_000 },
      intake: { max: 1, timeWindow: 60_000 },
    },
  });
});
afterAll(async () => {
  await t?.stop();
});

describe('limits on the chatbot', () => {
  it('refuses a client that asks too often, with RATE_LIMITED', async () => {
    const ask = () =>
      t.request({ method: 'POST', url: '/api/v1/chat/ask', payload: { question: 'Muddat qancha?' } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await ask()).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await ask();
    expect(refused.json().error.code).toBe('RATE_LIMITED');
  });

  it('limits hand-offs like filing an appeal', async () => {
    const handoff = () =>
      t.request({
        method: 'POST',
        url: '/api/v1/chat/handoff',
        payload: { askId: '00000000-0000-4000-8000-000000000000', question: 'Savol' },
      });
    expect((await handoff()).statusCode).toBe(404);
    expect((await handoff()).statusCode).toBe(429);
  });
});
