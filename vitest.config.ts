import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['./src/server/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time on CI's two CPUs (Vitest's default there is one): most of a test's time is waiting
    // on PostgreSQL, a browser or a child process, so a second file fills it. Keeps CI inside 30 minutes.
    maxWorkers: 2,
    env: { TZ: 'Asia/Tashkent' },
  },
});
