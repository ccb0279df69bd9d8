import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where the run's template database lives (provided by the global set-up). */
export interface TestDatabaseInfo {
  /** The owner (a superuser): creates and drops databases, runs migrations. */
  admin: pg.PoolConfig;
  /** The run's request role, with only the rights the server grants it. */
  requests: pg.PoolConfig;
  template: string;
  engine: 'embedded' | 'postgres';
  /** The data key every test system of the run uses (the template's audit rows are keyed with it). */
  dataKey: string;
}

/** A test's own database: the owner's URL and the request role's. */
export interface TestDatabase {
  name: string;
  ownerUrl: string;
  requestUrl: string;
}

/** A postgres:// URL for a database on the admin connection's server (TCP or Unix socket). */
export function connectionUrl(admin: pg.PoolConfig, database: string): string {
  if (admin.connectionString) {
    const url = new URL(admin.connectionString);
    url.pathname = `/${database}`;
    return url.toString();
  }
  const user = encodeURIComponent(String(admin.user ?? 'postgres'));
  const password = typeof admin.password === 'string' ? `:${encodeURIComponent(admin.password)}` : '';
  const host = String(admin.host ?? '127.0.0.1');
  if (host.startsWith('/')) {
    return `postgres://${user}${password}@localhost:${admin.port ?? 5432}/${database}?host=${encodeURIComponent(host)}`;
  }
  return `postgres://${user}${password}@${host}:${admin.port ?? 5432}/${database}`;
}

/** Copies the run's template into a fresh database. */
export async function createTestDatabase(info: TestDatabaseInfo): Promise<TestDatabase> {
  const name = `${info.template}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client(info.admin);
  await client.connect();
  try {
    // CREATE DATABASE … TEMPLATE needs the template to be idle; parallel test files may collide briefly.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.query(`create database ${name} template ${info.template}`);
        break;
      } catch (error) {
        if (
          attempt >= 20 ||
          !(error instanceof Error) ||
          !/being accessed by other users/.test(error.message)
        )
          throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await client.end();
  }
  return { name, ownerUrl: connectionUrl(info.admin, name), requestUrl: connectionUrl(info.requests, name) };
}

/** Drops a database made by `createTestDatabase`. */
export async function dropTestDatabase(info: TestDatabaseInfo, name: string): Promise<void> {
  const client = new pg.Client(info.admin);
  await client.connect();
  try {
    // Pools that are closing (a pg-boss instance's ends after its stop returns) are given a moment to
    // leave: forcing them out makes their idle clients fail after the test has passed.
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const { rows } = await client.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
      if ((rows[0]?.n ?? 0) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
}
