import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { main } from '../../cli/main.ts';
import { connectionUrl } from '../testing/test-database.ts';

// The attacker is a database user with the owner's (or a superuser's) rights: they can switch triggers
// off, edit, delete and recompute hashes with the published algorithm. They do not have the server's
// key files.

/** Runs `murojaat …` as an operator on the server's machine would: same database, key and DATA_DIR. */
async function cli(t: TestSystem, args: string[]) {
  Object.assign(process.env, t.env);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (c) => {
    out += String(c);
  });
  stderr.on('data', (c) => {
    out += String(c);
  });
  const code = await main(args, { stdin: Readable.from(['']), stdout, stderr });
  return { code, out };
}

async function attacker(t: TestSystem): Promise<pg.Client> {
  const name = new URL(t.databaseUrl).pathname.slice(1);
  const client = new pg.Client({ connectionString: connectionUrl(inject('testDatabase').admin, name) });
  await client.connect();
  // A superuser's session-wide way round every trigger on every table.
  await client.query('set session_replication_role = replica');
  return client;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

interface Row {
  id: number;
  at: Date;
  actor_id: number | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string;
  data: unknown;
  hash: string;
}

/**
 * Recomputes the plain SHA-256 chain from row `fromId` on, as `murojaat audit verify` used to, labels the
 * rows as unkeyed where the table has such a label, and moves the anchor to the new head.
 */
async function rechain(client: pg.Client, fromId: number): Promise<void> {
  const { rows } = await client.query<Row>('select * from audit_log order by id');
  const labelled = await client.query(
    "select 1 from information_schema.columns where table_name = 'audit_log' and column_name = 'hash_kind'",
  );
  let prev = '0'.repeat(64);
  for (const row of rows) {
    if (row.id < fromId) {
      prev = row.hash;
      continue;
    }
    const fields = JSON.stringify([
      row.at.toISOString(),
      row.actor_id,
      row.actor_label,
      row.action,
      row.target_type,
      row.target_id,
      canonical(row.data),
    ]);
    const hash = createHash('sha256').update(prev).update('\n').update(fields).digest('hex');
    await client.query(
      `update audit_log set prev_hash = $1, hash = $2${labelled.rowCount ? ", hash_kind = 'sha256'" : ''} where id = $3`,
      [prev, hash, row.id],
    );
    prev = hash;
  }
  await client.query(
    `update settings set value = jsonb_build_object('hash', $1::text) where key = 'audit.anchor'`,
    [prev],
  );
}

/** A system where clerka has opened an appeal, so the log holds a row with her name. */
async function systemWithClerkaRow() {
  const t = await startTestSystem();
  const { number } = await t.fileAppeal();
  const clerka = await t.staff('clerka', 'clerk', 'IIV-1726266-APP');
  const view = await clerka.request({ method: 'GET', url: `/api/v1/appeals/${number}` });
  expect(view.statusCode).toBe(200);
  await t.fileAppeal();
  const { rows } = await sql<{ id: number }>`
    select id from audit_log where actor_label = 'clerka' and action = 'appeal.view'`.execute(
    t.system.ctx.db,
  );
  const id = rows[0]?.id ?? 0;
  expect(id).toBeGreaterThan(0);
  return { t, id };
}

describe('attacks on the audit trail', () => {
  it('an edited row with the SHA-256 chain recomputed after it is reported as rewritten, naming the row', async () => {
    const { t, id } = await systemWithClerkaRow();
    try {
      const db = await attacker(t);
      await db.query(`update audit_log set actor_label = 'system', actor_id = null where id = $1`, [id]);
      await rechain(db, id);
      await db.end();
      const result = await cli(t, ['audit', 'verify']);
      expect(result.out).not.toContain('intact');
      expect(result.code).toBe(1);
      expect(result.out).toContain(`row ${id}`);
    } finally {
      await t.stop();
    }
  });

  it('a deleted row with the chain recomputed is reported where the chain was rewritten', async () => {
    const { t, id } = await systemWithClerkaRow();
    try {
      const db = await attacker(t);
      await db.query('delete from audit_log where id = $1', [id]);
      const next = (await db.query<{ id: number }>('select min(id) as id from audit_log where id > $1', [id]))
        .rows[0]?.id;
      await rechain(db, next ?? 0);
      await db.end();
      const result = await cli(t, ['audit', 'verify']);
      expect(result.code).toBe(1);
      expect(result.out).toContain(`row ${next}`);
    } finally {
      await t.stop();
    }
  });

  it('a cut-off tail with the anchor moved back is reported as rows missing since a checkpoint', async () => {
    const t = await startTestSystem();
    try {
      for (let i = 0; i < 3; i += 1) await t.fileAppeal();
      const checkpoint = await cli(t, ['audit', 'checkpoint']);
      expect(checkpoint.code).toBe(0);
      const db = await attacker(t);
      const { rows } = await db.query<{ id: number; hash: string; n: number }>(
        'select id, hash, (select count(*)::int from audit_log) as n from audit_log order by id desc offset 2 limit 1',
      );
      const keep = rows[0];
      if (!keep) throw new Error('no rows');
      await db.query('delete from audit_log where id > $1', [keep.id]);
      await db.query(
        `update settings set value = jsonb_build_object('hash', $1::text) where key = 'audit.anchor'`,
        [keep.hash],
      );
      await db.end();
      const result = await cli(t, ['audit', 'verify']);
      expect(result.code).toBe(1);
      expect(result.out).toContain(`entries ${keep.n - 1}–${keep.n} missing since the checkpoint of`);
    } finally {
      await t.stop();
    }
  });

  it('TRUNCATE is refused, and a log emptied round the trigger with its anchor deleted is not called intact', async () => {
    const t = await startTestSystem();
    try {
      await t.fileAppeal();
      const owner = new pg.Client({
        connectionString: connectionUrl(
          inject('testDatabase').admin,
          new URL(t.databaseUrl).pathname.slice(1),
        ),
      });
      await owner.connect();
      await expect(owner.query('truncate audit_log')).rejects.toThrow(/append-only/);
      await owner.end();

      const db = await attacker(t);
      await db.query('truncate audit_log');
      await db.query(`delete from settings where key = 'audit.anchor'`);
      await db.end();
      const result = await cli(t, ['audit', 'verify']);
      expect(result.out).not.toContain('intact');
      expect(result.code).toBe(1);
      expect(result.out).toMatch(/chain is empty but the checkpoint of \S+ says \d+ entries/);
    } finally {
      await t.stop();
    }
  });

  it("the server's own request connection cannot update, delete, truncate or unprotect the audit log", async () => {
    const t = await startTestSystem();
    try {
      await t.fileAppeal();
      const db = t.system.ctx.db;
      const denied = /permission denied|must be (the )?owner/;
      await expect(sql`update audit_log set actor_label = 'system'`.execute(db)).rejects.toThrow(denied);
      await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(denied);
      await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(denied);
      await expect(sql`alter table audit_log disable trigger user`.execute(db)).rejects.toThrow(denied);
      await expect(sql`set session_replication_role = replica`.execute(db)).rejects.toThrow(denied);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db);
      expect(rows[0]?.n).toBeGreaterThan(0);
    } finally {
      await t.stop();
    }
  });

  it('verify says what broke and where: the edited row, and the rows missing since the checkpoint', async () => {
    const { t, id } = await systemWithClerkaRow();
    try {
      await t.fileAppeal();
      const checkpoint = await cli(t, ['audit', 'checkpoint']);
      expect(checkpoint.code).toBe(0);
      const db = await attacker(t);
      await db.query(`update audit_log set actor_label = 'system' where id = $1`, [id]);
      const { rows } = await db.query<{ id: number; hash: string; n: number }>(
        'select id, hash, (select count(*)::int from audit_log) as n from audit_log order by id desc offset 1 limit 1',
      );
      const keep = rows[0];
      if (!keep) throw new Error('no rows');
      await db.query('delete from audit_log where id > $1', [keep.id]);
      await db.query(
        `update settings set value = jsonb_build_object('hash', $1::text) where key = 'audit.anchor'`,
        [keep.hash],
      );
      await db.end();
      const result = await cli(t, ['audit', 'verify']);
      expect(result.code).toBe(1);
      expect(result.out).toContain(`row ${id}: edited`);
      expect(result.out).toContain(`entry ${keep.n} missing since the checkpoint of`);
    } finally {
      await t.stop();
    }
  });
});
