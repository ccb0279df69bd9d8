import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { messages } from '../src/console/app/i18n/index.ts';
import { ensureConsoleBuild } from '../src/console/serve/console-build.ts';

/** The console's strings in Uzbek Latin (the default language), to find controls as a person does. */
export const uz = messages.uz;

const shots = path.resolve('test-results/console');

/** Builds the console if its sources changed (once for all test files, under a lock). */
export async function buildConsole(): Promise<void> {
  const outcome = await ensureConsoleBuild({ info: () => {}, warn: (m) => process.stderr.write(`${m}\n`) });
  if (outcome === 'failed' || outcome === 'unavailable') throw new Error(`console build ${outcome}`);
}

/** A fresh browser context at 1366×768 with the console's sign-in page open; page errors go to `problems`. */
export async function openConsole(
  browser: Browser,
  base: string,
  path = '/console/',
  problems: string[] = [],
) {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'uz-UZ',
    timezoneId: 'Asia/Tashkent',
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500 || (response.status() === 401 && !response.url().includes('/auth/')))
      problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  page.on('console', (message) => {
    if (
      message.type() === 'error' &&
      !/Failed to load resource: the server responded with a status of (401|404|409)/.test(message.text())
    )
      problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${base}${path}`);
  return { context, page, problems };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The control whose label is exactly `label` (a required field's label adds "(majburiy)"). */
export function field(page: Pick<Page, 'getByLabel'>, label: string) {
  return page.getByLabel(new RegExp(`^${escapeRegExp(label)}( \\(${escapeRegExp(uz['app.required'])}\\))?$`));
}

/** Signs in through the form (password, and a TOTP code when asked). */
export async function signIn(page: Page, login: string, password = `pw-${login}-long-enough`): Promise<void> {
  await field(page, uz['auth.login']).fill(login);
  await field(page, uz['auth.password']).fill(password);
  await page.getByRole('button', { name: uz['auth.submit'], exact: true }).click();
}

/** Serious and critical axe-core violations of the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const source = await readFile(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, so the page's strict CSP does not have to be loosened.
  await page.evaluate(source);
  const result = await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => JSON.stringify(r))",
  );
  const parsed: {
    violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  } = JSON.parse(String(result));
  return parsed.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

/** Saves a screenshot under test-results/console/ to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: false });
}
