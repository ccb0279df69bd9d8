import pg from 'pg';
import { PgBoss } from 'pg-boss';
import type { AnswerChannel } from '../../contracts/enums.ts';
import type { Db } from '../db/database.ts';
import { guardedClient } from '../db/guarded-pool.ts';
import { bossDbOn, bossDbOnClient } from '../db/job-queue-adapter.ts';

/** Every background job the server knows, with its payload. */
export interface JobPayloads {
  /** `channel` sends to a channel other than the applicant's current one (the one they just left). */
  'notify-applicant': { appealId: number; template: string; channel?: AnswerChannel };
  /** A notice staff asked to send again (its notifications row). */
  'deliver-notice': { notificationId: number };
  /** A staff notice to send through the e-mail or Telegram chat its recipient linked. */
  'deliver-staff-notice': { deliveryId: number };
  'triage-appeal': { appealId: number };
  'notify-urgent': { appealId: number };
  'nlp-retrain': { requestedBy: string };
  /** A public history event some webhook subscription wants: fanned out to its deliveries by the worker. */
  'webhook-event': { eventId: number };
  /** One webhook delivery to send (again). */
  'deliver-webhook': { deliveryId: number };
  /** The hourly look for surges of appeals (analytics/detect-surges.ts). */
  'detect-surges': Record<string, never>;
  /** The hourly rebuild of the open statistics' monthly rollup (analytics/open-statistics.ts). */
  'refresh-open-stats': Record<string, never>;
  /** Re-rolls the days of the leaders' daily roll-up that appeals changed (analytics/daily-rollup.repository.ts). */
  'analytics-rollup': Record<string, never>;
  /** One batch of the re-encryption under a new data key (security/rotate-keys.ts); `step` orders the chain. */
  'reencrypt-personal-data': { rotationId: number; step: number };
  /** The monthly reports of every schedule, on the 1st for the month before (reports/generate-reports.ts). */
  'generate-monthly-reports': Record<string, never>;
  /** One monthly report to e-mail to its recipient's linked address. */
  'deliver-report': { reportId: number };
  /** The daily retention run: anonymises appeals whose term ended (retention/run-retention.ts). */
  'retention-run': Record<string, never>;
}
export type JobName = keyof JobPayloads;
export const jobNames: JobName[] = [
  'notify-applicant',
  'triage-appeal',
  'notify-urgent',
  'nlp-retrain',
  'deliver-notice',
  'deliver-staff-notice',
  'webhook-event',
  'deliver-webhook',
  'detect-surges',
  'refresh-open-stats',
  'analytics-rollup',
  'generate-monthly-reports',
  'deliver-report',
  'retention-run',
  'reencrypt-personal-data',
];

/** A job to enqueue in the same transaction as the change that causes it. */
export type JobRequest = { [K in JobName]: { name: K; data: JobPayloads[K] } }[JobName];

/** One queue's counts, for the metrics. */
export interface QueueStat {
  name: string;
  queued: number;
  active: number;
  failed: number;
  oldestReadySeconds: number;
}

/** pg-boss's own schema; the request role is granted its tables, as it writes jobs in its transactions (db/roles.ts). */
export const JOB_SCHEMA = 'pgboss';

function bossConnection(connection: pg.PoolConfig) {
  return connection.connectionString
    ? { connectionString: connection.connectionString }
    : {
        host: connection.host,
        port: connection.port,
        user: connection.user,
        password: typeof connection.password === 'string' ? connection.password : undefined,
        database: connection.database,
      };
}

/** Which attempt of a job a handler runs: on the last one, a failure is final. */
export interface JobAttempt {
  retryCount: number;
  last: boolean;
  /**
   * Aborted when the queue gives the job up (its time ran out, its claim was lost, or the queue is stopping
   * past its grace): long work whose result can no longer land should stop.
   */
  signal?: AbortSignal;
}

type Handler<K extends JobName> = (data: JobPayloads[K], jobId: string, attempt: JobAttempt) => Promise<void>;

