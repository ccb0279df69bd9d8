import { mkdir } from 'node:fs/promises';
import { AuditTrail } from './audit/audit.ts';
import { AuditCheckpointer } from './audit/audit-checkpoints.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { createContext } from './create-context.ts';
import { type OpenDatabase, openDatabase } from './db/database.ts';
import { openReadReplica, type ReadReplica } from './db/read-replica.ts';
import { JobQueue } from './jobs/job-queue.ts';
import { startWorkers } from './jobs/workers.ts';
import { installStarterArticles } from './knowledge/knowledge.repository.ts';
import { STARTER_ARTICLES_KEY, starterArticles } from './knowledge/starter-articles.ts';
import { LiveFeed } from './live/live-feed.ts';
import type { Logger } from './logger.ts';
import { MailIntake } from './mail/mail-intake.ts';
import { buildChannels, closeChannels } from './notify/channel-registry.ts';
import { deliveryReportUrl } from './notify/delivery-reports.ts';
import { mailReplier } from './notify/email-adapter.ts';
import { bootstrapAdmin } from './people/accounts.ts';
import { DataProtector } from './security/data-protector.ts';
import { loadKeyring } from './security/keyring.ts';
import { resumeKeyRotation } from './security/rotate-keys.ts';
import { seedReference } from './setup/seed-reference.ts';
import { TelegramBot } from './telegram/telegram-bot.ts';
import { STARTER_TEMPLATES_KEY, starterTemplates } from './templates/starter-templates.ts';
import { installStarterTemplates } from './templates/templates.repository.ts';

// An attachment id no file has: asking for it shows that the bucket answers and takes the credentials.
const S3_PROBE_ID = '00000000-0000-4000-8000-000000000000';

/** A started system: its context, what first start created, and how to stop it cleanly. */
export interface System {
  ctx: AppContext;
  database: OpenDatabase;
  /** The one-time password of the bootstrap admin, present only on the very first start. */
  adminPassword: string | undefined;
  seeded: boolean;
  /** Writes the audit chain's checkpoints outside the database (periodically, and on demand). */
  auditCheckpoints: AuditCheckpointer;
  /** The Telegram bot when TELEGRAM_BOT_TOKEN is set: its webhook route, and the 'telegram' channel. */
  telegram: TelegramBot | undefined;
  /** The port the e-mail intake listens on, when MAIL_INTAKE_PORT turned it on in this process. */
  mailIntakePort: number | undefined;
  /** The read replica (DATABASE_REPLICA_URL): its state and how many reads it served. */
  replica: ReadReplica | undefined;
  stop(): Promise<void>;
}

