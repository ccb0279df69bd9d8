import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { TrackedAppeal } from '../contracts/appeal.schema.ts';
import type { CitizenLanguage } from '../contracts/enums.ts';
import { drawQr } from '../server/templates/pdf-qr.ts';
import { formatDay, formatInstant, messagesFor, tashkentDay } from './i18n/index.ts';

// Receipts and answers as PDF, drawn with DejaVu Sans (Cyrillic, oʻ/gʻ and ʼ need a real font; nothing is
// fetched from the network) and a QR code drawn as vector squares.

const require = createRequire(import.meta.url);
const fontFolder = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const fonts = {
  regular: path.join(fontFolder, 'DejaVuSans.ttf'),
  bold: path.join(fontFolder, 'DejaVuSans-Bold.ttf'),
  mono: path.join(fontFolder, 'DejaVuSansMono-Bold.ttf'),
};

const MARGIN = 56;

function newDocument(language: CitizenLanguage, title: string, number: string): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: title, Subject: number, Creator: 'Murojaat' },
    lang: messagesFor(language).htmlLang,
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.registerFont('mono', fonts.mono);
  return doc;
}

function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

function header(doc: PDFKit.PDFDocument, language: CitizenLanguage, title: string): void {
  const m = messagesFor(language);
  doc.font('bold').fontSize(11).fillColor('#0a2f52').text(`${m.site.name} — ${m.site.tagline}`);
  doc.moveDown(0.8);
  doc.font('bold').fontSize(17).fillColor('#000').text(title);
  doc.moveDown(0.8);
}

function row(doc: PDFKit.PDFDocument, label: string, value: string, width: number, big = false): void {
  doc.font('regular').fontSize(10).fillColor('#444').text(label, { width });
  if (big) doc.font('mono').fontSize(20).fillColor('#000').text(value, { width, characterSpacing: 2 });
  else doc.font('bold').fontSize(12).fillColor('#000').text(value, { width });
  doc.moveDown(0.5);
}

/** What the receipt shows. */
export interface ReceiptInput {
  language: CitizenLanguage;
  appeal: TrackedAppeal;
  accessCode: string;
  /** The tracking page's address (without the code). */
  trackUrl: string;
  issuedAt: Date;
}

/** The receipt: number, access code, dates, and a QR code of the tracking link. */
export function receiptPdf(input: ReceiptInput): Promise<Buffer> {
  const m = messagesFor(input.language);
  const { appeal, language } = input;
  const doc = newDocument(language, `${m.pdf.receiptTitle} ${appeal.number}`, appeal.number);
  header(doc, language, m.pdf.receiptTitle);
  const top = doc.y;
  const qrSize = 150;
  const textWidth = doc.page.width - MARGIN * 2 - qrSize - 20;
  row(doc, m.done.numberLabel, appeal.number, textWidth, true);
  row(doc, m.done.codeLabel, input.accessCode, textWidth, true);
  row(doc, m.track.type, m.types[appeal.type].name, textWidth);
  row(doc, m.track.received, formatInstant(language, appeal.receivedAt), textWidth);
  row(doc, m.track.due, formatDay(language, tashkentDay(appeal.dueAt)), textWidth);
  // The code rides after "#": a phone opening the link fills it in, and it never reaches a server log.
  drawQr(doc, `${input.trackUrl}#code=${input.accessCode}`, doc.page.width - MARGIN - qrSize, top, qrSize);
  doc
    .font('regular')
    .fontSize(9)
    .fillColor('#444')
    .text(m.pdf.qrHint, doc.page.width - MARGIN - qrSize, top + qrSize + 4, {
      width: qrSize,
      align: 'center',
    });
  doc.x = MARGIN;
  doc.y = Math.max(doc.y, top + qrSize + 40);
  doc.moveDown(0.5);
  doc.font('regular').fontSize(11).fillColor('#000').text(m.pdf.trackAt);
  doc.font('bold').fillColor('#0b4f8a').text(input.trackUrl, { link: input.trackUrl, underline: true });
  doc.moveDown(0.8);
  doc.font('bold').fillColor('#b10e1e').text(m.pdf.keepSecret);
  doc.moveDown(0.8);
  doc
    .font('regular')
    .fillColor('#000')
    .text(m.done.answer(formatDay(language, tashkentDay(appeal.dueAt))));
  doc.moveDown(1.5);
  doc
    .fontSize(9)
    .fillColor('#444')
    .text(m.pdf.issued(formatInstant(language, input.issuedAt)));
  return finish(doc);
}
