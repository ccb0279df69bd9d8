import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Role } from '../../src/contracts/enums.ts';
import { AuditTrail } from '../../src/server/audit/audit.ts';
import { type OpenDatabase, openDatabase } from '../../src/server/db/database.ts';
import { migrations } from '../../src/server/db/migrations/index.ts';
import { createUser } from '../../src/server/people/accounts.ts';
import { loadReferenceSnapshot } from '../../src/server/routing/reference-snapshot.ts';
import { DataProtector } from '../../src/server/security/data-protector.ts';
import { seedAppeals } from '../../src/server/seed/copy-seed.ts';
import { seedReference } from '../../src/server/setup/seed-reference.ts';

const run = promisify(execFile);

/** The key every benchmark database is encrypted with (never a production key). */
export const BENCH_DATA_KEY = Buffer.alloc(32, 7).toString('base64');
export const BENCH_PASSWORD = 'bench-password-long-enough';

/** Staff accounts every benchmark database has, for the staff reads. */
export const benchStaff: { login: string; role: Role; unit: string; subtree: boolean }[] = [
  { login: 'bench.clerk', role: 'clerk', unit: 'IIV', subtree: true },
  { login: 'bench.head', role: 'head', unit: 'IIV-1726', subtree: true },
  { login: 'bench.analyst', role: 'analyst', unit: 'IIV', subtree: true },
];

export type Engine = 'embedded' | 'postgres';

/** A database ready for one benchmark run, and the environment a server needs to use it. */
export interface BenchDatabase {
  engine: Engine;
  env: Record<string, string>;
  dataDir: string;
  /** Seconds the seed took, or null when a cached seeded copy was reused. */
  seedSeconds: number | null;
  drop(): Promise<void>;
}

const quiet = { info: () => {}, warn: () => {}, error: (m: string) => process.stderr.write(`${m}\n`) };

/** Changes to the schema make old cached copies useless: they are keyed by the migration list. */
function schemaKey(): string {
  return createHash('sha256').update(Object.keys(migrations).join(',')).digest('hex').slice(0, 8);
}

function cacheKey(appeals: number, years: number, seed: number): string {
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  return `${appeals}_y${years}_s${seed}_${day}_${schemaKey()}`;
}

async function fill(
  database: OpenDatabase,
  appeals: number,
  seed: number,
  years: number,
  log: (m: string) => void,
) {
  const audit = new AuditTrail(Buffer.from(BENCH_DATA_KEY, 'base64'));
  await seedReference(database.db, audit, new Date());
  const ref = await loadReferenceSnapshot(database.db);
  const started = performance.now();
  const result = await seedAppeals({
    connection: database.ownerConnection,
    protector: new DataProtector(Buffer.from(BENCH_DATA_KEY, 'base64')),
    audit,
    ref,
    appeals,
    seed,
    years,
    until: new Date(),
    progress: (m) => log(`    ${m}`),
  });
  for (const staff of benchStaff) {
    const unit = ref.units.byCode(staff.unit);
    if (!unit) throw new Error(`no unit ${staff.unit}`);
    await createUser(database.db, {
      login: staff.login,
      role: staff.role,
      unitId: unit.id,
      scopeSubtree: staff.subtree,
      password: BENCH_PASSWORD,
      mustChangePassword: false,
      actor: { id: null, label: 'bench' },
      now: new Date(),
      audit,
    });
  }
  log(
    `    seeded ${result.appeals} appeals in ${result.seconds.total} s (copy ${result.seconds.generateAndCopy} s, ` +
      `indexes ${result.seconds.indexes} s, analyze ${result.seconds.analyze} s, roll-ups ${result.seconds.rollup} s)`,
  );
  return (performance.now() - started) / 1000;
}

