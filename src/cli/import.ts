import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type ImportResult, importAppeals } from '../server/appeals/import-appeals.ts';
import { importMappingSchema } from '../server/appeals/import-rows.ts';
import { readSourceSheet } from '../server/appeals/import-sheet.ts';
import { loadReferenceSnapshot } from '../server/routing/reference-snapshot.ts';
import { DataProtector } from '../server/security/data-protector.ts';
import { loadKeyring } from '../server/security/keyring.ts';
import { withDatabase } from './cli-database.ts';
import type { CommandIo } from './main.ts';

const usage = `usage: murojaat import --file appeals.xlsx|.csv --mapping mapping.json [--dry-run]

  Brings historic appeals in from another register (docs/import.md). Every row is checked first; refused
  rows are listed with their row number, column and reason in <file>.report.csv, next to the file. Valid
  rows become ordinary appeals (numbers kept when they fit and are free), whole appeals per transaction;
  a second run of the same file skips what is already in. No applicant is notified.
  --dry-run   checks and reports, writes nothing to the database
`;

/** `murojaat import --file F --mapping M [--dry-run]` */
export async function runImport(args: string[], io: CommandIo): Promise<number> {
  let values: { file?: string; mapping?: string; 'dry-run'?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        file: { type: 'string' },
        mapping: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  const file = values.file;
  if (!file || !values.mapping || !/\.(xlsx|csv)$/i.test(file)) {
    io.stderr.write(usage);
    return 2;
  }
  const mappingText = await readFile(values.mapping, 'utf8').catch(() => null);
  if (mappingText === null) {
    io.stderr.write(`Cannot read the mapping ${values.mapping}.\n`);
    return 2;
  }
  let mappingJson: unknown;
  try {
    mappingJson = JSON.parse(mappingText);
  } catch {
    io.stderr.write(`The mapping ${values.mapping} is not JSON.\n`);
    return 2;
  }
  const mapping = importMappingSchema.safeParse(mappingJson);
  if (!mapping.success) {
    io.stderr.write(`The mapping ${values.mapping} is not valid:\n`);
    for (const issue of mapping.error.issues)
      io.stderr.write(`  ${issue.path.join('.') || '(top)'}: ${issue.message}\n`);
    return 2;
  }
  const content = await readFile(file).catch(() => null);
  if (content === null) {
    io.stderr.write(`Cannot read ${file}.\n`);
    return 2;
  }
  const started = performance.now();
  let sheet: ReturnType<typeof readSourceSheet>;
  try {
    sheet = readSourceSheet(content, file, mapping.data.sheet);
  } catch (error) {
    io.stderr.write(`Cannot read ${file} as a spreadsheet: ${error instanceof Error ? error.message : ''}\n`);
    return 1;
  }
  const missing = Object.entries(mapping.data.columns).filter(
    ([, header]) => !sheet.headers.includes(header),
  );
  if (missing.length > 0) {
    io.stderr.write(
      `The file has no column ${missing.map(([field, header]) => `"${header}" (for ${field})`).join(', ')}; nothing imported.\n`,
    );
    return 1;
  }
  const sha256 = createHash('sha256').update(content).digest('hex');
  const dryRun = values['dry-run'] ?? false;
  io.stdout.write(
    `${dryRun ? 'Checking' : 'Importing'} ${sheet.count} rows of ${path.basename(file)} (sha256 ${sha256.slice(0, 16)}…)\n`,
  );

  return withDatabase(io, async (database, config, audit) => {
    const { keyring } = await loadKeyring(config.keys);
    const result = await importAppeals({
      db: database.db,
      protector: new DataProtector(keyring),
      audit,
      ref: await loadReferenceSnapshot(database.db),
      actor: { id: null, label: `cli-import:${osUser()}` },
      mapping: mapping.data,
      rows: sheet.rows,
      file: { name: path.basename(file), sha256 },
      dryRun,
      now: new Date(),
    });
    const report = `${file}.report.csv`;
    await writeFile(report, reportCsv(result));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.stdout.write(
      `${result.rows} rows: ${result.imported} ${dryRun ? 'would be imported' : 'imported'}, ` +
        `${result.alreadyImported} already imported, ${result.refused.length} refused, ` +
        `${result.renumbered.length} ${dryRun ? 'would get' : 'got'} a new number (${seconds} s).\n` +
        `Report: ${report}\n`,
    );
    if (dryRun) io.stdout.write('Dry run: nothing was written to the database.\n');
    return result.refused.length > 0 ? 1 : 0;
  });
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/**
 * A CSV cell. Text from the file that a spreadsheet would run as a formula (=, +, -, @ first) is put
 * behind an apostrophe: the report is opened in the same spreadsheet programs the file came from.
 */
function csvField(value: string | number | null): string {
  const raw = value === null ? '' : String(value);
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line per refused problem and per renumbered row; values from the file are never repeated. */
export function reportCsv(result: ImportResult): string {
  const lines = ['row,result,column,reason,source_number,number'];
  for (const refused of result.refused) {
    for (const p of refused.problems)
      lines.push([refused.row, 'refused', p.column, p.reason, null, null].map(csvField).join(','));
  }
  for (const r of result.renumbered) {
    lines.push(
      [r.row, 'renumbered', null, 'the number is not ours or is taken', r.sourceNumber, r.number]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
