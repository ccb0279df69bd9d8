import { ensureConsoleBuild } from './serve/console-build.ts';

// `npm run build:console` (and `npm install`, through `prepare`): builds the staff console when its sources
// changed since the last build. `--soft` never fails (an install must not break over the console).
const soft = process.argv.includes('--soft');
const outcome = await ensureConsoleBuild({
  info: (m) => process.stdout.write(`${m}\n`),
  warn: (m) => process.stderr.write(`${m}\n`),
});
if (outcome === 'fresh') process.stdout.write('The staff console build is up to date.\n');
if (outcome === 'unavailable')
  process.stderr.write('Vite is not installed: the staff console was not built.\n');
process.exitCode = outcome === 'failed' && !soft ? 1 : 0;
