import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAppeal, startTestSystem, type TestSystem } from '../src/app/testing/test-system.ts';
import { deliverNotice } from '../src/server/notify/deliver-notice.ts';
import { notifyApplicant } from '../src/server/notify/notify-applicant.ts';
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

// A clerk works the notices that did not reach applicants, in Debian's Chromium against a real server and
// a real SMS gateway on loopback: a notice the gateway refused shows with its reason and goes out again
// once the gateway is back; a notice by post is marked posted.

let t: TestSystem;
let base: string;
let browser: Browser;
let gateway: Server;
const gatewayState = { status: 500, received: [] as string[] };
const problems: string[] = [];

beforeAll(async () => {
  await buildConsole();
  gateway = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      gatewayState.received.push(JSON.parse(body).to);
      response.writeHead(gatewayState.status).end('{}');
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  const { port } = gateway.address() as AddressInfo;
  t = await startTestSystem({
    env: { SMS_PROVIDER: 'http', SMS_HTTP_URL: `http://127.0.0.1:${port}/send` },
  });
  base = await t.listen();
  browser = await launchBrowser();
  await t.staff('notice-clerk', 'clerk', 'IIV-1726266-APP');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  await new Promise<void>((resolve) => gateway?.close(() => resolve()));
});

/** Runs an appeal's notice jobs as the worker would on its last attempt. */
async function runNotices(number: string) {
  const { rows } = await sql<{ id: string; data: { appealId: number; template: string } }>`
    select job.id, job.data from pgboss.job job join appeals on appeals.id = (job.data->>'appealId')::int
     where job.name = 'notify-applicant' and appeals.number = ${number}`.execute(t.ownerDb);
  for (const job of rows) {
    await notifyApplicant(t.system.ctx, {
      ...job.data,
      jobId: job.id,
      attempt: { retryCount: 8, last: true },
    });
  }
}

describe('undelivered notices in the console', () => {
  it('a clerk sees why a notice failed, sends it again once the gateway is back, and marks a letter posted', async () => {
    const texted = await t.fileAppeal({
      applicant: { ...defaultAppeal.applicant, phone: '+998901234500' },
      answerChannel: 'sms',
    });
    const posted = await t.fileAppeal({ answerChannel: 'post' });
    await runNotices(texted.number);
    await runNotices(posted.number);

    const { page } = await openConsole(browser, base, '/console/', problems);
    await signIn(page, 'notice-clerk');
    await page.getByRole('link', { name: uz['nav.notices'] }).click();
    await page.getByRole('heading', { name: uz['notices.title'] }).waitFor();
    const failedRow = page.getByRole('row').filter({ hasText: texted.number });
    // Why, in the reader's language (the English sentence of the logs stays in the tooltip).
    await expect
      .poll(() => failedRow.textContent(), { timeout: 10_000 })
      .toContain(uz['deliveryFailure.unavailable'].replace('{detail}', 'HTTP 500'));
    await screenshot(page, 'notices-failed');
    expect(await seriousViolations(page)).toEqual([]);

    gatewayState.status = 200;
    await failedRow.getByRole('button', { name: uz['notices.resend'] }).click();
    await page.getByRole('status').filter({ hasText: uz['notices.queued'] }).waitFor();
    await expect.poll(() => failedRow.count()).toBe(0);
    const { rows } = await sql<{ id: number }>`
      select notifications.id from notifications join appeals on appeals.id = notifications.appeal_id
       where appeals.number = ${texted.number}`.execute(t.ownerDb);
    await deliverNotice(t.system.ctx, rows[0]?.id ?? 0);
    expect(gatewayState.received).toEqual(['+998901234500', '+998901234500']);

    await field(page, uz['notices.show']).selectOption('awaiting_post');
    const postRow = page.getByRole('row').filter({ hasText: posted.number });
    await postRow.getByRole('button', { name: uz['notices.markPosted'] }).click();
    await page.getByRole('status').filter({ hasText: uz['notices.posted'] }).waitFor();
    await expect.poll(() => postRow.count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
