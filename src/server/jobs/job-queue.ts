import { CompiledQuery } from 'kysely';
import type pg from 'pg';
import PgBoss from 'pg-boss';
import type { Db } from '../db/database.ts';

/** Every background job the server knows, with its payload. */
export interface JobPayloads {
  'notify-applicant': { appealId: number; template: string };
  'triage-appeal': { appealId: number };
  'notify-urgent': { appealId: number };
  'nlp-retrain': { requestedBy: string };
}
export type JobName = keyof JobPayloads;
export const jobNames: JobName[] = ['notify-applicant', 'triage-appeal', 'notify-urgent', 'nlp-retrain'];

/** A job to enqueue in the same transaction as the change that causes it. */
export type JobRequest = { [K in JobName]: { name: K; data: JobPayloads[K] } }[JobName];

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

type Handler<K extends JobName> = (data: JobPayloads[K], jobId: string) => Promise<void>;

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

  /** Creates or upgrades pg-boss's schema and our queues (idempotent), on a connection that owns the schema. */
  static async install(connection: pg.PoolConfig, options: { schema?: string } = {}): Promise<void> {
    const boss = new PgBoss({
      ...bossConnection(connection),
      schema: options.schema ?? JOB_SCHEMA,
      max: 1,
      application_name: 'murojaat-migrate',
      supervise: false,
      schedule: false,
    });
    boss.on('error', () => {
      // A failure here rejects `start` or `createQueue` below, which the caller sees.
    });
    await boss.start();
    try {
      for (const name of jobNames) {
        if (!(await boss.getQueue(name))) {
          await boss.createQueue(name, { name, retryLimit: 8, retryDelay: 5, retryBackoff: true });
        }
      }
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  }

  /** Connects to the installed queue (see `install`). */
  async start(): Promise<void> {
    if (this.#started) return;
    await this.#boss.start();
    this.#started = true;
  }

  /** Enqueues jobs through the transaction `tx`, so they exist only if it commits. */
  async enqueue(tx: Db, jobs: JobRequest[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.#boss.insert(
      jobs.map((job) => ({
        name: job.name,
        data: job.data,
        retryLimit: 8,
        retryDelay: 5,
        retryBackoff: true,
      })),
      {
        db: {
          executeSql: async (text, values) => {
            const result = await tx.executeQuery(CompiledQuery.raw(text, values));
            return { rows: [...result.rows] };
          },
        },
      },
    );
  }

  /** Starts a worker for one queue. */
  async work<K extends JobName>(
    name: K,
    handler: Handler<K>,
    options: { batchSize?: number } = {},
  ): Promise<void> {
    const batchSize = options.batchSize ?? 10;
    let workerId: string | undefined;
    workerId = await this.#boss.work<JobPayloads[K]>(
      name,
      { batchSize, pollingIntervalSeconds: 0.5 },
      async (jobs) => {
        for (const job of jobs) await handler(job.data, job.id);
        // pg-boss fetches once per polling interval, which caps a queue at batchSize / 0.5 s (20 jobs/s)
        // however fast the jobs run. A full batch means more are waiting: fetch again at once.
        if (jobs.length === batchSize && workerId) this.#boss.notifyWorker(workerId);
      },
    );
  }

  /** Waits for running handlers, then stops. */
  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    await this.#boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  /** Counts of jobs per state, for health pages and tests. */
  async pending(name: JobName): Promise<number> {
    return this.#boss.getQueueSize(name);
  }
}
