import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { JOB_SCHEMA } from '../jobs/job-queue.ts';
import type { Database } from './schema.ts';

// Two database roles (docs/decisions/0003-audit-integrity.md): the owner, which runs migrations and owns
// every table, and the request role, which the server's requests and job workers use. The request role
// may read and write the application's tables but only read and append to the audit log, and it cannot
// change the schema, switch triggers off or truncate anything.

// Concurrent GRANTs on one table fail with "tuple concurrently updated": servers starting together queue here.
const GRANTS_LOCK = 7_240_010;
const ROLE_LOCK = 7_240_011;

/** The name the embedded cluster gives its request role. */
export const EMBEDDED_REQUEST_ROLE = 'murojaat_app';

/**
 * Creates a login role unless it exists and (re)sets its password, without any of the rights that would
 * let it get round the grants. Callers on one database are serialised: two ALTER ROLEs of one role at
 * once fail with "tuple concurrently updated".
 */
export async function ensureRequestRole(admin: pg.ClientBase, name: string, password: string): Promise<void> {
  const role = admin.escapeIdentifier(name);
  await admin.query('begin');
  try {
    await admin.query('select pg_advisory_xact_lock($1)', [ROLE_LOCK]);
    await admin.query(`
      do $$ begin
        create role ${role} login;
      exception when duplicate_object then null;
      end $$`);
    await admin.query(
      `alter role ${role} login nosuperuser nocreatedb nocreaterole noreplication nobypassrls ` +
        `password ${admin.escapeLiteral(password)}`,
    );
    await admin.query('commit');
  } catch (error) {
    await admin.query('rollback');
    throw error;
  }
}

/**
 * Grants the request role what requests and job workers need, run by the owner after migrations. Tables
 * pg-boss creates later in its schema are granted by default privileges.
 */
export async function grantRequestRole(owner: Kysely<Database>, role: string): Promise<void> {
  const r = sql.id(role);
  const jobs = sql.id(JOB_SCHEMA);
  await owner.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${GRANTS_LOCK})`.execute(tx);
    await sql`grant usage on schema public to ${r}`.execute(tx);
    await sql`grant select, insert, update, delete on all tables in schema public to ${r}`.execute(tx);
    await sql`grant usage on all sequences in schema public to ${r}`.execute(tx);
    // The audit log is read and appended to, never changed.
    await sql`revoke update, delete, truncate, references, trigger on audit_log from ${r}`.execute(tx);
    await sql`revoke all on kysely_migration, kysely_migration_lock from ${r}`.execute(tx);
    await sql`create schema if not exists ${jobs}`.execute(tx);
    await sql`grant usage on schema ${jobs} to ${r}`.execute(tx);
    await sql`grant select, insert, update, delete on all tables in schema ${jobs} to ${r}`.execute(tx);
    await sql`grant usage on all sequences in schema ${jobs} to ${r}`.execute(tx);
    await sql`alter default privileges in schema ${jobs} grant select, insert, update, delete on tables to ${r}`.execute(
      tx,
    );
    await sql`alter default privileges in schema ${jobs} grant usage on sequences to ${r}`.execute(tx);
  });
}

/** Why the request connection could rewrite the audit log, or undefined when it cannot. */
export async function auditRewriteRight(requests: Kysely<Database>): Promise<string | undefined> {
  const { rows } = await sql<{ role: string; superuser: boolean; rewrite: boolean }>`
    select current_user as role, rolsuper as superuser,
           has_table_privilege('audit_log', 'update') or has_table_privilege('audit_log', 'delete')
             or has_table_privilege('audit_log', 'truncate') as rewrite
    from pg_roles where rolname = current_user`.execute(requests);
  const found = rows[0];
  if (found?.superuser) return `${found.role} is a superuser`;
  if (found?.rewrite) return `${found.role} may update, delete or truncate audit_log (it owns the tables)`;
  return undefined;
}
