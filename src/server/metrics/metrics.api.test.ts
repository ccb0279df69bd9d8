import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app/build-app.ts';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { rateLimitsFor } from '../http/rate-limits.ts';
import { listenForMetrics } from './metrics.ts';

// /metrics as Prometheus scrapes it: off by default, behind a bearer token on the app, or on its own address.
const token = 'metrics-token-for-tests-0123456789';
let t: TestSystem;
let filed: { number: string };

const scrape = async (authorization?: string) =>
  t.request({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

/** The value of one series in the exposition text, or undefined. */
function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

beforeAll(async () => {
  t = await startTestSystem({ env: { METRICS_TOKEN: token } });
  filed = await t.fileAppeal();
  await t.fileAppeal({ territory: '1718203' });
  // One of them is past its deadline; one notice could not be delivered.
  await sql`update appeals set due_on = '2020-01-10' where number = ${filed.number}`.execute(t.ownerDb);
  await sql`insert into notifications (channel, template, language, status, created_at)
            values ('sms', 'registered', 'uz', 'failed', now())`.execute(t.ownerDb);
  await t.request({ method: 'GET', url: `/api/v1/track/${filed.number}` });
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

describe('/metrics', () => {
  it('is refused without the token, or with a wrong one', async () => {
    for (const header of [undefined, `Bearer ${token}x`, token, `Basic ${token}`]) {
      const response = await scrape(header);
      expect(response.statusCode, header).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHENTICATED');
      expect(response.body).not.toContain('murojaat_');
    }
  });

  it('tells requests by route pattern, intake by channel, overdue appeals by region, undelivered notices, queues and the pool', async () => {
    const response = await scrape(`Bearer ${token}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.body;
    expect(value(text, 'murojaat_appeals_registered_total{channel="web"}')).toBe(2);
    expect(value(text, 'murojaat_appeals_overdue{region="1726"}')).toBe(1);
    expect(value(text, 'murojaat_appeals_overdue{region="1718"}')).toBeUndefined();
    expect(value(text, 'murojaat_notices_undelivered{channel="sms",status="failed"}')).toBe(1);
    expect(value(text, 'murojaat_db_pool_connections{state="total"}')).toBeGreaterThan(0);
    expect(text).toMatch(/murojaat_job_queue_jobs\{queue="[a-z-]+",state="queued"\} \d+/);
    expect(text).toMatch(/murojaat_job_queue_lag_seconds\{queue="[a-z-]+"\} \d+/);
    expect(
      value(
        text,
        'murojaat_http_request_duration_seconds_count{method="POST",route="/api/v1/appeals",status="201"}',
      ),
    ).toBe(2);
    expect(text).toContain('murojaat_process_resident_memory_bytes');
    // Route patterns, never the URL: no appeal number, no applicant.
    expect(text).not.toContain(filed.number);
    expect(text).not.toContain('Karimov');
  });

  it('is not served at all without METRICS_TOKEN', async () => {
    const app = await buildApp(t.system.ctx, { rateLimits: rateLimitsFor('off'), logLevel: 'silent' });
    try {
      const response = await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('can listen on its own address, still asking for the token when one is set', async () => {
    const listener = await listenForMetrics(t.system.ctx.metrics, { host: '127.0.0.1', port: 0, token });
    try {
      const base = `http://127.0.0.1:${listener.port}`;
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      const ok = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('murojaat_appeals_registered_total');
      expect(
        (await fetch(`${base}/api/v1/appeals`, { headers: { authorization: `Bearer ${token}` } })).status,
      ).toBe(404);
    } finally {
      await listener.close();
    }
  });

  it('refuses a short token and names it without echoing it', () => {
    let error: unknown;
    try {
      loadConfig({ METRICS_TOKEN: 'short-secret' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).toContain('METRICS_TOKEN');
    expect(String((error as Error).message)).not.toContain('short-secret');
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({
      where: 'own-port',
      host: '127.0.0.1',
      port: 9464,
      token: undefined,
    });
  });
});
