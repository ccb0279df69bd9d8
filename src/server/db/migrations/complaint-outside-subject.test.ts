import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../../app/testing/test-system.ts';
import { up } from './20261203T1320-complaint-outside-subject.ts';

let t: TestSystem;

beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => {
  await t?.stop();
});

describe('the migration that puts complaints outside their subject', () => {
  it('moves a complaint an earlier version left with the officer’s duty unit to internal security above', async () => {
    // The owner's connection: only the schema's owner may drop a constraint or run a migration.
    const db = t.ownerDb;
    const units = t.system.ctx.reference().units;
    const id = (code: string) => units.byCode(code)?.id ?? 0;
    // As the code before this migration wrote it: urgent, held by the subject's own duty unit.
    await sql`alter table appeals drop constraint appeals_complaint_outside_subject`.execute(db);
    const appeal = await t.fileAppeal({ text: 'Kimdir meni oʻldiraman deb qoʻrqitdi, tezda yordam bering!' });
    const row = await db
      .selectFrom('appeals')
      .select('id')
      .where('number', '=', appeal.number)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('appeals')
      .set({ subject_unit_id: id('IIV-1726266'), about_officer: true })
      .where('id', '=', row.id)
      .execute();

    // As the migrator runs it: in a transaction, on a connection that knows no table types.
    const migrator = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: t.ownerUrl, max: 1 }) }),
    });
    await migrator.transaction().execute((tx) => up(tx));
    await migrator.destroy();

    const moved = await db
      .selectFrom('appeals')
      .select(['status', 'owner_unit_id', 'scope_units'])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(moved).toEqual({
      status: 'assigned',
      owner_unit_id: id('IIV-1726-ISEC'),
      scope_units: [id('IIV-1726-ISEC'), id('IIV-1726-DUTY')],
    });
    const working = await db
      .selectFrom('appeal_units')
      .select(['unit_id', 'role'])
      .where('appeal_id', '=', row.id)
      .orderBy('position')
      .execute();
    expect(working).toEqual([
      { unit_id: id('IIV-1726-ISEC'), role: 'lead' },
      { unit_id: id('IIV-1726-DUTY'), role: 'co' },
    ]);
    const last = await db
      .selectFrom('appeal_events')
      .select(['event', 'actor_kind', 'data'])
      .where('appeal_id', '=', row.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({ event: 'routed_officer_complaint', actor_kind: 'system' });
    const constraint = await sql<{ convalidated: boolean }>`
      select convalidated from pg_constraint where conname = 'appeals_complaint_outside_subject'`.execute(db);
    expect(constraint.rows).toEqual([{ convalidated: true }]);
  });
});
