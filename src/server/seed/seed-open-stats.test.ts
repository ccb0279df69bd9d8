import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { seedGenerated } from '../analytics/testing.ts';

// After `murojaat seed` the public statistics showed nothing (or the months before the seed) until their
// hourly job ran, or the server was restarted (found by trying it as a new user would, 5 Dec 2026). The
// seed now rebuilds their rollup itself, and a running server publishes it at its next request.

let t: TestSystem;

beforeAll(async () => {
  t = await startTestSystem();
});

afterAll(async () => {
  await t?.stop();
});

describe('a seed', () => {
  it('is in the open statistics at once, on the public page of a server already running', async () => {
    const before = await t.request({ method: 'GET', url: '/open-data/appeals-monthly.csv' });
    expect(before.statusCode).toBe(200);
    const rowsBefore = before.body.trim().split('\n').length;
    await seedGenerated(t.system, { appeals: 2_000, seed: 3, years: 1, until: new Date() });
    const { rows } = await sql<{ rolled: number; real: number }>`
      select (select coalesce(sum(received), 0)::int from open_stats_monthly) as rolled,
             (select count(*)::int from appeals where not sandbox) as real`.execute(t.ownerDb);
    expect(rows[0]?.real).toBeGreaterThan(1_500);
    expect(rows[0]?.rolled).toBe(rows[0]?.real);
    const after = await t.request({ method: 'GET', url: '/open-data/appeals-monthly.csv' });
    expect(after.body.trim().split('\n').length).toBeGreaterThan(rowsBefore + 50);
  });
});