/** The admin URL of the PostgreSQL server the bench uses (never its `test` database's tables). */
export function postgresAdminUrl(): string {
  return process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * A fresh PostgreSQL database for the run, created from a seeded template (seeded now, or reused from an
 * earlier run today with the same size, seed and schema).
 */
async function preparePostgres(options: PrepareOptions): Promise<BenchDatabase> {
  let template = `murojaat_bench_${cacheKey(options.appeals, options.years, options.seed)}`;
  let seedSeconds: number | null = null;
  const found = await adminQuery('select 1 from pg_database where datname = $1', [template]);
  // As for the embedded engine (`olderSeed`): a template seeded today under an earlier migration list.
  const older =
    found.length === 0 && options.cache && process.env.BENCH_REUSE_OLDER_SEED === '1'
      ? await adminQuery<{ datname: string }>(
          "select datname from pg_database where datname like $1 and datname not like '%_building' limit 1",
          [`${template.replace(/_[0-9a-f]{8}$/, '_')}%`],
        )
      : [];
  if (older[0]) {
    template = older[0].datname;
    options.log(
      `  reusing ${template}, seeded under an earlier schema (BENCH_REUSE_OLDER_SEED): the server migrates it forward at start`,
    );
  } else if (found.length === 0 || !options.cache) {
    await adminQuery(`drop database if exists ${template} with (force)`);
    const building = `${template}_building`;
    await adminQuery(`drop database if exists ${building} with (force)`);
    await adminQuery(`create database ${building}`);
    options.log(`  seeding ${options.appeals} appeals into PostgreSQL database ${template}`);
    const database = await openDatabase({
      databaseUrl: withDatabase(postgresAdminUrl(), building),
      dataDir: options.workDir,
      poolSize: 4,
      log: quiet,
    });
    try {
      seedSeconds = await fill(database, options.appeals, options.seed, options.years, options.log);
    } finally {
      await database.close();
    }
    await adminQuery(`alter database ${building} rename to ${template}`);
  } else {
    options.log(`  reusing the seeded template ${template}`);
  }
  const name = `murojaat_bench_run_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name} template ${template}`);
  const url = withDatabase(postgresAdminUrl(), name);
  const dataDir = path.join(options.workDir, `files-${name}`);
  await mkdir(dataDir, { recursive: true });
  return {
    engine: 'postgres',
    env: { DATABASE_URL: url, DATA_DIR: dataDir },
    dataDir,
    seedSeconds,
    drop: async () => {
      await adminQuery(`drop database if exists ${name} with (force)`);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh embedded cluster for the run: a copy of a seeded cluster kept under bench/results/tmp. */
async function prepareEmbedded(options: PrepareOptions): Promise<BenchDatabase> {
  const cached = path.join(
    options.workDir,
    `embedded-${cacheKey(options.appeals, options.years, options.seed)}`,
  );
  let seedSeconds: number | null = null;
  const older = options.cache && !existsSync(cached) ? await olderSeed(options) : null;
  if (older) {
    options.log(
      `  reusing ${older}, seeded under an earlier schema (BENCH_REUSE_OLDER_SEED): the server migrates it forward at start`,
    );
  } else if (!existsSync(cached) || !options.cache) {
    await rm(cached, { recursive: true, force: true });
    const building = `${cached}.building`;
    await rm(building, { recursive: true, force: true });
    options.log(`  seeding ${options.appeals} appeals into an embedded cluster in ${cached}`);
    const database = await openDatabase({
      databaseUrl: undefined,
      dataDir: building,
      poolSize: 4,
      log: quiet,
    });
    try {
      seedSeconds = await fill(database, options.appeals, options.seed, options.years, options.log);
    } finally {
      await database.close();
    }
    await rename(building, cached);
  } else {
    options.log(`  reusing the seeded cluster ${cached}`);
  }
  const dataDir = path.join(options.workDir, `embedded-run-${randomBytes(4).toString('hex')}`);
  await run('cp', ['-a', older ?? cached, dataDir]);
  await rm(path.join(dataDir, 'murojaat.pid'), { force: true });
  return {
    engine: 'embedded',
    env: { DATA_DIR: dataDir },
    dataDir,
    seedSeconds,
    drop: async () => {
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * With BENCH_REUSE_OLDER_SEED=1, a cluster seeded today with the same size and seed under an earlier migration
 * list (1,000,000 appeals take about 25 minutes to seed here); the server applies the newer migrations at start,
 * as an upgrade would. The seed itself writes no column that a later migration added, so the data is the same.
 */
async function olderSeed(options: PrepareOptions): Promise<string | null> {
  if (process.env.BENCH_REUSE_OLDER_SEED !== '1') return null;
  const prefix = `embedded-${cacheKey(options.appeals, options.years, options.seed).replace(/_[0-9a-f]{8}$/, '_')}`;
  const found = (await readdir(options.workDir)).filter(
    (name) => name.startsWith(prefix) && !name.endsWith('.building'),
  );
  return found[0] ? path.join(options.workDir, found[0]) : null;
}

export interface PrepareOptions {
  appeals: number;
  seed: number;
  years: number;
  cache: boolean;
  workDir: string;
  log: (message: string) => void;
}

/** Prepares a fresh database of one engine holding `appeals` seeded appeals and the bench staff. */
export async function prepareDatabase(engine: Engine, options: PrepareOptions): Promise<BenchDatabase> {
  await mkdir(options.workDir, { recursive: true });
  return engine === 'postgres' ? preparePostgres(options) : prepareEmbedded(options);
}
