import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import PgBoss10 from 'pg-boss-10';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { grantRequestRole } from '../db/roles.ts';
import type { Database } from '../db/schema.ts';
import { createTestDatabase, dropTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { JobQueue } from './job-queue.ts';

interface JobRow {
  id: string;
  name: string;
  state: string;
  data: unknown;
  start_after: Date;
}

describe('starting on a database whose jobs pg-boss 10 kept', () => {
  const info = inject('testDatabase');
  let database: TestDatabase;
  let url: string;
  let old: { waiting: string; running: string; deferred: string; done: string; deferredUntil: Date };
  const queues: JobQueue[] = [];

  beforeEach(async () => {
    database = await createTestDatabase(info);
    url = database.ownerUrl;
    // The template holds the current schema: put pg-boss 10's in its place, with a job in each state.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('drop schema pgboss cascade');
    await client.end();
    const boss = new PgBoss10({ connectionString: url, supervise: false, schedule: false });
    await boss.start();
    for (const name of ['notify-applicant', 'triage-appeal']) await boss.createQueue(name, { name });
    const running = await boss.send('triage-appeal', { appealId: 1 });
    await boss.fetch('triage-appeal');
    const done = await boss.send('notify-applicant', { appealId: 2, template: 'registered' });
    await boss.fetch('notify-applicant');
    await boss.complete('notify-applicant', String(done));
    const waiting = await boss.send('notify-applicant', { appealId: 3, template: 'answered' });
    const deferredUntil = new Date(Date.now() + 3_600_000);
    const deferred = await boss.send('triage-appeal', { appealId: 4 }, { startAfter: deferredUntil });
    await boss.stop({ graceful: false, wait: true });
    old = {
      waiting: String(waiting),
      running: String(running),
      deferred: String(deferred),
      done: String(done),
      deferredUntil,
    };
  });

  afterEach(async () => {
    for (const queue of queues.splice(0)) await queue.stop();
    await dropTestDatabase(info, database.name);
  });

  // As a server starts: the owner installs (and carries the old jobs over) and grants the request role
  // its rights, then the request role works the queue.
  const startQueue = async () => {
    await JobQueue.install({ connectionString: database.ownerUrl });
    const owner = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.ownerUrl, max: 1 }) }),
    });
    await grantRequestRole(owner, decodeURIComponent(new URL(database.requestUrl).username));
    await owner.destroy();
    const queue = new JobQueue({ connectionString: database.requestUrl });
    queues.push(queue);
    await queue.start();
    return queue;
  };

  const rows = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  it('carries the unfinished jobs over with their ids, data and start times, and drops the old schema', async () => {
    await startQueue();

    const jobs: JobRow[] = await rows(
      'select id, name, state, data, start_after from pgboss.job order by name, id',
    );
    const byId = new Map(jobs.map((job) => [job.id, job]));
    expect([...byId.keys()].sort()).toEqual([old.waiting, old.running, old.deferred].sort());
    expect(byId.get(old.waiting)).toMatchObject({
      name: 'notify-applicant',
      state: 'created',
      data: { appealId: 3, template: 'answered' },
    });
    expect(byId.get(old.running)).toMatchObject({
      name: 'triage-appeal',
      state: 'created',
      data: { appealId: 1 },
    });
    expect(byId.get(old.deferred)?.start_after.getTime()).toBe(old.deferredUntil.getTime());
    expect(await rows("select 1 from pg_namespace where nspname = 'pgboss_v10'")).toEqual([]);
  });

  it('runs a carried-over job under the id it had, which keeps its notification from being written twice', async () => {
    const queue = await startQueue();
    const ran = new Promise<{ data: unknown; jobId: string }>((resolve) => {
      void queue.work('notify-applicant', async (data, jobId) => resolve({ data, jobId }));
    });
    expect(await ran).toEqual({ data: { appealId: 3, template: 'answered' }, jobId: old.waiting });
  });

  it('carries each job over once when two processes start at the same moment', async () => {
    await Promise.all([startQueue(), startQueue()]);

    const counts = await rows('select id, count(*)::int as n from pgboss.job group by id');
    expect(counts).toHaveLength(3);
    expect(counts.every((row) => row.n === 1)).toBe(true);
  });
});
