import { IntakeWriter } from './appeals/intake-writer.ts';
import { ModelRegistry } from './assist/model-registry.ts';
import { createTextReader } from './assist/text-reader.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { type OpenDatabase, openDatabase, preparedRunner } from './db/database.ts';
import { JobQueue } from './jobs/job-queue.ts';
import { startWorkers } from './jobs/workers.ts';
import { LiveFeed } from './live/live-feed.ts';
import type { Logger } from './logger.ts';
import { bootstrapAdmin } from './people/accounts.ts';
import { loadReferenceSnapshot, type ReferenceSnapshot } from './routing/reference-snapshot.ts';
import { DataProtector, loadDataKey } from './security/data-protector.ts';
import { seedReference } from './setup/seed-reference.ts';

/** A started system: its context, what first start created, and how to stop it cleanly. */
export interface System {
  ctx: AppContext;
  database: OpenDatabase;
  /** The one-time password of the bootstrap admin, present only on the very first start. */
  adminPassword: string | undefined;
  seeded: boolean;
  stop(): Promise<void>;
}

/**
 * Composes the system: database (embedded or PostgreSQL), migrations, reference data on first start,
 * the data key, the job queue and, unless this process is API-only, the workers.
 */
export async function startSystem(options: {
  config: Config;
  log: Logger;
  clock?: Clock;
  /** Jobs run in this process; tests that drive jobs by hand turn this off. */
  workers?: boolean;
}): Promise<System> {
  const { config, log } = options;
  const clock = options.clock ?? systemClock;
  const simpleLog = {
    info: (m: string) => log.info(m),
    warn: (m: string) => log.warn(m),
    error: (m: string) => log.error(m),
  };
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    log: simpleLog,
  });
  try {
    const seeded = await seedReference(database.db, clock.now());
    const { key, source } = await loadDataKey({ configured: config.dataKey, dataDir: config.dataDir });
    if (source === 'created') {
      log.warn(`Created a new data key in ${config.dataDir}/data.key: back it up apart from the database.`);
    }
    const protector = new DataProtector(key);
    const jobs = new JobQueue(database.connection);
    await jobs.start();
    let snapshot: ReferenceSnapshot = await loadReferenceSnapshot(database.db);
    const live = new LiveFeed(database.connection, simpleLog);
    const ctx: AppContext = {
      config: {
        dataDir: config.dataDir,
        publicUrl: config.publicUrl,
        trustProxy: config.trustProxy,
        requireTotpRoles: config.requireTotpRoles,
      },
      db: database.db,
      prepared: preparedRunner(database.pool),
      engine: database.engine,
      clock,
      log,
      protector,
      jobs,
      intake: new IntakeWriter(database.db, jobs, protector),
      textReader: createTextReader(),
      live,
      models: new ModelRegistry(database.db),
      reference: () => snapshot,
      reloadReference: async () => {
        snapshot = await loadReferenceSnapshot(database.db);
      },
    };
    const adminPassword = await bootstrapAdmin(ctx);
    if (config.role !== 'worker') await live.start({ onReferenceChanged: ctx.reloadReference });
    if ((options.workers ?? true) && config.role !== 'api') await startWorkers(ctx);
    return {
      ctx,
      database,
      adminPassword,
      seeded,
      stop: async () => {
        // Appeals already handed to the writer are committed and answered before the pool closes.
        await ctx.intake.drain();
        await live.stop();
        await jobs.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
