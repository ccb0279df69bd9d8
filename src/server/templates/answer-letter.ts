import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { AnswerLanguage, Outcome } from '../../contracts/enums.ts';
import { drawQr } from './pdf-qr.ts';

const require = createRequire(import.meta.url);
const regularFont = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const boldFont = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/** Everything printed on an answer letter. */
export interface AnswerLetter {
  language: AnswerLanguage;
  number: string;
  receivedOn: string;
  /** The day the letter is dated (approval, or today for a draft). */
  date: string;
  approved: boolean;
  kind: 'answer' | 'conclusion';
  outcome: Outcome | null;
  body: string;
  /** The body (department, directorate or ministry) whose letterhead it is, and the unit that answered. */
  bodyName: string;
  unitName: string | null;
  requisites: { address: string; phone: string; email: string; website: string };
  addressee: { name: string; address: string } | null;
  signedBy: string | null;
  /** File names sent with the answer, listed under the text. */
  enclosures: string[];
  executor: string | null;
  trackingUrl: string | null;
  /** The code anyone holding the letter can check on the portal, and the address that checks it (QR). */
  verification: { code: string; url: string | null } | null;
}

interface Words {
  ministry: string;
  title: Record<'answer' | 'conclusion', string>;
  regarding: (number: string, receivedOn: string) => string;
  outcome: string;
  outcomes: Record<Outcome, string>;
  rights: string;
  head: string;
  executor: string;
  enclosures: string;
  draft: string;
  tracking: string;
  number: string;
  date: string;
  verify: (code: string) => string;
}

const uz: Words = {
  ministry: 'OʻZBEKISTON RESPUBLIKASI ICHKI ISHLAR VAZIRLIGI',
  title: { answer: 'Murojaatingizga javob', conclusion: 'Murojaatni koʻrib chiqmaslik toʻgʻrisida xulosa' },
  regarding: (n, d) => `${d}-yildagi ${n}-sonli murojaatingiz boʻyicha`,
  outcome: 'Natija',
  outcomes: { satisfied: 'qanoatlantirildi', explained: 'tushuntirish berildi', rejected: 'rad etildi' },
  rights:
    'Ushbu javobga rozi boʻlmasangiz, uni olgan kundan boshlab bir yil ichida yuqori turuvchi organga yoki sudga shikoyat qilishingiz mumkin.',
  head: 'Rahbar',
  executor: 'Ijrochi',
  enclosures: 'Ilova',
  draft: 'LOYIHA',
  tracking: 'Murojaat holatini raqami va maxfiy kodi bilan kuzating',
  number: 'Chiqish raqami',
  date: 'Sana',
  verify: (code) =>
    `Xat haqiqiyligini tekshirish uchun portalning «Xat haqiqiyligini tekshirish» sahifasida murojaat raqami va ushbu kodni kiriting: ${code}`,
};

// Karakalpak, Latin script of 2016 (capital ı is Í): awaiting review by a native speaker (docs/karakalpak.md).
const kaa: Words = {
  ministry: 'ÓZBEKSTAN RESPUBLIKASÍ ISHKI ISLER MINISTRLIGI',
  title: { answer: 'Murájatıńızǵa juwap', conclusion: 'Murájattı kórip shıqpaw haqqında juwmaq' },
  regarding: (n, d) => `${d}-jıldaǵı ${n} nomerli murájatıńız boyınsha`,
  outcome: 'Nátiyje',
  outcomes: {
    satisfied: 'qanaatlandırıldı',
    explained: 'túsindirme berildi',
    rejected: 'qanaatlandırılmadı',
  },
  rights:
    'Bul juwapqa razı bolmasańız, onı alǵan kúnnen baslap bir jıl ishinde joqarı turatuǵın organǵa yamasa sudqa shaǵım etiwińiz múmkin.',
  head: 'Basshı',
  executor: 'Orınlawshı',
  enclosures: 'Qosımsha',
  draft: 'JOYBAR',
  tracking: 'Murájattıń jaǵdayın nomeri hám jasırın kodı menen baqlań',
  number: 'Shıǵıs nomeri',
  date: 'Sáne',
  verify: (code) =>
    `Xattıń haqıyqıylıǵın tekseriw ushın portaldıń «Xattıń haqıyqıylıǵın tekseriw» betinde murájat nomerin hám usı kodtı kiritiń: ${code}`,
};

