import { IntakeWriter } from './appeals/intake-writer.ts';
import { ModelRegistry } from './assist/model-registry.ts';
import { createTextReader } from './assist/text-reader.ts';
import type { AuditTrail } from './audit/audit.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { type OpenDatabase, preparedRunner } from './db/database.ts';
import type { ReadReplica } from './db/read-replica.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import type { LiveFeed } from './live/live-feed.ts';
import type { Logger } from './logger.ts';
import { Metrics } from './metrics/metrics.ts';
import type { ChannelRegistry } from './notify/channel-registry.ts';
import { SingleSignOn } from './people/single-sign-on.ts';
import { loadReferenceSnapshot } from './routing/reference-snapshot.ts';
import type { DataProtector } from './security/data-protector.ts';
import { createFileStore } from './storage/file-store.ts';

/**
 * The context every use case receives, from the parts a process has opened: the server (boot.ts) and the
 * commands that run use cases without it (`murojaat reports run`) build it the same way.
 */
export async function createContext(parts: {
  config: Config;
  database: OpenDatabase;
  clock: Clock;
  log: Logger;
  protector: DataProtector;
  audit: AuditTrail;
  jobs: JobQueue;
  channels: ChannelRegistry;
  live: LiveFeed;
  /** The streaming replica for reads, when DATABASE_REPLICA_URL is set. */
  replica?: ReadReplica | undefined;
}): Promise<AppContext> {
  const { config, database, clock, protector, audit, jobs } = parts;
  let snapshot = await loadReferenceSnapshot(database.db);
  const ctx: AppContext = {
    config: {
      dataDir: config.dataDir,
      publicUrl: config.publicUrl,
      trustProxy: config.trustProxy,
      requireTotpRoles: config.requireTotpRoles,
    },
    db: database.db,
    prepared: preparedRunner(database.pool),
    readDb: parts.replica?.db ?? database.db,
    readPrepared: parts.replica?.prepared ?? preparedRunner(database.pool),
    engine: database.engine,
    clock,
    log: parts.log,
    protector,
    files: createFileStore(config, protector, parts.log),
    audit,
    jobs,
    channels: parts.channels,
    intake: new IntakeWriter(database.db, jobs, protector, audit),
    textReader: createTextReader(),
    live: parts.live,
    models: new ModelRegistry(database.db),
    metrics: new Metrics({
      db: database.db,
      pool: database.pool,
      queues: () => jobs.queueStats(),
      now: () => clock.now(),
      warn: (message) => ctx.log.warn(message),
    }),
    singleSignOn: config.oidc ? new SingleSignOn(config.oidc, parts.log) : undefined,
    reference: () => snapshot,
    reloadReference: async () => {
      snapshot = await loadReferenceSnapshot(database.db);
    },
  };
  return ctx;
}
