import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { AuditTrail } from '../audit/audit.ts';
import { migrate } from '../db/database.ts';
import { startEmbeddedDatabase } from '../db/embedded.ts';
import { EMBEDDED_REQUEST_ROLE, ensureRequestRole, grantRequestRole } from '../db/roles.ts';
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
 * database of its own, so tests never assume an empty server and never see each other's rows. Test
 * systems make their requests as a restricted role, as the server does: the embedded cluster's own, or
 * on a shared server a role of this run's (roles are cluster-wide), dropped at the end.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  const folder = url ? undefined : await mkdtemp(path.join(tmpdir(), 'murojaat-test-'));
  const embedded = folder ? await startEmbeddedDatabase(folder, quiet) : undefined;
  const admin: pg.PoolConfig = embedded ? embedded.owner : { connectionString: url };
  const suffix = randomBytes(4).toString('hex');
  const template = `murojaat_tpl_${suffix}`;
  // The embedded cluster has its own request role; a shared server gets one for this run.
  const runRole = embedded ? undefined : `murojaat_test_${suffix}`;
  const runPassword = randomBytes(18).toString('base64url');

  const client = new pg.Client(admin);
  await client.connect();
  await client.query(`create database ${template}`);
  if (runRole) await ensureRequestRole(client, runRole, runPassword);
  await client.end();

  const requests: pg.PoolConfig = embedded
    ? embedded.requests
    : { connectionString: withUser(url, runRole, runPassword) };
  const dataKey = randomBytes(32).toString('base64');
  const info: TestDatabaseInfo = {
    admin,
    requests,
    template,
    engine: embedded ? 'embedded' : 'postgres',
    dataKey,
  };
  const templateUrl = connectionUrl(admin, template);
  const pool = new pg.Pool({ connectionString: templateUrl, max: 4 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db);
  await seedReference(db, new AuditTrail(Buffer.from(dataKey, 'base64')), new Date());
  await JobQueue.install({ connectionString: templateUrl });
  await grantRequestRole(db, runRole ?? EMBEDDED_REQUEST_ROLE);
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
    if (runRole) await cleanup.query(`drop role if exists ${cleanup.escapeIdentifier(runRole)}`);
    await cleanup.end();
    await embedded?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  };
}

function withUser(url: string | undefined, user: string | undefined, password: string): string {
  const parsed = new URL(url ?? '');
  parsed.username = user ?? '';
  parsed.password = password;
  return parsed.toString();
}
