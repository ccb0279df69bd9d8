import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { sendDeadlineReminders } from '../notify/staff-notices.ts';
import type { ReferenceSnapshot } from '../routing/reference-snapshot.ts';
import { type Unit, UnitDirectory } from '../routing/unit-directory.ts';
import { type ImportAppealsOptions, importAppeals, type SourceRow } from './import-appeals.ts';
import { importMappingSchema } from './import-rows.ts';
import { sampleMapping, sampleRegisterRows } from './import-sample.ts';

let t: TestSystem;

beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => {
  await t?.stop();
});

function sourceRows(table: unknown[][]): SourceRow[] {
  const headers = (table[0] ?? []).map(String);
  return table.slice(1).map((cells, i) => ({
    row: i + 2,
    cell: (header: string) => cells[headers.indexOf(header)],
  }));
}

function options(rows: SourceRow[], ref: ReferenceSnapshot): ImportAppealsOptions {
  const { ctx } = t.system;
  return {
    db: ctx.db,
    protector: ctx.protector,
    audit: ctx.audit,
    ref,
    actor: { id: null, label: 'test-import' },
    mapping: importMappingSchema.parse(sampleMapping),
    rows,
    file: { name: 'crash.xlsx', sha256: 'c'.repeat(64) },
    dryRun: false,
    now: new Date(),
    chunkSize: 100,
  };
}

describe('importAppeals', () => {
  it('a failure mid-way leaves only whole appeals, and the next run completes without duplicates', async () => {
    const ref = t.system.ctx.reference();
    const table = sampleRegisterRows(300, {}, 'CRASH');
    // The investigations unit of the third hundred rows exists only in this doctored snapshot, not in the
    // database: writing its first appeal fails as a crash would, in the middle of the run.
    const investigations = ref.units.byCode('IIV-1726266-INV');
    if (!investigations) throw new Error('reference data without IIV-1726266-INV');
    const ghost: Unit = { ...investigations, id: 9_999_999, code: 'GHOST-INV' };
    const units = new UnitDirectory([...ref.units.all(), ghost]);
    for (const row of table.slice(201)) if (row[9] === 'Yunusobod investigations') row[9] = 'GHOST-INV';
    const broken = { ...ref, units };

    await expect(importAppeals(options(sourceRows(table), broken))).rejects.toThrow();
    const partial = await sql<{
      appeals: number;
      keys: number;
      without_history: number;
      answered_without_answer: number;
    }>`
      select
        (select count(*)::int from appeal_imports where import_key like 'ext:CRASH-%') as keys,
        (select count(*)::int from appeals a join appeal_imports i on i.appeal_id = a.id where i.import_key like 'ext:CRASH-%') as appeals,
        (select count(*)::int from appeal_imports i where i.import_key like 'ext:CRASH-%'
           and not exists (select 1 from appeal_events e where e.appeal_id = i.appeal_id and e.event = 'imported')) as without_history,
        (select count(*)::int from appeal_imports i join appeals a on a.id = i.appeal_id where i.import_key like 'ext:CRASH-%'
           and a.status = 'answered' and not exists (select 1 from answers w where w.appeal_id = a.id and w.status = 'approved')) as answered_without_answer`.execute(
      t.ownerDb,
    );
    // Two whole chunks of 100 were committed; the third was rolled back as one.
    expect(partial.rows[0]).toEqual({
      keys: 200,
      appeals: 200,
      without_history: 0,
      answered_without_answer: 0,
    });

    for (const row of table.slice(201)) if (row[9] === 'GHOST-INV') row[9] = 'Yunusobod investigations';
    const result = await importAppeals(options(sourceRows(table), ref));
    expect(result).toMatchObject({ rows: 300, imported: 100, alreadyImported: 200, refused: [] });
    const total = await sql<{ n: number }>`
      select count(*)::int as n from appeal_imports where import_key like 'ext:CRASH-%'`.execute(t.ownerDb);
    expect(total.rows[0]?.n).toBe(300);
  });

  it('writes no job: no triage, no notice to the applicant', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from pgboss.job`.execute(t.ownerDb);
    await importAppeals(options(sourceRows(sampleRegisterRows(20, {}, 'QUIET')), t.system.ctx.reference()));
    const after = await sql<{ n: number }>`select count(*)::int as n from pgboss.job`.execute(t.ownerDb);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('closed imported appeals raise no deadline notice; an open one is overdue like any other', async () => {
    await t.staff('head-recent', 'head', 'IIV-1726266-APP');
    const day = (daysAgo: number) => {
      const d = new Date(Date.now() + 5 * 3_600_000 - daysAgo * 86_400_000);
      return `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
    };
    // Received 20 days ago: the 15-day term ran out days ago. Row index 9 is still "In work".
    const table = sampleRegisterRows(10, {}, 'RECENT');
    for (const row of table.slice(1)) {
      row[1] = null;
      row[2] = `${day(20)} 10:30`;
      if (row[12]) row[12] = day(18);
      row[9] = 'Yunusobod appeals';
    }
    const result = await importAppeals(options(sourceRows(table), t.system.ctx.reference()));
    expect(result).toMatchObject({ imported: 10, refused: [] });
    await sendDeadlineReminders(t.system.ctx);
    const notices = await sql<{ status: string; kind: string }>`
      select a.status, n.kind from staff_notices n join appeal_imports i on i.appeal_id = n.appeal_id
      join appeals a on a.id = n.appeal_id where i.import_key like 'ext:RECENT-%'`.execute(t.ownerDb);
    expect(notices.rows).toEqual([{ status: 'in_progress', kind: 'overdue' }]);
  });
});