/**
 * Composes the system: the data key and the audit chain keyed from it, database (embedded or PostgreSQL),
 * migrations and grants, reference data on first start, the job queue, the audit checkpoints and, unless
 * this process is API-only, the workers.
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
  // DATA_DIR holds attachments and the audit checkpoints even when the database and the key come from
  // elsewhere: a fresh host (a new container volume's subfolder, an unmade path) must not fail at start.
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  // The data key comes first: the audit chain's key is derived from it, and first start appends to it.
  const { keyring, source } = await loadKeyring(config.keys);
  if (source === 'created') {
    log.warn(
      `Created a new data key in ${config.dataDir}/data.key: back it up apart from the database (it decrypts personal data and keys the audit log).`,
    );
  }
  const audit = new AuditTrail(keyring);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    migrationUrl: config.databaseMigrationUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    log: simpleLog,
  });
  try {
    const failing = await audit.checkKey(database.db);
    if (failing.length > 0) {
      log.error(
        `audit log rows ${failing.join(', ')} do not match their keyed hashes: run \`murojaat audit verify\`.`,
      );
    }
    if (await audit.sealUnkeyedChain(database.db, clock.now())) {
      log.info('The audit log is keyed from now on; its older rows are sealed by the first keyed one.');
    }
    const seeded = await seedReference(database.db, audit, clock.now());
    await installStarterTemplates(database.db, STARTER_TEMPLATES_KEY, starterTemplates(), clock.now());
    await installStarterArticles(database.db, STARTER_ARTICLES_KEY, starterArticles(), clock.now());
    const protector = new DataProtector(keyring);
    const jobs = new JobQueue(database.connection);
    await jobs.start();
    const live = new LiveFeed(database.connection, simpleLog);
    const channels = buildChannels(config.channels, {
      smsReportUrl: deliveryReportUrl(config.publicUrl, protector),
    });
    // The replica's notices go to the app's logger once there is one (main.ts sets ctx.log).
    let context: AppContext | undefined;
    const replica = config.replica
      ? openReadReplica({
          url: config.replica.url,
          primary: database.pool,
          poolSize: config.dbPoolSize,
          maxLagSeconds: config.replica.maxLagSeconds,
          warn: (message) => (context?.log ?? log).warn(message),
        })
      : undefined;
    const ctx = await createContext({
      config,
      database,
      clock,
      log,
      protector,
      audit,
      jobs,
      channels,
      live,
      replica,
    });
    context = ctx;
    if (config.s3) {
      log.info(
        `Attachments are kept in the bucket ${config.s3.bucket} of ${config.s3.endpoint}, encrypted per file.`,
      );
      // Asked once at start without holding it up: a store that is down refuses files, not the server.
      ctx.files
        .exists(S3_PROBE_ID)
        .catch(() =>
          log.warn(
            'The object store of S3_URL cannot be reached or refuses the credentials: appeals with files are refused (FILE_STORAGE_UNAVAILABLE) until it answers.',
          ),
        );
    }
    const adminPassword = await bootstrapAdmin(ctx);
    const auditCheckpoints = new AuditCheckpointer({
      db: database.db,
      key: audit.key,
      dataDir: config.dataDir,
      clock,
      log: () => ctx.log,
    });
    await auditCheckpoints.start();
    if (config.role !== 'worker') await live.start({ onReferenceChanged: ctx.reloadReference });
    // The bot receives where the jobs run (long polling needs one process, under a lease); an API-only
    // process only answers the webhook route, when there is one, and sends.
    const telegram = config.telegram ? new TelegramBot({ ctx, config: config.telegram }) : undefined;
    // Its channel joins the configured ones before any worker runs, so notices reach the chat.
    if (telegram) channels.set('telegram', telegram.channel);
    // Which channels send, never to whom: logs hold no addresses.
    log.info(
      `Notices leave by: ${['web', ...channels.keys()].join(', ')} (others wait in the console as undelivered).`,
    );
    // Mail is taken where the jobs run, like the bot's updates: an API-only process serves HTTP alone.
    const mailIntake =
      config.mailIntakePort !== undefined && config.role !== 'api'
        ? new MailIntake({
            ctx,
            replier: config.channels.email ? mailReplier(config.channels.email) : undefined,
            tls: config.mailIntakeTls,
          })
        : undefined;
    const mailIntakePort =
      mailIntake && config.mailIntakePort !== undefined
        ? await mailIntake.listen(config.mailIntakePort, config.host)
        : undefined;
    const workers = (options.workers ?? true) && config.role !== 'api' ? await startWorkers(ctx) : undefined;
    // A key rotation left unfinished (a restart, or the new key just added) goes on where the jobs run.
    if (workers && (await resumeKeyRotation(ctx))) {
      log.info(`Key rotation towards the data key ${protector.currentKeyId} resumes in the background.`);
    }
    if (telegram && config.role !== 'api') telegram.start();
    return {
      ctx,
      database,
      adminPassword,
      seeded,
      auditCheckpoints,
      telegram,
      mailIntakePort,
      replica,
      stop: async () => {
        await telegram?.stop();
        await mailIntake?.close();
        workers?.stop();
        // Appeals already handed to the writer are committed and answered before the pool closes.
        await ctx.intake.drain();
        await live.stop();
        await jobs.stop();
        await closeChannels(ctx.channels);
        await auditCheckpoints.stop();
        await replica?.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