// Nine attempts, the delay doubling from 5 s (with pg-boss's jitter) between them.
const retries = { retryLimit: 8, retryDelay: 5, retryBackoff: true };

/**
 * The outbox: jobs are rows in pg-boss's tables written inside the caller's transaction, so a change and
 * its side effects commit or vanish together; workers run them after commit, each exactly once per
 * success (SKIP LOCKED), retrying failures with back-off.
 */
export class JobQueue {
  readonly #boss: PgBoss;
  #started = false;

  /**
   * A queue on the request role's connection: it reads and writes pg-boss's tables but never changes
   * their schema, which `install` does with the owner's connection.
   */
  constructor(connection: pg.PoolConfig, options: { schema?: string } = {}) {
    this.#boss = new PgBoss({
      ...bossConnection(connection),
      schema: options.schema ?? JOB_SCHEMA,
      max: 4,
      application_name: 'murojaat-jobs',
      migrate: false,
    });
    this.#boss.on('error', () => {
      // pg-boss reports lost connections here and reconnects itself; readiness is checked elsewhere.
    });
  }

  /**
   * Creates or upgrades pg-boss's schema and our queues (idempotent), on a connection that owns the schema,
   * and carries the waiting jobs of a database that pg-boss 10 kept over to this version (which cannot
   * migrate that schema itself).
   */
  static async install(connection: pg.PoolConfig, options: { schema?: string } = {}): Promise<void> {
    const schema = options.schema ?? JOB_SCHEMA;
    const boss = new PgBoss({
      ...bossConnection(connection),
      schema,
      max: 1,
      application_name: 'murojaat-migrate',
      supervise: false,
      schedule: false,
    });
    boss.on('error', () => {
      // A failure here rejects `start` or `createQueue` below, which the caller sees.
    });
    const client = guardedClient(connection);
    await client.connect();
    try {
      // One process at a time: another one starting beside this one finds the work done.
      await client.query('select pg_advisory_lock(hashtext($1))', [`murojaat jobs ${schema}`]);
      const before = await setAsideVersion10Schema(client, schema);
      await boss.start();
      for (const name of jobNames) {
        if (!(await boss.getQueue(name))) await boss.createQueue(name, retries);
      }
      if (before) await carryOverVersion10Jobs(boss, client, before);
    } finally {
      await boss.stop({ graceful: false });
      await client.end();
    }
  }

  /** Connects to the installed queue (see `install`). */
  async start(): Promise<void> {
    if (this.#started) return;
    await this.#boss.start();
    this.#started = true;
  }

  /**
   * Enqueues jobs through the transaction `tx`, so they exist only if it commits; `startAfter` holds them
   * back until then (a throttle).
   */
  async enqueue(tx: Db, jobs: JobRequest[], options: { startAfter?: Date } = {}): Promise<void> {
    const db = bossDbOn(tx);
    for (const [name, group] of Map.groupBy(jobs, (job) => job.name)) {
      await this.#boss.insert(
        name,
        group.map((job) => ({ data: job.data, startAfter: options.startAfter, ...retries })),
        { db },
      );
    }
  }

  /**
   * Puts jobs a backup held back into their queues with their ids (a notice already sent under that id is
   * not sent twice); jobs of queues this version no longer has are left out and counted.
   */
  async restore(jobs: { id: string; name: string; data: unknown; startAfter: string }[]): Promise<number> {
    const known = jobs.filter((job): job is typeof job & { name: JobName } =>
      (jobNames as readonly string[]).includes(job.name),
    );
    for (const [name, group] of Map.groupBy(known, (job) => job.name)) {
      await this.#boss.insert(
        name,
        group.map((job) => ({
          id: job.id,
          data: job.data as object,
          startAfter: new Date(job.startAfter),
          ...retries,
        })),
      );
    }
    return jobs.length - known.length;
  }

  /** Starts a worker for one queue. */
  async work<K extends JobName>(
    name: K,
    handler: Handler<K>,
    options: { batchSize?: number } = {},
  ): Promise<void> {
    await this.#boss.work<JobPayloads[K]>(
      name,
      // pg-boss fetches once per polling interval, which would cap a queue at batchSize / 0.5 s however
      // fast the jobs run; a full batch means more are waiting, so it fetches again at once.
      { batchSize: options.batchSize ?? 10, pollingIntervalSeconds: 0.5, burstWhenBatchFull: true },
      async (jobs) => {
        // Each job succeeds or fails on its own: one notice a gateway refuses must not send the others of
        // its batch back to the queue (pg-boss completes only the jobs still active when this returns).
        for (const job of jobs) {
          try {
            await handler(job.data, job.id, {
              retryCount: job.retryCount,
              last: job.retryCount >= retries.retryLimit,
              signal: job.signal,
            });
          } catch (error) {
            if (jobs.length === 1) throw error;
            const message = error instanceof Error ? error.message.slice(0, 200) : 'failed';
            await this.#boss.fail(name, job.id, { message });
          }
        }
      },
    );
  }

  /**
   * Sends a job on a cron expression in Tashkent time (idempotent: every process may call it at start;
   * pg-boss keeps one schedule per queue and sends each occurrence once).
   */
  async schedule<K extends JobName>(name: K, cron: string, data: JobPayloads[K]): Promise<void> {
    await this.#boss.schedule(name, cron, data, { tz: 'Asia/Tashkent', ...retries });
  }

  /**
   * Every queue's counts as pg-boss's monitor last counted them (it does so every few seconds in some
   * process): ready and deferred jobs, running ones, recently failed ones, and the oldest ready job's wait.
   */
  async queueStats(): Promise<QueueStat[]> {
    const queues = await this.#boss.getQueues();
    return queues.map((q) => ({
      name: q.name,
      queued: q.queuedCount,
      active: q.activeCount,
      failed: q.failedCount,
      oldestReadySeconds: q.readyOldestSeconds ?? 0,
    }));
  }

  /** Waits for running handlers, then stops. */
  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    await this.#boss.stop({ graceful: true, timeout: 10_000 });
  }
}

