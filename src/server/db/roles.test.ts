import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../testing/test-database.ts';
import { openDatabase } from './database.ts';
import { ensureRequestRole, grantRequestRole } from './roles.ts';
import type { Database } from './schema.ts';

async function withTestDatabase(
  run: (database: { ownerUrl: string; requestUrl: string }, dataDir: string) => Promise<void>,
) {
  const info = inject('testDatabase');
  const database = await createTestDatabase(info);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'murojaat-roles-'));
  try {
    await run(database, dataDir);
  } finally {
    await dropTestDatabase(info, database.name);
    await rm(dataDir, { recursive: true, force: true });
  }
}

function logInto(warnings: string[]) {
  return { info: () => {}, warn: (m: string) => warnings.push(m), error: () => {} };
}

describe('database roles', () => {
  it('with the request role and the owner, requests may only read and append to the audit log', async () => {
    await withTestDatabase(async ({ ownerUrl, requestUrl }, dataDir) => {
      const warnings: string[] = [];
      const opened = await openDatabase({
        databaseUrl: requestUrl,
        migrationUrl: ownerUrl,
        dataDir,
        poolSize: 2,
        log: logInto(warnings),
      });
      try {
        expect(warnings).toEqual([]);
        const { rows } = await sql<Record<string, boolean>>`
          select has_table_privilege('audit_log', 'select') as select,
                 has_table_privilege('audit_log', 'insert') as insert,
                 has_table_privilege('audit_log', 'update') as update,
                 has_table_privilege('audit_log', 'delete') as delete,
                 has_table_privilege('audit_log', 'truncate') as truncate,
                 has_table_privilege('appeals', 'update') as appeals,
                 has_table_privilege('pgboss.job', 'delete') as jobs,
                 has_table_privilege('kysely_migration', 'select') as migrations`.execute(opened.db);
        expect(rows[0]).toEqual({
          select: true,
          insert: true,
          update: false,
          delete: false,
          truncate: false,
          appeals: true,
          jobs: true,
          migrations: false,
        });
      } finally {
        await opened.close();
      }
    });
  });

  it('with DATABASE_URL alone it keeps working and warns that requests can rewrite the audit log', async () => {
    await withTestDatabase(async ({ ownerUrl }, dataDir) => {
      const warnings: string[] = [];
      const opened = await openDatabase({
        databaseUrl: ownerUrl,
        dataDir,
        poolSize: 2,
        log: logInto(warnings),
      });
      await opened.close();
      expect(warnings).toEqual([
        expect.stringMatching(
          /^Requests run with rights that can rewrite the audit log: .*DATABASE_MIGRATION_URL/,
        ),
      ]);
    });
  });

  it('creating the request role and granting it are safe when several processes do it at once', async () => {
    const info = inject('testDatabase');
    const role = `murojaat_roletest_${randomBytes(4).toString('hex')}`;
    const first = new pg.Client(info.admin);
    const second = new pg.Client(info.admin);
    await Promise.all([first.connect(), second.connect()]);
    try {
      await Promise.all([
        ensureRequestRole(first, role, 'first-password'),
        ensureRequestRole(second, role, 'first-password'),
      ]);
      await ensureRequestRole(first, role, 'second-password');
      await withTestDatabase(async ({ ownerUrl }) => {
        const owners = [ownerUrl, ownerUrl].map(
          (url) =>
            new Kysely<Database>({
              dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
            }),
        );
        await Promise.all(owners.map((owner) => grantRequestRole(owner, role)));
        await Promise.all(owners.map((owner) => owner.destroy()));
      });
      const { rows } = await first.query<{ rolsuper: boolean; rolcanlogin: boolean }>(
        'select rolsuper, rolcanlogin from pg_roles where rolname = $1',
        [role],
      );
      expect(rows).toEqual([{ rolsuper: false, rolcanlogin: true }]);
    } finally {
      await first.query(`drop role if exists ${role}`);
      await Promise.all([first.end(), second.end()]);
    }
  });
});
