import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['./src/server/testing/global-setup.ts'],
    setupFiles: ['./src/server/testing/process-env.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time on CI's two CPUs (Vitest's default there is one): most of a test's time is waiting
    // on PostgreSQL, a browser or a child process, so a second file fills it. Keeps CI inside 30 minutes.
    maxWorkers: 2,
    // Each worker loads the app's modules once, not once per file: loading them took ~3 s a file, a fifth of
    // the suite's time (the embedded pass: 1,139 s on a busy machine, 602 s without isolation on a quiet one;
    // 725 s with it in the last quiet CI run). Every file starts its own test system (database, clock, app)
    // and no test mocks a module, so files share only code and its read-only caches (the language model,
    // the reference data); `process-env.ts` puts back what a file wrote into the environment.
    isolate: false,
    env: { TZ: 'Asia/Tashkent' },
  },
});