const words: Record<AnswerLanguage, Words> = {
  uz,
  kaa,
  oz: {
    ministry: 'ЎЗБЕКИСТОН РЕСПУБЛИКАСИ ИЧКИ ИШЛАР ВАЗИРЛИГИ',
    title: { answer: 'Мурожаатингизга жавоб', conclusion: 'Мурожаатни кўриб чиқмаслик тўғрисида хулоса' },
    regarding: (n, d) => `${d} йилдаги ${n}-сонли мурожаатингиз бўйича`,
    outcome: 'Натижа',
    outcomes: { satisfied: 'қаноатлантирилди', explained: 'тушунтириш берилди', rejected: 'рад этилди' },
    rights:
      'Ушбу жавобга рози бўлмасангиз, уни олган кундан бошлаб бир йил ичида юқори турувчи органга ёки судга шикоят қилишингиз мумкин.',
    head: 'Раҳбар',
    executor: 'Ижрочи',
    enclosures: 'Илова',
    draft: 'ЛОЙИҲА',
    tracking: 'Мурожаат ҳолатини рақами ва махфий коди билан кузатинг',
    number: 'Чиқиш рақами',
    date: 'Сана',
    verify: (code) =>
      `Хат ҳақиқийлигини текшириш учун порталнинг «Хат ҳақиқийлигини текшириш» саҳифасида мурожаат рақами ва ушбу кодни киритинг: ${code}`,
  },
  ru: {
    ministry: 'МИНИСТЕРСТВО ВНУТРЕННИХ ДЕЛ РЕСПУБЛИКИ УЗБЕКИСТАН',
    title: {
      answer: 'Ответ на обращение',
      conclusion: 'Заключение об оставлении обращения без рассмотрения',
    },
    regarding: (n, d) => `На ваше обращение № ${n} от ${d}`,
    outcome: 'Результат',
    outcomes: { satisfied: 'удовлетворено', explained: 'дано разъяснение', rejected: 'отказано' },
    rights:
      'Если вы не согласны с ответом, вы можете обжаловать его в вышестоящий орган или в суд в течение одного года со дня его получения.',
    head: 'Руководитель',
    executor: 'Исполнитель',
    enclosures: 'Приложение',
    draft: 'ПРОЕКТ',
    tracking: 'Следите за обращением по его номеру и секретному коду',
    number: 'Исходящий номер',
    date: 'Дата',
    verify: (code) =>
      `Подлинность письма можно проверить на портале, на странице «Проверка подлинности письма», по номеру обращения и коду: ${code}`,
  },
  en: {
    ministry: 'MINISTRY OF INTERNAL AFFAIRS OF THE REPUBLIC OF UZBEKISTAN',
    title: { answer: 'Answer to your appeal', conclusion: 'Conclusion: the appeal is not considered' },
    regarding: (n, d) => `Regarding your appeal ${n} of ${d}`,
    outcome: 'Outcome',
    outcomes: { satisfied: 'granted', explained: 'explained', rejected: 'refused' },
    rights:
      'If you disagree with this answer, you may complain to a higher body or to a court within one year of receiving it.',
    head: 'Head',
    executor: 'Prepared by',
    enclosures: 'Enclosures',
    draft: 'DRAFT',
    tracking: 'Follow the appeal with its number and secret code',
    number: 'Reference',
    date: 'Date',
    verify: (code) =>
      `To check that this letter is genuine, enter the appeal number and this code on the portal’s “Check that a letter is genuine” page: ${code}`,
  },
};

const englishMonths = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A day as the letter prints it: DD.MM.YYYY, as official letters in Uzbekistan write it; in English the
 * month in words, since 03.12.2026 reads as 12 March to many English readers.
 */
export function printedDay(day: string, language: AnswerLanguage): string {
  const [y = '', m = '', d = ''] = day.split('-');
  if (language === 'en') return `${Number(d)} ${englishMonths[Number(m) - 1] ?? m} ${y}`;
  return `${d}.${m}.${y}`;
}

