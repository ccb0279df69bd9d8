import * as XLSX from '@e965/xlsx';
import type { ImportMapping } from './import-rows.ts';

// A made-up register's export, for the import's tests and benchmark: the headers and words another
// system might use, with the mapping that reads them (docs/examples/ has the same in small).

/** The mapping for {@link sampleRegisterRows}. */
export const sampleMapping: ImportMapping = {
  dateFormat: 'DD.MM.YYYY',
  columns: {
    number: 'Reg. No',
    externalId: 'ID',
    receivedAt: 'Received',
    type: 'Type',
    fullName: 'Applicant',
    address: 'Address',
    phone: 'Phone',
    category: 'Category',
    text: 'Text',
    unit: 'Unit',
    status: 'Status',
    answer: 'Answer',
    answeredAt: 'Answered',
    outcome: 'Result',
  },
  values: {
    status: { Answered: 'answered', 'In work': 'in_progress', Forwarded: 'forwarded' },
    type: { Application: 'ariza', Complaint: 'shikoyat', Proposal: 'taklif' },
    outcome: { Satisfied: 'satisfied', Explained: 'explained', Rejected: 'rejected' },
    unit: { 'Yunusobod appeals': 'IIV-1726266-APP', 'Yunusobod investigations': 'IIV-1726266-INV' },
  },
  defaults: { channel: 'post' },
};

export const sampleHeaders = [
  'ID',
  'Reg. No',
  'Received',
  'Type',
  'Applicant',
  'Address',
  'Phone',
  'Category',
  'Text',
  'Unit',
  'Status',
  'Answer',
  'Answered',
  'Result',
];

const texts = [
  'Telefonimni bozorda oʻgʻirlab ketishdi, iltimos topishga yordam bering.',
  'Qoʻshnim kechasi baland musiqa qoʻyadi, uchastka inspektoriga murojaat qildim, choralar koʻrilmadi.',
  'Internet orqali pul oʻtkazdim, tovar kelmadi, firibgarlik qurbonimanman.',
  'Мошенники по телефону выманили деньги с карты, прошу принять меры.',
];
const answers = [
  'Murojaatingiz koʻrib chiqildi, jinoyat ishi qoʻzgʻatildi va tergov davom etmoqda.',
  'Uchastka inspektori qoʻshningiz bilan profilaktik suhbat oʻtkazdi, ogohlantirish berildi.',
];

/**
 * The rows of a register with `count` appeals received in 2024–2025 (year, "In work" and the rest
 * answered); rows listed in `bad` are spoiled as named. `idPrefix` keeps two files' rows apart.
 */
export function sampleRegisterRows(
  count: number,
  bad: Record<number, 'date' | 'status' | 'text' | 'unit'> = {},
  idPrefix = 'OLD',
): unknown[][] {
  const rows: unknown[][] = [sampleHeaders];
  for (let i = 0; i < count; i++) {
    const year = 2024 + (i % 2);
    const day = 1 + (i % 28);
    const month = 1 + (i % 11);
    const open = i % 10 === 9;
    const foreignNumber = i % 7 === 3;
    const row = [
      `${idPrefix}-${i + 1}`,
      foreignNumber ? `${year}/${i + 1}` : `IIV-${year}-${String(i + 1).padStart(7, '0')}`,
      `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${year} 10:30`,
      i % 3 === 0 ? 'Complaint' : 'Application',
      `Karimov${i % 50} Aziz Ali oʻgʻli`,
      'Toshkent, Yunusobod tumani',
      `+998 90 ${String(1_000_000 + (i % 5_000)).slice(1, 4)} ${String(100 + (i % 89)).slice(1)} 00`,
      i % 2 === 0 ? 'theft' : 'fraud',
      texts[i % texts.length],
      i % 4 === 0 ? 'Yunusobod investigations' : 'Yunusobod appeals',
      open ? 'In work' : 'Answered',
      open ? null : answers[i % answers.length],
      open ? null : `${String(day).padStart(2, '0')}.${String(month + 1).padStart(2, '0')}.${year}`,
      open ? null : i % 3 === 0 ? 'Explained' : 'Satisfied',
    ];
    const spoil = bad[i];
    if (spoil === 'date') row[2] = '31.02.2024';
    if (spoil === 'status') row[10] = 'Lost in the archive';
    if (spoil === 'text') row[8] = 'short';
    if (spoil === 'unit') row[9] = 'Atlantis police';
    rows.push(row);
  }
  return rows;
}

/** The rows as an .xlsx workbook. */
export function sampleWorkbook(rows: unknown[][]): Buffer {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows, { dense: true }), 'Appeals');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true });
}
