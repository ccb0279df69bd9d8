// The citizen portal's budgets, measured in Debian's Chromium over a throttled link (400 kbit/s both ways,
// 400 ms round trip: slow 3G as the issue defines it):
// - the new-appeal page, first visit, all resources: ≤ 60 KB transferred, no web fonts, no third-party requests;
// - it loads and can be submitted in under 5 s (the time a person spends typing is not counted);
// - the open statistics page (/oz/stats and /kaa/stats, read only): the same byte budget, loaded in under 5 s.
// Every citizen language is measured with JavaScript; Uzbek Cyrillic and Karakalpak also without it.
//
//   npx tsx bench/portal-budget.ts                 # starts `npm start`'s server on a fresh embedded database
//   npx tsx bench/portal-budget.ts --url http://127.0.0.1:3000   # measures a server that is already running
//
// Writes bench/results/portal-budget.json and exits non-zero when a budget is broken.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { type CitizenLanguage, citizenLanguages } from '../src/contracts/enums.ts';
import { launchBrowser } from '../src/server/testing/browser.ts';

const BUDGET_BYTES = 60 * 1024;
const BUDGET_MS = 5000;
const LINK = { latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };

interface Transfer {
  url: string;
  type: string;
  bytes: number;
  encoding: string;
}

interface Run {
  language: CitizenLanguage;
  javaScript: boolean;
  /** Bytes on the wire (headers and compressed bodies) for the page and everything it loaded. */
  pageBytes: number;
  requests: Transfer[];
  fonts: number;
  thirdParty: string[];
  /** From starting the navigation to the load event. */
  loadMs: number;
  /** From pressing "send" to the confirmation page's load event. */
  submitMs: number;
  totalMs: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the server did not become ready in 2 minutes');
}

/** Starts the server exactly as `npm start` does, on a throw-away embedded database. */
async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'murojaat-portal-bench-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      RATE_LIMITS: 'off',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child);
  return {
    url,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Records every response's size on the wire through the DevTools protocol. */
function recordTransfers(cdp: CDPSession): () => Transfer[] {
  const pending = new Map<string, Transfer>();
  const done: Transfer[] = [];
  cdp.on('Network.responseReceived', (event) => {
    const headers = event.response.headers;
    const encoding = headers['content-encoding'] ?? headers['Content-Encoding'] ?? 'identity';
    pending.set(event.requestId, {
      url: event.response.url,
      type: event.type ?? 'Other',
      bytes: 0,
      encoding,
    });
  });
  cdp.on('Network.loadingFinished', (event) => {
    const transfer = pending.get(event.requestId);
    if (!transfer) return;
    transfer.bytes = event.encodedDataLength;
    done.push(transfer);
    pending.delete(event.requestId);
  });
  return () => done.splice(0);
}

async function fillForm(page: Page, language: CitizenLanguage): Promise<void> {
  await page.fill('#f-applicant-lastName', language === 'ru' ? 'Иванов' : 'Karimov');
  await page.fill('#f-applicant-firstName', language === 'ru' ? 'Иван' : 'Aziz');
  await page.fill('#f-applicant-address', 'Toshkent sh., Yunusobod tumani, 5-kvartal, 12-uy');
  await page.fill(
    '#f-text',
    'Kecha kechqurun Yunusobod tumanidagi bozorda hamyonimni oʻgʻirlab ketishdi. Iltimos, yordam bering.',
  );
  await page.check('#f-consent');
}

async function measure(
  browser: Browser,
  url: string,
  language: CitizenLanguage,
  javaScript: boolean,
): Promise<Run> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    javaScriptEnabled: javaScript,
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...LINK });
  const transfers = recordTransfers(cdp);

  const started = performance.now();
  await page.goto(`${url}/${language}/appeal`, { waitUntil: 'load' });
  const loadMs = performance.now() - started;
  // Late requests (the favicon) still count towards the first visit.
  await page.waitForTimeout(1500);
  const requests = transfers();

  await fillForm(page, language);
  const sending = performance.now();
  await Promise.all([
    page.waitForURL(/\/appeal\/sent\/IIV-/, { waitUntil: 'load', timeout: 30_000 }),
    page.click('#appeal-form button[type=submit]'),
  ]);
  const submitMs = performance.now() - sending;
  await context.close();

  const host = new URL(url).host;
  return {
    language,
    javaScript,
    pageBytes: requests.reduce((sum, r) => sum + r.bytes, 0),
    requests,
    fonts: requests.filter((r) => r.type === 'Font').length,
    thirdParty: requests.filter((r) => new URL(r.url).host !== host).map((r) => r.url),
    loadMs: Math.round(loadMs),
    submitMs: Math.round(submitMs),
    totalMs: Math.round(loadMs + submitMs),
  };
}

interface PageRun {
  path: string;
  javaScript: boolean;
  pageBytes: number;
  requests: number;
  fonts: number;
  thirdParty: string[];
  loadMs: number;
}

