import { type CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { JobQueue } from '../jobs/job-queue.ts';
import { attachRunningEmbedded, startEmbeddedDatabase } from './embedded.ts';
import { guardedPool } from './guarded-pool.ts';
import { migrations } from './migrations/index.ts';
import { auditRewriteRight, grantRequestRole } from './roles.ts';
import type { Database } from './schema.ts';

// Counts and bigserial ids fit in a double for centuries of appeals; legal dates stay plain strings
// so that no time zone can shift a deadline by a day.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Db = Kysely<Database>;
export type Engine = 'embedded' | 'postgres';

/**
 * Runs a query as a named prepared statement: PostgreSQL plans it once per connection and reuses the plan.
 * For the busiest reads whose planning costs more than running them (tracking: 0.3–0.45 ms to plan,
 * 0.14–0.19 ms to run at a million appeals). One name must always carry the same SQL text.
 */
export type RunPrepared = <R>(name: string, query: CompiledQuery<R>) => Promise<R[]>;

export function preparedRunner(pool: pg.Pool): RunPrepared {
  return async <R>(name: string, query: CompiledQuery<R>) => {
    const result = await pool.query({ name, text: query.sql, values: [...query.parameters] });
    return result.rows as R[];
  };
}

/** An open database with its pool and how to close it (and the embedded server, if any). */
export interface OpenDatabase {
  /** The request role's database: requests, job workers and commands read and write through it. */
  db: Db;
  pool: pg.Pool;
  engine: Engine;
  /** The request role's connection settings, for tools (the job queue, the live feed) that keep their own pool. */
  connection: pg.PoolConfig;
  /** The owner's connection settings: migrations, pg-boss's schema, bulk loads. */
  ownerConnection: pg.PoolConfig;
  close(): Promise<void>;
}

interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/**
 * Opens `DATABASE_URL` (requests) and `DATABASE_MIGRATION_URL` (the owner) when given, otherwise the
 * embedded PostgreSQL under `dataDir` with the two roles it creates, brings the schema up to date and
 * grants the request role what it needs. Requests that could rewrite the audit log are warned about.
 */
export async function openDatabase(options: {
  databaseUrl: string | undefined;
  /** The owner's URL; without it, `databaseUrl` runs migrations and requests alike. */
  migrationUrl?: string | undefined;
  dataDir: string;
  poolSize: number;
  log: Logger;
  /** For commands: use the embedded cluster of a running server instead of refusing to start a second. */
  attach?: boolean;
}): Promise<OpenDatabase> {
  const attached =
    !options.databaseUrl && options.attach ? await attachRunningEmbedded(options.dataDir) : undefined;
  const embedded =
    options.databaseUrl || attached ? undefined : await startEmbeddedDatabase(options.dataDir, options.log);
  const server: pg.PoolConfig = { connectionString: options.databaseUrl };
  const connection = attached?.requests ?? embedded?.requests ?? server;
  const ownerConnection =
    attached?.owner ??
    embedded?.owner ??
    (options.migrationUrl ? { connectionString: options.migrationUrl } : server);
  const pool = guardedPool(
    {
      ...connection,
      max: options.poolSize,
      connectionTimeoutMillis: 5_000,
      // A statement stuck behind a dead server must fail, not hang a request forever.
      query_timeout: 30_000,
      application_name: 'murojaat',
      // Bitmap scans over a million appeals (text search, dashboards) turn lossy at the default 4 MB and
      // then recheck every row of each page: 3.7 s instead of 0.27 s for a common word (docs/performance.md).
      options: '-c work_mem=32MB',
    },
    options.log.warn,
  );
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // Migrations get their own connection without the requests' 30 s limit: on a large database one may
  // rebuild an index or fill a column for minutes, and start-up waits for it.
  const owner = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: guardedPool(
        { ...ownerConnection, max: 1, application_name: 'murojaat-migrate' },
        options.log.warn,
      ),
    }),
  });
  try {
    const started = performance.now();
    const applied = await migrate(owner);
    if (applied.length > 0) {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      options.log.info(`applied ${applied.length} migration(s) in ${seconds} s: ${applied.join(', ')}`);
    }
    // pg-boss's schema is the owner's to create and upgrade too; the grants below then cover its tables
    // (a pg-boss 10 schema set aside by the upgrade takes its default privileges with it).
    await JobQueue.install(ownerConnection);
    const requestRole = await currentUser(db);
    if (requestRole !== (await currentUser(owner))) await grantRequestRole(owner, requestRole);
    const rewrite = await auditRewriteRight(db);
    if (rewrite) {
      options.log.warn(
        `Requests run with rights that can rewrite the audit log: ${rewrite}. Set DATABASE_URL to a role ` +
          'with only the rights requests need and DATABASE_MIGRATION_URL to the owner ' +
          '(docs/decisions/0003-audit-integrity.md).',
      );
    }
  } catch (error) {
    await db.destroy();
    await embedded?.stop();
    throw error;
  } finally {
    await owner.destroy();
  }
  return {
    db,
    pool,
    engine: options.databaseUrl ? 'postgres' : 'embedded',
    connection,
    ownerConnection,
    close: async () => {
      await db.destroy();
      await embedded?.stop();
    },
  };
}

async function currentUser(db: Db): Promise<string> {
  const { rows } = await sql<{ role: string }>`select current_user as role`.execute(db);
  return rows[0]?.role ?? '';
}

/** Applies every pending migration; applied ones are skipped, so a second start changes nothing. */
export async function migrate(db: Kysely<Database>): Promise<string[]> {
  // Parallel branches add migrations with interleaved timestamps; each still runs exactly once.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Applies exactly the named migrations on the owner's connection (a restore brings a new database to its
 * backup's schema before loading the rows; the rest of this version's migrations run after, on them).
 */
export async function migrateOnly(
  owner: pg.ClientConfig,
  names: string[],
  warn: (message: string) => void,
): Promise<void> {
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: guardedPool({ ...owner, max: 1, application_name: 'murojaat-migrate' }, warn),
    }),
  });
  try {
    const chosen = Object.fromEntries(Object.entries(migrations).filter(([name]) => names.includes(name)));
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => chosen },
      allowUnorderedMigrations: true,
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(
        `Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  } finally {
    await db.destroy();
  }
}

/** One round trip to the database: readiness checks. */
export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
