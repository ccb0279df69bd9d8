import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../db/database.ts';
import { startEmbeddedDatabase } from '../db/embedded.ts';
import type { Database } from '../db/schema.ts';
import { JobQueue } from '../jobs/job-queue.ts';
import { seedReference } from '../setup/seed-reference.ts';
import { connectionUrl, type TestDatabaseInfo } from './test-database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseInfo;
  }
}

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * Prepares one migrated, seeded template database per test run, on `DATABASE_URL` when set (CI's real
 * PostgreSQL) or on an embedded PostgreSQL in a temporary folder; every test file then copies it into a
 * database of its own, so tests never assume an empty server and never see each other's rows.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  const folder = url ? undefined : await mkdtemp(path.join(tmpdir(), 'murojaat-test-'));
  const embedded = folder ? await startEmbeddedDatabase(folder, quiet) : undefined;
  const admin: pg.PoolConfig = embedded ? embedded.connection : { connectionString: url };
  const template = `murojaat_tpl_${randomBytes(4).toString('hex')}`;

  const client = new pg.Client(admin);
  await client.connect();
  await client.query(`create database ${template}`);
  await client.end();

  const info: TestDatabaseInfo = { admin, template, engine: embedded ? 'embedded' : 'postgres' };
  const templateUrl = connectionUrl(admin, template);
  const pool = new pg.Pool({ connectionString: templateUrl, max: 4 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db);
  await seedReference(db, new Date());
  const jobs = new JobQueue({ connectionString: templateUrl });
  await jobs.start();
  await jobs.stop();
  await db.destroy();
  project.provide('testDatabase', info);

  return async () => {
    const cleanup = new pg.Client(admin);
    await cleanup.connect();
    const { rows } = await cleanup.query<{ datname: string }>(
      'select datname from pg_database where datname like $1 or datname = $2',
      [`${template}_%`, template],
    );
    for (const row of rows) await cleanup.query(`drop database if exists ${row.datname} with (force)`);
    await cleanup.end();
    await embedded?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  };
}