/** A page that is only read (the open statistics): first visit, all resources, on the same slow link. */
async function measureRead(
  browser: Browser,
  url: string,
  path: string,
  javaScript: boolean,
): Promise<PageRun> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    javaScriptEnabled: javaScript,
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...LINK });
  const transfers = recordTransfers(cdp);
  const started = performance.now();
  await page.goto(`${url}${path}`, { waitUntil: 'load' });
  const loadMs = performance.now() - started;
  await page.waitForTimeout(1500);
  const requests = transfers();
  await context.close();
  const host = new URL(url).host;
  return {
    path,
    javaScript,
    pageBytes: requests.reduce((sum, r) => sum + r.bytes, 0),
    requests: requests.length,
    fonts: requests.filter((r) => r.type === 'Font').length,
    thirdParty: requests.filter((r) => new URL(r.url).host !== host).map((r) => r.url),
    loadMs: Math.round(loadMs),
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { url: { type: 'string' } } });
  const server = values.url
    ? { url: values.url.replace(/\/+$/, ''), stop: async () => {} }
    : await startServer();
  const browser = await launchBrowser();
  const runs: Run[] = [];
  const reads: PageRun[] = [];
  try {
    for (const language of citizenLanguages) runs.push(await measure(browser, server.url, language, true));
    runs.push(await measure(browser, server.url, 'oz', false));
    runs.push(await measure(browser, server.url, 'kaa', false));
    reads.push(await measureRead(browser, server.url, '/oz/stats', true));
    reads.push(await measureRead(browser, server.url, '/oz/stats', false));
    reads.push(await measureRead(browser, server.url, '/kaa/stats', false));
  } finally {
    await browser.close();
    await server.stop();
  }

  const problems: string[] = [];
  process.stdout.write('language  js   requests  transferred   load    submit  load+submit\n');
  for (const run of runs) {
    process.stdout.write(
      `${run.language.padEnd(9)} ${(run.javaScript ? 'on' : 'off').padEnd(4)} ${String(run.requests.length).padStart(8)}` +
        `  ${(run.pageBytes / 1024).toFixed(1).padStart(8)} KB  ${String(run.loadMs).padStart(5)} ms ${String(run.submitMs).padStart(6)} ms ${String(run.totalMs).padStart(8)} ms\n`,
    );
    const where = `${run.language}, JavaScript ${run.javaScript ? 'on' : 'off'}`;
    if (run.pageBytes > BUDGET_BYTES) problems.push(`${where}: ${run.pageBytes} B > ${BUDGET_BYTES} B`);
    if (run.totalMs > BUDGET_MS) problems.push(`${where}: ${run.totalMs} ms > ${BUDGET_MS} ms`);
    if (run.fonts > 0) problems.push(`${where}: ${run.fonts} web font requests`);
    if (run.thirdParty.length > 0)
      problems.push(`${where}: third-party requests ${run.thirdParty.join(', ')}`);
  }
  for (const read of reads) {
    process.stdout.write(
      `${read.path.padEnd(9)} ${(read.javaScript ? 'on' : 'off').padEnd(4)} ${String(read.requests).padStart(8)}` +
        `  ${(read.pageBytes / 1024).toFixed(1).padStart(8)} KB  ${String(read.loadMs).padStart(5)} ms\n`,
    );
    const where = `${read.path}, JavaScript ${read.javaScript ? 'on' : 'off'}`;
    if (read.pageBytes > BUDGET_BYTES) problems.push(`${where}: ${read.pageBytes} B > ${BUDGET_BYTES} B`);
    if (read.loadMs > BUDGET_MS) problems.push(`${where}: ${read.loadMs} ms > ${BUDGET_MS} ms`);
    if (read.fonts > 0) problems.push(`${where}: ${read.fonts} web font requests`);
    if (read.thirdParty.length > 0)
      problems.push(`${where}: third-party requests ${read.thirdParty.join(', ')}`);
  }
  const first = runs[0];
  if (first) {
    process.stdout.write(`\nrequests of the first visit (${first.language}):\n`);
    for (const r of first.requests)
      process.stdout.write(
        `  ${r.type.padEnd(10)} ${String(r.bytes).padStart(6)} B  ${r.encoding.padEnd(8)} ${new URL(r.url).pathname}\n`,
      );
  }
  const summary = {
    measuredAt: new Date().toISOString(),
    link: { kbitPerSecond: 400, rttMs: LINK.latency },
    budgets: { bytes: BUDGET_BYTES, loadAndSubmitMs: BUDGET_MS },
    runs: runs.map((r) => ({
      ...r,
      requests: r.requests.map((q) => ({
        path: new URL(q.url).pathname,
        type: q.type,
        bytes: q.bytes,
        encoding: q.encoding,
      })),
    })),
    reads,
    problems,
  };
  await writeFile(
    new URL('./results/portal-budget.json', import.meta.url),
    `${JSON.stringify(summary, null, 2)}\n`,
  );
  process.stdout.write(
    problems.length ? `\nBUDGETS BROKEN:\n${problems.join('\n')}\n` : '\nall budgets met\n',
  );
  return problems.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
