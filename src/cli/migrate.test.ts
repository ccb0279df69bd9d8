import { PassThrough, Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { migrations } from '../server/db/migrations/index.ts';
import { restoreEnv } from '../server/testing/env.ts';
import { connectionUrl } from '../server/testing/test-database.ts';
import { main } from './main.ts';

async function run(args: string[], env: Record<string, string>) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => {
    out += String(c);
  });
  stderr.on('data', (c) => {
    err += String(c);
  });
  try {
    const code = await main(args, { stdin: Readable.from(['']), stdout, stderr });
    return { code, out, err };
  } finally {
    restoreEnv(saved);
  }
}

// An empty database (not the run's template): `migrate` must build the whole schema as the owner and
// grant the request role its rights, as the first step of an upgrade does on a real server.
describe('murojaat migrate', () => {
  const info = inject('testDatabase');
  const name = `${info.template}_migrate_${process.pid}`;
  const admin = async (statement: string) => {
    const client = new pg.Client(info.admin);
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  afterAll(async () => {
    await admin(`drop database if exists ${name} with (force)`);
  });

  it('applies every migration to an empty database once, grants the request role, then has nothing to do', async () => {
    await admin(`create database ${name}`);
    const env = {
      DATABASE_URL: connectionUrl(info.requests, name),
      DATABASE_MIGRATION_URL: connectionUrl(info.admin, name),
      MUROJAAT_DATA_KEY: info.dataKey,
    };
    const first = await run(['migrate'], env);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(new RegExp(`^applied ${Object.keys(migrations).length} migration\\(s\\)`, 'm'));

    const requests = new pg.Client({ connectionString: env.DATABASE_URL });
    await requests.connect();
    try {
      const { rows } = await requests.query<{ role: string; insert: boolean; audit_update: boolean }>(
        `select current_user as role, has_table_privilege('appeals', 'insert') as insert,
                has_table_privilege('audit_log', 'update') as audit_update`,
      );
      expect(rows[0]).toEqual({ role: expect.any(String), insert: true, audit_update: false });
    } finally {
      await requests.end();
    }

    const second = await run(['migrate'], env);
    expect(second.code).toBe(0);
    expect(second.out).toBe('no pending migrations: the schema is up to date\n');
  }, 120_000);

  it('refuses arguments it does not know', async () => {
    const result = await run(['migrate', '--down'], {});
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/usage: murojaat migrate/);
  });
});
