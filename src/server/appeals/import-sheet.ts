import * as XLSX from '@e965/xlsx';
import type { SourceRow } from './import-appeals.ts';

/** A sheet's header row and its rows, numbered as the spreadsheet numbers them. */
export interface SourceSheet {
  headers: string[];
  rows: Iterable<SourceRow>;
  count: number;
}

/**
 * Reads the first sheet (or the named one) of an .xlsx or .csv file. Cells stay as stored: numbers and
 * date serials as numbers, text as text (a CSV is not guessed at: "01.02.2024" or "+998 90…" stay text).
 * The workbook is read in SheetJS's dense mode and rows are handed out one by one as arrays, never as one
 * object per row.
 */
export function readSourceSheet(content: Buffer, fileName: string, sheetName?: string): SourceSheet {
  const csv = /\.csv$/i.test(fileName);
  const book = csv
    ? XLSX.read(content.toString('utf8').replace(/^\uFEFF/, ''), { type: 'string', raw: true, dense: true })
    : XLSX.read(content, { type: 'buffer', dense: true, cellDates: false, cellHTML: false, cellText: false });
  const name = sheetName ?? book.SheetNames[0];
  const sheet = name ? book.Sheets[name] : undefined;
  if (!sheet) throw new Error(sheetName ? `no sheet named "${sheetName}"` : 'the file has no sheet');
  const data: unknown[][] = XLSX.utils.sheet_to_json(sheet, {
    header: 1,
    raw: true,
    defval: null,
    blankrows: true,
  });
  const firstRow = sheet['!ref'] ? XLSX.utils.decode_range(sheet['!ref']).s.r + 1 : 1;
  const headers = (data[0] ?? []).map((h) => (h === null || h === undefined ? '' : String(h).trim()));
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    if (h && !index.has(h)) index.set(h, i);
  });
  const body = data.slice(1);
  return {
    headers,
    count: body.filter((cells) => !isBlank(cells)).length,
    rows: rowsOf(body, firstRow, index),
  };
}

function rowsOf(body: unknown[][], firstRow: number, index: Map<string, number>): Iterable<SourceRow> {
  return {
    *[Symbol.iterator]() {
      for (const [i, cells] of body.entries()) {
        if (isBlank(cells)) continue;
        yield {
          row: firstRow + 1 + i,
          cell: (header: string) => {
            const at = index.get(header);
            return at === undefined ? undefined : cells[at];
          },
        };
      }
    },
  };
}

function isBlank(cells: unknown[] | undefined): boolean {
  return !cells || cells.every((c) => c === null || c === undefined || String(c).trim() === '');
}
