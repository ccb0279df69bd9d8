import type { IntakeWriter } from './appeals/intake-writer.ts';
import type { ModelRegistry } from './assist/model-registry.ts';
import type { TextReader } from './assist/text-reader.ts';
import type { AuditTrail } from './audit/audit.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db, Engine, RunPrepared } from './db/database.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import type { LiveFeed } from './live/live-feed.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics/metrics.ts';
import type { ChannelRegistry } from './notify/channel-registry.ts';
import type { SingleSignOn } from './people/single-sign-on.ts';
import type { ReferenceSnapshot } from './routing/reference-snapshot.ts';
import type { DataProtector } from './security/data-protector.ts';
import type { FileStore } from './storage/file-store.ts';

/** Everything a use case may depend on, built once at start-up and passed explicitly. */
export interface AppContext {
  config: AppConfig;
  db: Db;
  /** The same database, for the few statements worth preparing once per connection. */
  prepared: RunPrepared;
  /**
   * For the read-heavy paths (lists, search, dashboards, open statistics, tracking): the streaming replica
   * while DATABASE_REPLICA_URL is set and it is caught up, otherwise `db` itself. Never for writes, nor for a
   * read that must see a write just made.
   */
  readDb: Db;
  readPrepared: RunPrepared;
  engine: Engine;
  clock: Clock;
  log: Logger;
  protector: DataProtector;
  /** Attachments' bytes: DATA_DIR/attachments, or the S3 bucket of S3_URL. */
  files: FileStore;
  /** The keyed audit chain every change appends to. */
  audit: AuditTrail;
  jobs: JobQueue;
  /** The outside channels an administrator configured (e-mail, SMS, Telegram …), by channel. */
  channels: ChannelRegistry;
  intake: IntakeWriter;
  textReader: TextReader;
  /** Committed appeal changes from every server process, for Server-Sent Events. */
  live: LiveFeed;
  /** The active language model versions. */
  models: ModelRegistry;
  /** This process's Prometheus metrics (served at /metrics only when METRICS_TOKEN or METRICS_PORT is set). */
  metrics: Metrics;
  /** Staff single sign-on through the ministry's OpenID Connect provider, when OIDC_ISSUER is set. */
  singleSignOn: SingleSignOn | undefined;
  /** The current reference data; replaced whole when an administrator changes it. */
  reference(): ReferenceSnapshot;
  reloadReference(): Promise<void>;
}

/** The parts of the configuration use cases read. */
export interface AppConfig extends Pick<Config, 'dataDir' | 'publicUrl' | 'trustProxy'> {
  requireTotpRoles: string[];
}
