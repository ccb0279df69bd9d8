import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../src/app/testing/test-system.ts';
import { launchBrowser } from '../src/server/testing/browser.ts';
import {
  buildConsole,
  field,
  openConsole,
  screenshot,
  seriousViolations,
  signIn,
  uz,
} from './console-helpers.ts';

// An administrator registers a webhook in Debian's Chromium, reads its secret once, sees an appeal's
// registration delivered to a receiver on loopback with its response code, and switches the webhook off.

let t: TestSystem;
let base: string;
let browser: Browser;
let receiver: Server;
let receiverUrl: string;
const bodies: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  await buildConsole();
  t = await startTestSystem({ workers: true });
  base = await t.listen();
  browser = await launchBrowser();
  const admin = await t.staff('hook-admin', 'admin', 'IIV', { scopeSubtree: true });
  const created = await admin.request({
    method: 'POST',
    url: '/api/v1/admin/integrations',
    payload: { name: 'Shahar ilovasi', scopes: ['webhooks'] },
  });
  expect(created.statusCode).toBe(201);
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  receiver?.closeAllConnections();
  receiver?.close();
  await t?.stop();
});

describe('webhooks in the console', () => {
  it('an administrator registers a webhook, sees its secret once and its last delivery, and switches it off', async () => {
    const { context, page } = await openConsole(browser, base, '/console/admin/webhooks', problems);
    await signIn(page, 'hook-admin');
    await page.getByRole('button', { name: uz['webhooks.new'] }).click();
    await field(page, uz['webhooks.url']).fill(receiverUrl);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: uz['webhooks.register'] }).click();
    const shown = page.getByTestId('webhook-secret');
    await shown.waitFor();
    const secret = (await shown.textContent()) ?? '';
    expect(secret).toMatch(/^mjw_/);
    await screenshot(page, 'webhook-registered');
    await page.getByRole('button', { name: uz['app.close'] }).click();

    const filed = await t.fileAppeal();
    const until = Date.now() + 20_000;
    while (!bodies.some((b) => b.includes(filed.number)) && Date.now() < until)
      await new Promise((r) => setTimeout(r, 100));
    expect(bodies.some((b) => b.includes(filed.number))).toBe(true);

    await page.reload();
    const row = page.getByRole('row').filter({ hasText: receiverUrl });
    await row.getByText(`${uz['webhooks.status.delivered']} · HTTP 204`).waitFor();
    expect(await page.content()).not.toContain(secret);
    await row.getByRole('button', { name: uz['webhooks.deliveries'] }).click();
    await page.getByRole('cell', { name: filed.number, exact: true }).waitFor();
    await row.getByRole('button', { name: uz['webhooks.switchOff'] }).click();
    await row.getByText(uz['webhooks.off']).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
