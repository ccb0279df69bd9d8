import type { Readable, Writable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { Db } from '../db/database.ts';
import { JOB_SCHEMA } from '../jobs/job-queue.ts';

// What a backup reads and a restore writes, as SQL on one client: the backup's runs inside one
// REPEATABLE READ READ ONLY transaction, so every table, the job queue and the audit chain's head are
// read from the same snapshot; the restore's inside one transaction, so a failure leaves no rows.

/** A table of the application's schema and the columns a backup copies (stored ones, in their order). */
export interface TableShape {
  name: string;
  columns: string[];
}

/** A sequence's state, so that ids go on after the restored rows instead of colliding with them. */
export interface SequenceState {
  name: string;
  value: number;
  isCalled: boolean;
}

/** A job that had not finished when the snapshot was taken. */
export interface PendingJob {
  id: string;
  name: string;
  data: unknown;
  startAfter: string;
}

// Kysely's bookkeeping is not data: the manifest names the migrations and the restore runs them itself.
const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/** Starts the read-only snapshot every read of a backup comes from. */
export async function beginSnapshot(client: pg.ClientBase): Promise<void> {
  await client.query('begin isolation level repeatable read read only');
}

/** The application's tables with their stored columns (generated ones are computed again on restore). */
export async function applicationTables(client: pg.ClientBase): Promise<TableShape[]> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(
    `select c.relname as name,
            array_agg(a.attname::text order by a.attnum) as columns
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
        and c.relname <> all($1)
      group by c.relname
      order by c.relname`,
    [MIGRATION_TABLES],
  );
  return rows;
}

/** Foreign keys between the application's tables: `from` refers to `to`. */
export async function tableReferences(client: pg.ClientBase): Promise<{ from: string; to: string }[]> {
  const { rows } = await client.query<{ from: string; to: string }>(
    `select distinct src.relname as "from", dst.relname as "to"
       from pg_constraint k
       join pg_class src on src.oid = k.conrelid
       join pg_class dst on dst.oid = k.confrelid
       join pg_namespace n on n.oid = src.relnamespace
      where k.contype = 'f' and n.nspname = 'public'`,
  );
  return rows;
}

/** Every sequence of the application's schema and where it stands. */
export async function sequenceStates(client: pg.ClientBase): Promise<SequenceState[]> {
  const { rows } = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'S' order by c.relname`,
  );
  const states: SequenceState[] = [];
  for (const { name } of rows) {
    const { rows: state } = await client.query<{ value: string; is_called: boolean }>(
      `select last_value::text as value, is_called from public.${client.escapeIdentifier(name)}`,
    );
    const row = state[0];
    if (row) states.push({ name, value: Number(row.value), isCalled: row.is_called });
  }
  return states;
}

/** The names of the migrations the database has applied. */
export async function appliedMigrations(client: pg.ClientBase): Promise<string[]> {
  const { rows: present } = await client.query<{ present: boolean }>(
    `select to_regclass('public.kysely_migration') is not null as present`,
  );
  if (!present[0]?.present) return [];
  const { rows } = await client.query<{ name: string }>('select name from kysely_migration order by name');
  return rows.map((row) => row.name);
}

/** Streams a table's rows in COPY's text format (portable between PostgreSQL versions) into `target`. */
export function copyTableOut(client: pg.ClientBase, table: TableShape): Readable {
  const columns = table.columns.map((c) => client.escapeIdentifier(c)).join(', ');
  return client.query(
    copyTo(`copy (select ${columns} from public.${client.escapeIdentifier(table.name)}) to stdout`),
  );
}

/** A writable stream that loads COPY text into a table. */
export function copyTableIn(client: pg.ClientBase, table: TableShape): Writable {
  const columns = table.columns.map((c) => client.escapeIdentifier(c)).join(', ');
  return client.query(copyFrom(`copy public.${client.escapeIdentifier(table.name)} (${columns}) from stdin`));
}

/** The stored attachments: the file each one names must be in the backup with these bytes. */
export async function attachmentFiles(client: pg.ClientBase): Promise<{ id: string; sha256: string }[]> {
  const { rows } = await client.query<{ id: string; sha256: string }>(
    'select id::text as id, sha256 from attachments order by id',
  );
  return rows;
}

/**
 * Records the data key every attachment's file was sealed under as the restore put it back (null: on the disk,
 * not sealed): the rows came with the keys of the backed-up system's objects.
 */
export async function recordRestoredFilesKey(db: Db, keyId: string | null): Promise<void> {
  await db.updateTable('attachments').set({ sealed_key_id: keyId }).execute();
}

/** Jobs waiting, retrying or running in the queue: after a restore they run again. */
export async function pendingJobs(client: pg.ClientBase): Promise<PendingJob[]> {
  const table = `${client.escapeIdentifier(JOB_SCHEMA)}.job`;
  const { rows: present } = await client.query<{ present: boolean }>(
    'select to_regclass($1) is not null as present',
    [table],
  );
  if (!present[0]?.present) return [];
  const { rows } = await client.query<{ id: string; name: string; data: unknown; start_after: Date }>(
    `select id::text as id, name, data, start_after from ${table}
      where state in ('created', 'retry', 'active') order by created_on, id`,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    data: row.data,
    startAfter: row.start_after.toISOString(),
  }));
}

/** Tables in any schema a user made: a database that has any is not an empty target for a restore. */
export async function userTableCount(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
        and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * Opens the restore's transaction: triggers of the tables are switched off while their rows go in (they
 * would announce every appeal to live listeners and recompute what the rows already hold; the audit log's
 * refuses the emptying below), and rows the migrations wrote (reference data) make way for the backup's.
 */
export async function beginLoad(client: pg.ClientBase, tables: string[]): Promise<void> {
  await client.query('begin');
  const names = tables.map((t) => `public.${client.escapeIdentifier(t)}`);
  for (const name of names) await client.query(`alter table ${name} disable trigger user`);
  if (names.length > 0) await client.query(`truncate ${names.join(', ')}`);
}

/** Sets the sequences where the backup found them and switches the triggers back on; commits. */
export async function finishLoad(
  client: pg.ClientBase,
  tables: string[],
  sequences: SequenceState[],
): Promise<void> {
  for (const sequence of sequences) {
    await client.query('select setval($1::regclass, $2, $3)', [
      `public.${client.escapeIdentifier(sequence.name)}`,
      sequence.value,
      sequence.isCalled,
    ]);
  }
  for (const table of tables) {
    await client.query(`alter table public.${client.escapeIdentifier(table)} enable trigger user`);
  }
  await client.query('commit');
}
