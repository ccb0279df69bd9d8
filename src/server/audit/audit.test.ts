import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { startTestSystem } from '../../app/testing/test-system.ts';
import { main } from '../../cli/main.ts';
import { startSystem } from '../boot.ts';
import { loadConfig } from '../config.ts';
import { migrate } from '../db/database.ts';
import { migrations } from '../db/migrations/index.ts';
import type { Database } from '../db/schema.ts';
import { connectionUrl, createTestDatabase, dropTestDatabase } from '../testing/test-database.ts';
import { AuditTrail, verifyAudit } from './audit.ts';
import { GENESIS_HASH, legacyRowHash } from './audit-chain.ts';
import { checkpointFile, readCheckpoints } from './audit-checkpoints.ts';

const silent = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

/** A database migrated only as far as the last migration before the keyed chain. */
async function databaseBeforeTheKeyedChain() {
  const info = inject('testDatabase');
  const name = `${info.template}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client(info.admin);
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: connectionUrl(info.admin, name), max: 2 }),
    }),
  });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateTo('20261129T0900-reach-and-terms');
  if (error) throw error;
  return { db, drop: () => db.destroy().then(() => dropTestDatabase(info, name)) };
}

/** Rows as the server wrote them before the upgrade: plain SHA-256, no hash kind. */
async function writeUnkeyedRows(db: Kysely<Database>, labels: string[]) {
  let prev = GENESIS_HASH;
  for (const [i, label] of labels.entries()) {
    const fields = {
      at: new Date(Date.UTC(2026, 10, 20, 9, i)).toISOString(),
      actorId: null,
      actorLabel: label,
      action: 'appeal.view',
      targetType: 'appeal',
      targetId: `2026-${i + 1}`,
      data: { i },
    };
    const hash = legacyRowHash(prev, fields);
    await sql`
      insert into audit_log (at, actor_id, actor_label, action, target_type, target_id, data, prev_hash, hash)
      values (${fields.at}, null, ${label}, ${fields.action}, ${fields.targetType}, ${fields.targetId},
              ${JSON.stringify(fields.data)}, ${prev}, ${hash})`.execute(db);
    prev = hash;
  }
}

async function cli(env: Record<string, string>, args: string[]) {
  Object.assign(process.env, env);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  for (const stream of [stdout, stderr]) {
    stream.on('data', (c) => {
      out += String(c);
    });
  }
  const code = await main(args, { stdin: Readable.from(['']), stdout, stderr });
  return { code, out };
}

describe('upgrading a database with an unkeyed chain', () => {
  it('keeps verifying the old rows, keys the new ones, and still finds an old row edited and re-hashed', async () => {
    const { db, drop } = await databaseBeforeTheKeyedChain();
    try {
      await writeUnkeyedRows(db, ['clerka', 'clerkb', 'head1']);
      await migrate(db);
      const audit = new AuditTrail(randomBytes(32));
      const verify = () => verifyAudit(db, { key: audit.key, checkpoints: [] });
      expect(await verify()).toMatchObject({ ok: true, checked: 3, keyedFrom: null });

      expect(await audit.sealUnkeyedChain(db, new Date())).toBe(true);
      expect(await audit.sealUnkeyedChain(db, new Date())).toBe(false);
      await db.transaction().execute((tx) =>
        audit.append(tx, [
          {
            actor: { id: null, label: 'system' },
            action: 'x',
            targetType: 't',
            targetId: '1',
            at: new Date(),
          },
        ]),
      );
      const sealed = await db
        .selectFrom('audit_log')
        .select(['id', 'action', 'hash_kind', 'data'])
        .where('id', '=', 4)
        .executeTakeFirstOrThrow();
      expect(sealed).toMatchObject({
        action: 'audit.keyed',
        hash_kind: 'hmac-sha256',
        data: { unkeyedRows: 3 },
      });
      expect(await verify()).toMatchObject({ ok: true, checked: 5, keyedFrom: 4 });

      // The attacker edits an old row and recomputes the old rows' SHA-256 chain: the seal still points
      // at the old head, and its own hash needs the key.
      await sql`set session_replication_role = replica`.execute(db);
      const old = await db.selectFrom('audit_log').selectAll().where('id', '<=', 3).orderBy('id').execute();
      let prev = GENESIS_HASH;
      for (const row of old) {
        const actorLabel = row.id === 2 ? 'system' : row.actor_label;
        const hash = legacyRowHash(prev, {
          at: row.at.toISOString(),
          actorId: row.actor_id,
          actorLabel,
          action: row.action,
          targetType: row.target_type,
          targetId: row.target_id,
          data: row.data,
        });
        await sql`update audit_log set actor_label = ${actorLabel}, prev_hash = ${prev}, hash = ${hash} where id = ${row.id}`.execute(
          db,
        );
        prev = hash;
      }
      const result = await verify();
      expect(result.ok).toBe(false);
      expect(result.problems).toEqual([{ problem: 'chain_broken', id: 4 }]);
    } finally {
      await drop();
    }
  });
});

describe('checkpoints outside the database', () => {
  it('are written at start and after appends to a private file and the log, and a cut tail is logged at once', async () => {
    const t = await startTestSystem();
    try {
      const lines: string[] = [];
      const errors: string[] = [];
      t.system.ctx.log = {
        ...silent,
        info: (m: unknown) => lines.push(String(m)),
        error: (m: unknown) => errors.push(String(m)),
      };
      const file = checkpointFile(t.env.DATA_DIR ?? '');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const atStart = await readCheckpoints([file]);
      expect(atStart).toHaveLength(1);

      await t.fileAppeal();
      await t.fileAppeal();
      const after = await t.system.auditCheckpoints.checkpoint();
      const { n } = await t.ownerDb
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(after?.entries).toBe(n);
      expect(lines).toEqual([
        expect.stringMatching(new RegExp(`^murojaat-audit-checkpoint v1 entries=${n} `)),
      ]);
      expect(await t.system.auditCheckpoints.checkpoint()).toBeUndefined();

      await sql`alter table audit_log disable trigger audit_log_no_change`.execute(t.ownerDb);
      await sql`delete from audit_log where id = (select max(id) from audit_log)`.execute(t.ownerDb);
      await t.system.auditCheckpoints.checkpoint();
      expect(errors).toEqual([
        expect.stringMatching(/audit log changed since the checkpoint of .*: row \d+ \(entry \d+\) is gone/),
      ]);
    } finally {
      await t.stop();
    }
  });

  it('kept in a separate store still show a truncation after the checkpoint file in DATA_DIR was removed', async () => {
    const t = await startTestSystem();
    try {
      await t.fileAppeal();
      const kept = await cli(t.env, ['audit', 'checkpoint']);
      expect(kept.code).toBe(0);
      // The operator's store: here a log file in pino's JSON format, one checkpoint among other lines.
      const store = `${t.env.DATA_DIR}-store.log`;
      await writeFile(
        store,
        `${JSON.stringify({ level: 30, msg: 'started' })}\n${JSON.stringify({ level: 30, msg: kept.out.trim() })}\n`,
      );
      await sql`set session_replication_role = replica`.execute(t.ownerDb);
      await sql`truncate audit_log`.execute(t.ownerDb);
      await sql`delete from settings where key = 'audit.anchor'`.execute(t.ownerDb);
      await rm(checkpointFile(t.env.DATA_DIR ?? ''));

      const alone = await cli(t.env, ['audit', 'verify']);
      expect(alone.code).toBe(0);
      expect(alone.out).toContain('warning: no checkpoints');
      const withStore = await cli(t.env, ['audit', 'verify', '--checkpoints', store]);
      expect(withStore.code).toBe(1);
      expect(withStore.out).toMatch(/chain is empty but the checkpoint of \S+ says \d+ entries/);
      await rm(store);
    } finally {
      await t.stop();
    }
  });
});

describe('the audit key', () => {
  it('a server with another data key than the one that wrote the log refuses to start', async () => {
    const info = inject('testDatabase');
    const database = await createTestDatabase(info);
    const dataDir = await mkdtemp(path.join(tmpdir(), 'murojaat-key-'));
    try {
      const config = loadConfig({
        DATABASE_URL: database.requestUrl,
        DATABASE_MIGRATION_URL: database.ownerUrl,
        DATA_DIR: dataDir,
        MUROJAAT_DATA_KEY: randomBytes(32).toString('base64'),
      });
      await expect(startSystem({ config, log: silent, workers: false })).rejects.toThrow(
        /signed with another data key than this server's/,
      );
    } finally {
      await dropTestDatabase(info, database.name);
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