/** Renders the letter the applicant receives, on the body's letterhead, as an A4 PDF. */
export function renderAnswerLetter(letter: AnswerLetter): Promise<Buffer> {
  const w = words[letter.language];
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 70, right: 56 },
    info: { Title: `${w.title[letter.kind]} — ${letter.number}`, Author: letter.bodyName },
  });
  doc.registerFont('regular', regularFont);
  doc.registerFont('bold', boldFont);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;

  if (!letter.approved) {
    doc.save();
    doc.rotate(-35, { origin: [doc.page.width / 2, doc.page.height / 2] });
    doc
      .font('bold')
      .fontSize(96)
      .fillColor('#e6e6e6')
      .text(w.draft, 0, doc.page.height / 2 - 60, { width: doc.page.width, align: 'center' });
    doc.restore();
  }

  doc.fillColor('#000000').font('bold').fontSize(11).text(w.ministry, left, 56, { width, align: 'center' });
  doc.moveDown(0.2).fontSize(12).text(letter.bodyName, { width, align: 'center' });
  if (letter.unitName) doc.font('regular').fontSize(10).text(letter.unitName, { width, align: 'center' });
  const requisites = [
    letter.requisites.address,
    letter.requisites.phone,
    letter.requisites.email,
    letter.requisites.website,
  ].filter(Boolean);
  if (requisites.length > 0) {
    doc.moveDown(0.3).font('regular').fontSize(8.5).fillColor('#333333');
    doc.text(requisites.join('  ·  '), { width, align: 'center' });
  }
  doc.moveDown(0.4);
  const ruleY = doc.y;
  doc
    .moveTo(left, ruleY)
    .lineTo(left + width, ruleY)
    .lineWidth(1.2)
    .strokeColor('#000000')
    .stroke();
  doc
    .moveTo(left, ruleY + 2.5)
    .lineTo(left + width, ruleY + 2.5)
    .lineWidth(0.4)
    .stroke();

  const top = ruleY + 16;
  doc.fillColor('#000000').font('regular').fontSize(10);
  doc.text(`${w.number}: ${letter.number}`, left, top, { width: width / 2 });
  doc.text(`${w.date}: ${printedDay(letter.date, letter.language)}`, { width: width / 2 });
  if (letter.addressee) {
    doc.font('bold').text(letter.addressee.name, left + width / 2, top, { width: width / 2, align: 'right' });
    doc.font('regular').text(letter.addressee.address, { width: width / 2, align: 'right' });
  }
  doc.x = left;
  doc.moveDown(2);
  doc.font('bold').fontSize(13).text(w.title[letter.kind], left, doc.y, { width, align: 'center' });
  doc
    .font('regular')
    .fontSize(10)
    .text(w.regarding(letter.number, printedDay(letter.receivedOn, letter.language)), {
      width,
      align: 'center',
    });
  doc.moveDown(1.2);
  // Blank lines between paragraphs become the paragraph gap, not an empty line and a gap.
  const paragraphs = letter.body.replace(/\r\n/g, '\n').replace(/\n{2,}/g, '\n');
  doc
    .fontSize(11.5)
    .text(paragraphs, left, doc.y, { width, align: 'justify', lineGap: 2.5, paragraphGap: 8 });
  if (letter.outcome) {
    doc.moveDown(0.8).font('bold').text(`${w.outcome}: `, { continued: true });
    doc.font('regular').text(w.outcomes[letter.outcome]);
  }
  if (letter.enclosures.length > 0) {
    doc.moveDown(0.8).font('bold').text(`${w.enclosures}:`, { width });
    letter.enclosures.forEach((name, i) => {
      doc.font('regular').text(`${i + 1}. ${name}`, { width });
    });
  }
  doc.moveDown(1).fontSize(9.5).fillColor('#333333').text(w.rights, { width });
  doc.moveDown(2).fillColor('#000000').fontSize(11);
  if (letter.signedBy) doc.font('bold').text(`${w.head}: ${letter.signedBy}`, { width });
  if (letter.executor) doc.font('regular').fontSize(9.5).text(`${w.executor}: ${letter.executor}`, { width });
  if (letter.verification) {
    const qrSize = 64;
    doc.moveDown(1.2);
    const y = doc.y;
    if (letter.verification.url) drawQr(doc, letter.verification.url, left, y, qrSize);
    const textLeft = letter.verification.url ? left + qrSize + 10 : left;
    doc
      .font('regular')
      .fontSize(9)
      .fillColor('#000000')
      .text(w.verify(letter.verification.code), textLeft, y + (letter.verification.url ? 14 : 0), {
        width: width - (textLeft - left),
      });
    if (letter.verification.url)
      doc
        .fontSize(8)
        .fillColor('#555555')
        .text(letter.verification.url, { width: width - (textLeft - left) });
    doc.x = left;
    doc.y = Math.max(doc.y, y + (letter.verification.url ? qrSize : 0));
  }
  if (letter.trackingUrl) {
    doc
      .moveDown(1.5)
      .fontSize(8.5)
      .fillColor('#555555')
      .text(`${w.tracking}: ${letter.trackingUrl}`, { width });
  }
  doc.end();
  return done;
}
