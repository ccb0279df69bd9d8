import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/schema.ts';
import { startTestSystem, type TestSystem } from '../testing/test-system.ts';

let t: TestSystem;
let base: string;
/** A second database connection, standing in for another server process. */
let other: Kysely<Database>;

function file(fields: Record<string, unknown> = {}) {
  return t.fileAppeal(fields);
}

/** Signs in over HTTP and opens the live stream; collects its events until closed. */
async function listen(
  login: string,
  role: 'clerk' | 'head' | 'executor' | 'internal_security',
  unit: string,
  subtree = false,
) {
  await t.staff(login, role, unit, { scopeSubtree: subtree });
  const signIn = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: `pw-${login}-long-enough` }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken;
  const controller = new AbortController();
  const response = await fetch(`${base}/api/v1/live`, { headers: { cookie }, signal: controller.signal });
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
  const events: { event: string; data: unknown }[] = [];
  let ended = false;
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pump = (async () => {
    try {
      while (reader) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let split = buffer.indexOf('\n\n');
        while (split >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
          split = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
    ended = true;
  })();
  return {
    events,
    cookie,
    csrf,
    ended: () => ended,
    close: async () => {
      controller.abort();
      await pump;
    },
  };
}

async function until(check: () => boolean, ms = 5_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
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
