import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { ensureConsoleBuild } from './console-build.ts';

let t: TestSystem;

beforeAll(async () => {
  const outcome = await ensureConsoleBuild({ info: () => {}, warn: () => {} });
  expect(['fresh', 'built']).toContain(outcome);
  t = await startTestSystem();
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

describe('serving the staff console', () => {
  it('answers the SPA at /console/ and at any of its own paths, never cached', async () => {
    for (const url of ['/console/', '/console/queue/triage', '/console/appeals/IIV-2026-0000001']) {
      const response = await t.request({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toContain('<div id="root"></div>');
    }
    const bare = await t.request({ method: 'GET', url: '/console' });
    expect(bare.statusCode).toBe(302);
    expect(bare.headers.location).toBe('/console/');
  });

  it('serves hashed assets for a year under the strict content security policy, and nothing outside the build', async () => {
    const page = await t.request({ method: 'GET', url: '/console/' });
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(page.body)?.[1] ?? '';
    const asset = await t.request({ method: 'GET', url: script });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await t.request({ method: 'GET', url: '/console/assets/missing.js' })).statusCode).toBe(404);
    for (const url of [
      '/console/..%2f..%2fpackage.json',
      '/console/assets/..%2f..%2f..%2fpackage.json',
      '/console/build.json',
    ]) {
      const response = await t.request({ method: 'GET', url });
      expect(response.body, url).not.toContain('"dependencies"');
      expect(response.body, url).not.toContain('"hash"');
    }
  });
});
