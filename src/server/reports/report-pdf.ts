import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Hierarchy } from '../../contracts/analytics.schema.ts';
import type { UiLanguage } from '../../contracts/enums.ts';
import { printedDay } from '../templates/answer-letter.ts';
import { figureValue, reportBlocks, reportFigures, reportWords } from './report-table.ts';

const require = createRequire(import.meta.url);
// DejaVu Sans: Cyrillic, oʻ/gʻ and ʼ need a real font (the answer letter uses the same).
const regularFont = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const boldFont = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/** What a report's PDF prints besides the figures. */
export interface ReportHeading {
  name: string;
  language: UiLanguage;
  /** `YYYY-MM`. */
  month: string;
  recipient: string;
  /** Tashkent date and time, as printed. */
  generatedAt: string;
}

/**
 * The report as an A4 PDF: a heading, then per unit a table of the figures with the period before and the
 * same period last year. `compress: false` leaves the text streams readable (tests look into them).
 */
export function renderReportPdf(
  view: Hierarchy,
  heading: ReportHeading,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const w = reportWords(heading.language);
  const day = (d: string) => printedDay(d, heading.language);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 48, bottom: 48, left: 48, right: 48 },
    compress: options.compress ?? true,
    info: {
      Title: `${w.title}: ${heading.name}, ${heading.month}`,
      Subject: `${view.unit.name} · ${heading.month}`,
      Author: view.unit.name,
    },
  });
  doc.registerFont('regular', regularFont);
  doc.registerFont('bold', boldFont);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  doc.font('bold').fontSize(15).text(`${w.title}: ${heading.name}`, left, doc.y, { width });
  doc.moveDown(0.3).font('regular').fontSize(10);
  const line = (label: string, value: string) => {
    doc.font('bold').text(`${label}: `, { continued: true, width });
    doc.font('regular').text(value, { width });
  };
  line(w.unit, `${view.unit.name} (${view.unit.code})`);
  line(w.month, `${day(view.periods.current.from)} – ${day(view.periods.current.to)}`);
  line(w.preparedFor, heading.recipient);
  line(w.generated, heading.generatedAt);
  doc.moveDown(0.3).fontSize(9).fillColor('#333333');
  doc.text(
    `${w.periods}: ${day(view.periods.current.from)}–${day(view.periods.current.to)} / ` +
      `${day(view.periods.previous.from)}–${day(view.periods.previous.to)} / ` +
      `${day(view.periods.lastYear.from)}–${day(view.periods.lastYear.to)}`,
    { width },
  );
  doc.fillColor('#000000').moveDown(0.8);

  // Four columns: the figure's name, then the three periods right-aligned.
  const nameWidth = width * 0.46;
  const valueWidth = (width - nameWidth) / 3;
  const rowHeight = 14;
  const printed = (value: string | number | null) => (value === null ? '—' : String(value));
  const row = (cells: string[], font: 'regular' | 'bold', shade: boolean) => {
    if (doc.y + rowHeight > bottom()) doc.addPage();
    const y = doc.y;
    if (shade)
      doc
        .rect(left, y - 2, width, rowHeight)
        .fill('#f0f0f0')
        .fillColor('#000000');
    doc.font(font).fontSize(8.5);
    doc.text(cells[0] ?? '', left + 3, y, { width: nameWidth - 6, lineBreak: false, ellipsis: true });
    cells.slice(1).forEach((cell, i) => {
      doc.text(cell, left + nameWidth + i * valueWidth, y, {
        width: valueWidth - 4,
        align: 'right',
        lineBreak: false,
      });
    });
    doc.x = left;
    doc.y = y + rowHeight;
  };

  for (const block of reportBlocks(view, heading.language)) {
    // A block starts on a new page rather than leave its heading alone at the foot of one.
    if (doc.y + rowHeight * 4 > bottom()) doc.addPage();
    doc.font('bold').fontSize(10.5).text(`${block.name} · ${block.code}`, left, doc.y, { width });
    doc.moveDown(0.2);
    row([w.columns.figure, w.columns.current, w.columns.previous, w.columns.lastYear], 'bold', true);
    reportFigures.forEach((figure, i) => {
      row(
        [
          w.figures[figure],
          printed(figureValue(block.figures.current, figure)),
          printed(figureValue(block.figures.previous, figure)),
          printed(figureValue(block.figures.lastYear, figure)),
        ],
        'regular',
        i % 2 === 1,
      );
    });
    doc.moveDown(0.8);
  }
  doc.end();
  return done;
}
