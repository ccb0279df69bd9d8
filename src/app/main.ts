import { startSystem } from '../server/boot.ts';
import { ConfigError, loadConfig } from '../server/config.ts';
import { isDatabaseUnavailable } from '../server/http/errors.ts';
import { rateLimitsFor } from '../server/http/rate-limits.ts';
import { listenForMetrics } from '../server/metrics/metrics.ts';
import { unsupportedNode } from '../server/node-runtime.ts';
import { buildApp } from './build-app.ts';

// `npm start`: one process serving the API and pages and running the background jobs.
async function main(): Promise<void> {
  const started = performance.now();
  const refusal = unsupportedNode(process.versions.node);
  if (refusal) {
    process.stderr.write(`${refusal}\n`);
    process.exit(2);
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const rateLimits = rateLimitsFor(process.env.RATE_LIMITS === 'off' ? 'off' : 'on');
  // The app's logger is created first so that start-up messages share its format.
  const bootLog = {
    info: (m: unknown) => process.stdout.write(`${String(m)}\n`),
    warn: (m: unknown) => process.stdout.write(`warning: ${String(m)}\n`),
    error: (m: unknown) => process.stderr.write(`error: ${String(m)}\n`),
    debug: () => {},
  };
  const system = await startSystem({ config, log: bootLog });
  const app = await buildApp(system.ctx, {
    rateLimits,
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
    telegram: system.telegram,
    ...(config.metrics.where === 'app' ? { metricsToken: config.metrics.token } : {}),
  });
  const metricsListener =
    config.metrics.where === 'own-port'
      ? await listenForMetrics(system.ctx.metrics, config.metrics)
      : undefined;
  system.ctx.log = app.log;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: shutting down`);
    await app.close();
    await metricsListener?.close();
    await system.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // Background work that no request awaits (pg-boss 10 settled jobs without awaiting the promises) can
  // reject unhandled while the database is away, which Node turns into a crash of the whole server. A
  // database outage must not kill the process (the jobs are fetched again when it returns); any other
  // unhandled rejection still ends it.
  process.on('unhandledRejection', (reason) => {
    if (!isDatabaseUnavailable(reason)) throw reason;
    app.log.warn(
      { err: { message: reason instanceof Error ? reason.message : String(reason) } },
      'database unavailable (background job)',
    );
  });

  if (config.role !== 'worker') await app.listen({ port: config.port, host: config.host });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const where =
    system.database.engine === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL';
  process.stdout.write(
    `Murojaat is ready on http://${config.host}:${config.port}/ (${where}, started in ${seconds} s)\n`,
  );
  if (metricsListener && config.metrics.where === 'own-port')
    process.stdout.write(`Metrics on http://${config.metrics.host}:${metricsListener.port}/metrics\n`);
  if (system.adminPassword) {
    process.stdout.write(
      `\nFirst start: created the administrator account.\n  login:    admin\n  password: ${system.adminPassword}\n` +
        `  sign in:  http://${config.host}:${config.port}/console/\n` +
        'This one-time password is shown only now; you will be asked to change it at first sign-in.\n\n',
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Murojaat could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
