/**
 * Test files share a worker process (vitest.config.ts, `isolate: false`), so what one file writes into
 * `process.env` (a test system's DATABASE_URL, an SMTP_URL) would reach the files after it. This setup file
 * puts the environment back as it found it when each file ends, on the process's own `process.env` object:
 * a plain copy put in its place (`process.env = { ...saved }`) no longer moves the time zone when TZ is set,
 * which the legal clock's time-zone test relies on (it failed so in a run without isolation, 6 Dec 2026).
 */
import { afterAll } from 'vitest';
import { restoreEnv } from './env.ts';

const own = process.env;
const atStart = { ...own };
afterAll(() => restoreEnv(atStart, own));
