// `npm run test:reliability [-- --only crash,outage,two,processes,fuzz,sustained] [--kills 5]
//   [--sustain-seconds 60] [--sustain-clients 200] [--fuzz-runs 40] [--outage-seconds 6]
//   [--processes-seconds 6] [--processes-clients 12]`
// Runs the reliability suite against real server processes (see docs/performance.md) and ends with
// "N passed, N failed"; exits non-zero when anything failed.
import { parseArgs } from 'node:util';
import { crashTest } from './crash.ts';
import { fuzzTest } from './fuzz.ts';
import type { Outcome } from './harness.ts';
import { outageTest } from './outage.ts';
import { processesTest } from './processes.ts';
import { sustainedTest } from './sustained.ts';
import { twoServersTest } from './two-servers.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'crash,outage,two,processes,fuzz,sustained' },
    kills: { type: 'string', default: '5' },
    'sustain-seconds': { type: 'string', default: '60' },
    'sustain-clients': { type: 'string', default: '200' },
    'sustain-engine': { type: 'string', default: 'embedded' },
    'fuzz-runs': { type: 'string', default: '40' },
    'outage-seconds': { type: 'string', default: '6' },
    'two-seconds': { type: 'string', default: '8' },
    'processes-seconds': { type: 'string', default: '6' },
    'processes-clients': { type: 'string', default: '12' },
  },
  strict: true,
});
const only = new Set((values.only ?? '').split(','));
const sustainEngine = values['sustain-engine'] === 'postgres' ? 'postgres' : 'embedded';

const tests: [string, () => Promise<Outcome>][] = [
  ['crash', () => crashTest('embedded', Number(values.kills))],
  ['crash', () => crashTest('postgres', Number(values.kills))],
  ['outage', () => outageTest(Number(values['outage-seconds']))],
  ['two', () => twoServersTest(Number(values['two-seconds']))],
  [
    'processes',
    () =>
      processesTest({
        seconds: Number(values['processes-seconds']),
        clients: Number(values['processes-clients']),
      }),
  ],
  ['fuzz', () => fuzzTest(Number(values['fuzz-runs']))],
  [
    'sustained',
    () => sustainedTest(sustainEngine, Number(values['sustain-seconds']), Number(values['sustain-clients'])),
  ],
];

const started = performance.now();
const outcomes: Outcome[] = [];
for (const [key, test] of tests) {
  if (!only.has(key)) continue;
  const t = performance.now();
  let outcome: Outcome;
  try {
    outcome = await test();
  } catch (error) {
    outcome = {
      name: key,
      passed: false,
      details: [`crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`],
    };
  }
  outcomes.push(outcome);
  process.stdout.write(
    `\n${outcome.skipped ? 'SKIP' : outcome.passed ? 'PASS' : 'FAIL'} ${outcome.name} (${((performance.now() - t) / 1000).toFixed(0)} s)\n`,
  );
  for (const line of outcome.details) process.stdout.write(`  ${line}\n`);
}
const skipped = outcomes.filter((o) => o.skipped).length;
const passed = outcomes.filter((o) => o.passed && !o.skipped).length;
const failed = outcomes.length - passed - skipped;
process.stdout.write(
  `\nreliability suite finished in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
);
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed === 0 ? 0 : 1);
