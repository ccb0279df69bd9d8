import * as XLSX from '@e965/xlsx';
import type { FastifyReply } from 'fastify';
import type { ExportFormat } from '../../contracts/export-words.ts';

/** One cell of an exported table: text, a number, or empty. */
export type Cell = string | number | null;

/** An exported table: its header row first, then the rows as the screen shows them. */
export type Table = Cell[][];

// Excel reads a UTF-8 file as the local ANSI code page unless it starts with a byte order mark, which
// turns every Cyrillic word into mojibake.
const BOM = '\uFEFF';

/**
 * A CSV field (RFC 4180). Text a spreadsheet would run as a formula (=, +, -, @, tab or CR first) is put
 * behind an apostrophe: appeal texts are written by anyone, and the file is opened in Excel.
 */
export function csvField(value: Cell): string {
  const raw = value === null ? '' : String(value);
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as a UTF-8 CSV file with a byte order mark and CRLF line ends. */
export function tableCsv(table: Table): Buffer {
  const lines = table.map((row) => row.map(csvField).join(','));
  return Buffer.from(`${BOM}${lines.join('\r\n')}\r\n`, 'utf8');
}

/**
 * The table as an .xlsx workbook of one sheet. Every text is a string cell, never a formula, so text
 * that starts with = stays text without an apostrophe.
 */
export function tableXlsx(table: Table, sheetName: string): Buffer {
  const sheet = XLSX.utils.aoa_to_sheet(table.map((row) => row.map((cell) => cell ?? '')));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, sheetName.slice(0, 31));
  const file: unknown = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true });
  if (!Buffer.isBuffer(file)) throw new Error('SheetJS did not return a buffer');
  return file;
}

const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Sends the table as a download named `<baseName>.<format>`; never cached, it may hold personal data. */
export function sendTable(
  reply: FastifyReply,
  options: { format: ExportFormat; baseName: string; table: Table },
): FastifyReply {
  const { format, baseName, table } = options;
  const body = format === 'csv' ? tableCsv(table) : tableXlsx(table, baseName);
  const fileName = `${baseName.replace(/[^A-Za-z0-9._-]/g, '_')}.${format}`;
  return reply
    .header('content-type', contentTypes[format])
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}
