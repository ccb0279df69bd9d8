import { CompiledQuery } from 'kysely';
import pg from 'pg';
import { type Db as BossDb, PgBoss } from 'pg-boss';
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

type Handler<K extends JobName> = (data: JobPayloads[K], jobId: string) => Promise<void>;

const retries = { retryLimit: 8, retryDelay: 5, retryBackoff: true };

/**
 * The outbox: jobs are rows in pg-boss's tables written inside the caller's transaction, so a change and
 * its side effects commit or vanish together; workers run them after commit, each exactly once per
 * success (SKIP LOCKED), retrying failures with back-off.
 */
export class JobQueue {
  readonly #boss: PgBoss;
  readonly #connection: pg.PoolConfig;
  readonly #schema: string;
  #started = false;

  constructor(connection: pg.PoolConfig, options: { schema?: string } = {}) {
    this.#connection = connection;
    this.#schema = options.schema ?? 'pgboss';
    this.#boss = new PgBoss({
      ...(connection.connectionString
        ? { connectionString: connection.connectionString }
        : {
            host: connection.host,
            port: connection.port,
            user: connection.user,
            password: typeof connection.password === 'string' ? connection.password : undefined,
            database: connection.database,
          }),
      schema: this.#schema,
      max: 4,
      application_name: 'murojaat-jobs',
    });
    this.#boss.on('error', () => {
      // pg-boss reports lost connections here and reconnects itself; readiness is checked elsewhere.
    });
  }

  /**
   * Creates pg-boss's schema and our queues (idempotent), and carries the waiting jobs of a database that
   * pg-boss 10 kept over to this version (which cannot migrate that schema itself).
   */
  async start(): Promise<void> {
    if (this.#started) return;
    const client = new pg.Client(this.#connection);
    await client.connect();
    try {
      // One process at a time: another one starting beside this one finds the work done.
      await client.query('select pg_advisory_lock(hashtext($1))', [`murojaat jobs ${this.#schema}`]);
      const before = await this.#setAsideVersion10Schema(client);
      await this.#boss.start();
      for (const name of jobNames) {
        if (!(await this.#boss.getQueue(name))) await this.#boss.createQueue(name, retries);
      }
      if (before) await this.#carryOverVersion10Jobs(client, before);
    } finally {
      await client.end();
    }
    this.#started = true;
  }

  /** Renames pg-boss 10's schema out of the way; returns its new name, or undefined when there is none. */
  async #setAsideVersion10Schema(client: pg.Client): Promise<string | undefined> {
    const table = `${pg.escapeIdentifier(this.#schema)}.version`;
    const { rows: found } = await client.query<{ present: boolean }>(
      'select to_regclass($1) is not null as present',
      [table],
    );
    if (!found[0]?.present) return undefined;
    // Schema 25 (pg-boss 11) and later are migrated by pg-boss itself; 24 is pg-boss 10's.
    const { rows } = await client.query<{ version: number }>(`select version from ${table}`);
    if (!rows[0] || rows[0].version > 24) return undefined;
    const aside = `${this.#schema}_v10`;
    await client.query(
      `alter schema ${pg.escapeIdentifier(this.#schema)} rename to ${pg.escapeIdentifier(aside)}`,
    );
    return aside;
  }

  /**
   * Moves the jobs that had not finished (created, retry, or active when the old server stopped) into the
   * new queues with their ids, so a notification that was already written is not written again, then
   * drops the old schema, all in one transaction.
   */
  async #carryOverVersion10Jobs(client: pg.Client, schema: string): Promise<void> {
    const db = clientDb(client);
    await client.query('begin');
    try {
      const { rows } = await client.query<{ id: string; name: JobName; data: object; start_after: Date }>(
        `select id, name, data, start_after from ${pg.escapeIdentifier(schema)}.job
          where state in ('created', 'retry', 'active') and name = any($1) order by created_on`,
        [jobNames],
      );
      const byQueue = Map.groupBy(rows, (row) => row.name);
      for (const [name, jobs] of byQueue) {
        await this.#boss.insert(
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

  /** Enqueues jobs through the transaction `tx`, so they exist only if it commits. */
  async enqueue(tx: Db, jobs: JobRequest[]): Promise<void> {
    const db: BossDb = {
      executeSql: async (text, values) => {
        const result = await tx.executeQuery(CompiledQuery.raw(text, values));
        return { rows: [...result.rows] };
      },
    };
    for (const [name, group] of Map.groupBy(jobs, (job) => job.name)) {
      await this.#boss.insert(
        name,
        group.map((job) => ({ data: job.data, ...retries })),
        { db },
      );
    }
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
        for (const job of jobs) await handler(job.data, job.id);
      },
    );
  }

  /** Waits for running handlers, then stops. */
  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    await this.#boss.stop({ graceful: true, timeout: 10_000 });
  }
}

/** pg-boss's view of one client, for statements that must share its transaction. */
function clientDb(client: pg.Client): BossDb {
  return {
    executeSql: async (text, values) => {
      const result = await client.query(text, values);
      return { rows: result.rows };
    },
  };
}
