import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

async function seed(...args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (chunk) => {
    err += String(chunk);
  });
  const code = await main(['seed', ...args], { stdin: Readable.from(['']), stdout, stderr });
  return { code, err };
}

// Refused before any database is opened: these runs have none.
describe('murojaat seed arguments', () => {
  it.each([
    ['an instant in year 1', ['--until', '0001-01-01T00:00:00Z']],
    ['an instant after the calendar', ['--until', '2100-01-01T00:00:00Z']],
    ['years reaching before 1991-09-01', ['--until', '2000-01-01T00:00:00Z', '--years', '10']],
    ['no date at all', ['--until', 'soon']],
  ])('refuses %s (exit 2, says why)', async (_name, extra) => {
    const { code, err } = await seed('--appeals', '10', ...extra);
    expect(code).toBe(2);
    expect(err).toContain('--until');
  });
});