/** Renames pg-boss 10's schema out of the way; returns its new name, or undefined when there is none. */
async function setAsideVersion10Schema(client: pg.Client, schema: string): Promise<string | undefined> {
  const table = `${pg.escapeIdentifier(schema)}.version`;
  const { rows: found } = await client.query<{ present: boolean }>(
    'select to_regclass($1) is not null as present',
    [table],
  );
  if (!found[0]?.present) return undefined;
  // Schema 25 (pg-boss 11) and later are migrated by pg-boss itself; 24 is pg-boss 10's.
  const { rows } = await client.query<{ version: number }>(`select version from ${table}`);
  if (!rows[0] || rows[0].version > 24) return undefined;
  const aside = `${schema}_v10`;
  await client.query(`alter schema ${pg.escapeIdentifier(schema)} rename to ${pg.escapeIdentifier(aside)}`);
  return aside;
}

/**
 * Moves the jobs that had not finished (created, retry, or active when the old server stopped) into the
 * new queues with their ids, so a notification that was already written is not written again, then
 * drops the old schema, all in one transaction.
 */
async function carryOverVersion10Jobs(boss: PgBoss, client: pg.Client, schema: string): Promise<void> {
  const db = bossDbOnClient(client);
  await client.query('begin');
  try {
    const { rows } = await client.query<{ id: string; name: JobName; data: object; start_after: Date }>(
      `select id, name, data, start_after from ${pg.escapeIdentifier(schema)}.job
        where state in ('created', 'retry', 'active') and name = any($1) order by created_on`,
      [jobNames],
    );
    const byQueue = Map.groupBy(rows, (row) => row.name);
    for (const [name, jobs] of byQueue) {
      await boss.insert(
        name,
        jobs.map((job) => ({ id: job.id, data: job.data, startAfter: job.start_after, ...retries })),
        { db },
      );
    }
    await client.query(`drop schema ${pg.escapeIdentifier(schema)} cascade`);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}
