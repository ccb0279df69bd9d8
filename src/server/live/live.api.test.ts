import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenLive, until } from '../../app/testing/live-client.ts';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import type { Database } from '../db/schema.ts';

let t: TestSystem;
let base: string;
/** A second database connection, standing in for another server process. */
let other: Kysely<Database>;

function file(fields: Record<string, unknown> = {}) {
  return t.fileAppeal(fields);
}

function listen(
  login: string,
  role: 'clerk' | 'head' | 'executor' | 'internal_security',
  unit: string,
  subtree = false,
) {
  return listenLive(t, base, { login, role, unit, subtree });
}

beforeAll(async () => {
  t = await startTestSystem();
  base = await t.listen();
  other = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: t.databaseUrl, max: 1 }) }),
  });
});
afterAll(async () => {
  await other?.destroy();
  await t?.stop();
});

describe('live updates', () => {
  it('tells staff in scope about a change committed by another process, and nobody else', async () => {
    const clerk = await listen('clerk-live', 'clerk', 'IIV-1726266-APP');
    const outsider = await listen('clerk-live-andijan', 'clerk', 'IIV-1703202-APP');
    await t.system.ctx.live.ready();
    const appeal = await file();
    await until(() => clerk.events.some((e) => e.event === 'appeal'));
    expect(clerk.events).toContainEqual({
      event: 'appeal',
      data: { number: appeal.number, status: 'registered' },
    });

    // Another process (here: another connection) changes the appeal; PostgreSQL tells this one.
    await other.updateTable('appeals').set({ urgent: true }).where('number', '=', appeal.number).execute();
    await until(() => clerk.events.filter((e) => e.event === 'appeal').length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(outsider.events.filter((e) => e.event === 'appeal')).toEqual([]);
    await clerk.close();
    await outsider.close();
  });

  it('never names a complaint about an officer to the officer’s own department', async () => {
    const departmentHead = await listen('head-live-yunusobod', 'head', 'IIV-1726266', true);
    const security = await listen('isec-live', 'internal_security', 'IIV-1726-ISEC');
    const appeal = await file({
      type: 'shikoyat',
      category: 'officer_conduct',
      text: 'Yunusobod IIB xodimi menga qoʻpol muomala qildi va haqorat qildi.',
    });
    await until(() => security.events.some((e) => e.event === 'appeal'));
    expect(security.events).toContainEqual({
      event: 'appeal',
      data: { number: appeal.number, status: 'assigned' },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(JSON.stringify(departmentHead.events)).not.toContain(appeal.number);
    await departmentHead.close();
    await security.close();
  });

  it('ends the stream when the session is signed out everywhere', async () => {
    const clerk = await listen('clerk-live-out', 'clerk', 'IIV-1726266-APP');
    const out = await fetch(`${base}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie: clerk.cookie, 'x-csrf-token': clerk.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ everywhere: true }),
    });
    expect(out.status).toBe(204);
    // The heartbeat notices within its period; the stream then says so and ends.
    await until(() => clerk.ended(), 30_000);
    expect(clerk.events.at(-1)?.event).toBe('signed-out');
  }, 40_000);

  it('refuses a request without a session', async () => {
    const response = await fetch(`${base}/api/v1/live`);
    expect(response.status).toBe(401);
  });
});
