import type { AnswerLanguage } from '../../contracts/enums.ts';

// What the intake answers to an e-mail, per language. Pure: no I/O, so every wording is tested on its own.
// Unlike the outbox's notices, the reply to a new appeal carries the access code: it goes only to the
// address the appeal came from, once, as the answer to that very mail — the same as the portal showing
// the code to the person who just sent the form.

/** The languages replies are written in: every language an answer may be given in. */
export type ReplyLanguage = AnswerLanguage;

/** What the reply may mention. */
export type ReplyFacts =
  | {
      kind: 'registered';
      number: string;
      accessCode: string;
      /** The legal deadline, YYYY-MM-DD (Tashkent). */
      dueOn: string;
      /** What the law needs and the mail lacked. */
      missing: ('name' | 'address')[];
      /** Files left out: not of an accepted type, or over the count. */
      refusedFiles: string[];
      trackingUrl: string | null;
    }
  | { kind: 'added'; number: string; refusedFiles: string[] };

/** A reply ready to send: subject, plain text and the same as simple HTML. */
export interface ReplyText {
  subject: string;
  text: string;
  html: string;
}

interface Wording {
  subjectRegistered: (number: string) => string;
  subjectAdded: (number: string) => string;
  registered: (number: string) => string;
  number: string;
  accessCode: string;
  due: (day: string) => string;
  keepCode: string;
  askName: string;
  askAddress: string;
  askBoth: string;
  withoutThem: string;
  added: (number: string) => string;
  refused: string;
  accepted: string;
  track: string;
}

const uz: Wording = {
  subjectRegistered: (n) => `Murojaat ${n} roʻyxatga olindi`,
  subjectAdded: (n) => `Murojaat ${n}: xabaringiz qoʻshildi`,
  registered: (n) => `Murojaatingiz ${n} raqami bilan roʻyxatga olindi.`,
  number: 'Raqam',
  accessCode: 'Kirish kodi',
  due: (d) => `Javob muddati: ${d}.`,
  keepCode: 'Kodni saqlang: raqam bilan birga u murojaatingiz holatini koʻrsatadi. Uni hech kimga bermang.',
  askName: 'Qonun murojaatchining familiyasi, ismi va otasining ismini talab qiladi.',
  askAddress: 'Qonun murojaatchining yashash joyi (manzili)ni talab qiladi.',
  askBoth: 'Qonun murojaatchining familiyasi, ismi, otasining ismi va yashash joyi (manzili)ni talab qiladi.',
  withoutThem:
    'Iltimos, ularni shu xatga javob qilib yuboring (mavzuda raqam qolsin). Ularsiz murojaat anonim deb koʻrib chiqilmasdan qolishi mumkin.',
  added: (n) => `Xabaringiz va fayllaringiz ${n} raqamli murojaatga qoʻshildi.`,
  refused:
    'Quyidagi fayllar qabul qilinmadi (turi ruxsat etilmagan yoki fayllar soni koʻp): ular murojaatga qoʻshilmadi.',
  accepted: 'Qabul qilinadi: rasmlar, PDF, ofis hujjatlari va ovozli yozuvlar, 10 MB gacha, 5 tagacha.',
  track: 'Holatini kuzatish',
};

const oz: Wording = {
  subjectRegistered: (n) => `Мурожаат ${n} рўйхатга олинди`,
  subjectAdded: (n) => `Мурожаат ${n}: хабарингиз қўшилди`,
  registered: (n) => `Мурожаатингиз ${n} рақами билан рўйхатга олинди.`,
  number: 'Рақам',
  accessCode: 'Кириш коди',
  due: (d) => `Жавоб муддати: ${d}.`,
  keepCode: 'Кодни сақланг: рақам билан бирга у мурожаатингиз ҳолатини кўрсатади. Уни ҳеч кимга берманг.',
  askName: 'Қонун мурожаатчининг фамилияси, исми ва отасининг исмини талаб қилади.',
  askAddress: 'Қонун мурожаатчининг яшаш жойи (манзили)ни талаб қилади.',
  askBoth: 'Қонун мурожаатчининг фамилияси, исми, отасининг исми ва яшаш жойи (манзили)ни талаб қилади.',
  withoutThem:
    'Илтимос, уларни шу хатга жавоб қилиб юборинг (мавзуда рақам қолсин). Уларсиз мурожаат аноним деб кўриб чиқилмасдан қолиши мумкин.',
  added: (n) => `Хабарингиз ва файлларингиз ${n} рақамли мурожаатга қўшилди.`,
  refused:
    'Қуйидаги файллар қабул қилинмади (тури рухсат этилмаган ёки файллар сони кўп): улар мурожаатга қўшилмади.',
  accepted: 'Қабул қилинади: расмлар, PDF, офис ҳужжатлари ва овозли ёзувлар, 10 МБ гача, 5 тагача.',
  track: 'Ҳолатини кузатиш',
};

const ru: Wording = {
  subjectRegistered: (n) => `Обращение ${n} зарегистрировано`,
  subjectAdded: (n) => `Обращение ${n}: ваше сообщение добавлено`,
  registered: (n) => `Ваше обращение зарегистрировано под номером ${n}.`,
  number: 'Номер',
  accessCode: 'Код доступа',
  due: (d) => `Срок ответа: ${d}.`,
  keepCode: 'Сохраните код: вместе с номером он открывает статус вашего обращения. Никому его не сообщайте.',
  askName: 'Закон требует указать фамилию, имя и отчество заявителя.',
  askAddress: 'Закон требует указать место жительства (адрес) заявителя.',
  askBoth: 'Закон требует указать фамилию, имя, отчество и место жительства (адрес) заявителя.',
  withoutThem:
    'Пожалуйста, пришлите их ответом на это письмо (номер в теме оставьте). Без них обращение может быть оставлено без рассмотрения как анонимное.',
  added: (n) => `Ваше сообщение и файлы добавлены к обращению ${n}.`,
  refused: 'Эти файлы не приняты (недопустимый тип или слишком много файлов) и к обращению не добавлены:',
  accepted: 'Принимаются: изображения, PDF, офисные документы и голосовые записи, до 10 МБ, не больше 5.',
  track: 'Статус обращения',
};

const en: Wording = {
  subjectRegistered: (n) => `Appeal ${n} registered`,
  subjectAdded: (n) => `Appeal ${n}: your message was added`,
  registered: (n) => `Your appeal is registered under number ${n}.`,
  number: 'Number',
  accessCode: 'Access code',
  due: (d) => `Answer due by ${d}.`,
  keepCode: 'Keep the code: with the number it shows your appeal. Do not give it to anyone.',
  askName: 'The law requires the applicant’s surname, first name and patronymic.',
  askAddress: 'The law requires the applicant’s place of residence (address).',
  askBoth:
    'The law requires the applicant’s surname, first name, patronymic and place of residence (address).',
  withoutThem:
    'Please send them as a reply to this mail (keep the number in the subject). Without them the appeal may be left unconsidered as anonymous.',
  added: (n) => `Your message and files were added to appeal ${n}.`,
  refused: 'These files were not accepted (type not allowed, or too many files) and were left out:',
  accepted: 'Accepted: images, PDF, office documents and voice recordings, up to 10 MB each, at most 5.',
  track: 'Track your appeal',
};

// Karakalpak, Latin script of 2016: awaiting review by a native speaker (docs/karakalpak.md).
const kaa: Wording = {
  subjectRegistered: (n) => `Murájat ${n} dizimge alındı`,
  subjectAdded: (n) => `Murájat ${n}: xabarıńız qosıldı`,
  registered: (n) => `Murájatıńız ${n} nomeri menen dizimge alındı.`,
  number: 'Nomer',
  accessCode: 'Kiriw kodı',
  due: (d) => `Juwap múddeti: ${d}.`,
  keepCode: 'Kodtı saqlań: nomer menen birge ol murájatıńızdıń jaǵdayın kórsetedi. Onı hesh kimge bermeń.',
  askName: 'Nızam murájat etiwshiniń familiyasın, atın hám ákesiniń atın talap etedi.',
  askAddress: 'Nızam murájat etiwshiniń jasaw ornın (mánzilin) talap etedi.',
  askBoth:
    'Nızam murájat etiwshiniń familiyasın, atın, ákesiniń atın hám jasaw ornın (mánzilin) talap etedi.',
  withoutThem:
    'Ótinish, olardı usı xatqa juwap retinde jiberiń (temada nomer qalsın). Olarsız murájat anonim dep kórip shıǵılmastan qalıwı múmkin.',
  added: (n) => `Xabarıńız hám fayllarıńız ${n} nomerli murájatqa qosıldı.`,
  refused:
    'Tómendegi fayllar qabıl etilmedi (túrine ruqsat etilmegen yamasa fayllar sanı kóp): olar murájatqa qosılmadı.',
  accepted:
    'Qabıl etiledi: súwretler, PDF, ofis hújjetleri hám dawıs jazbaları, hár biri kóbi menen 10 MB, kóbi menen 5.',
  track: 'Jaǵdayın baqlaw',
};

const wordings: Record<ReplyLanguage, Wording> = { uz, oz, ru, en, kaa };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Composes the reply to a mail: the new appeal's number and access code, or that a message was added. */
export function composeReply(facts: ReplyFacts, language: ReplyLanguage): ReplyText {
  const w = wordings[language];
  const paragraphs: string[][] = [];
  if (facts.kind === 'registered') {
    paragraphs.push([w.registered(facts.number)]);
    paragraphs.push([
      `${w.number}: ${facts.number}`,
      `${w.accessCode}: ${facts.accessCode}`,
      w.due(facts.dueOn),
    ]);
    paragraphs.push([w.keepCode]);
    const { missing } = facts;
    if (missing.length > 0) {
      const ask = missing.length === 2 ? w.askBoth : missing[0] === 'name' ? w.askName : w.askAddress;
      paragraphs.push([ask, w.withoutThem]);
    }
  } else {
    paragraphs.push([w.added(facts.number)]);
  }
  if (facts.refusedFiles.length > 0) {
    paragraphs.push([w.refused, ...facts.refusedFiles.map((name) => `- ${name}`), w.accepted]);
  }
  if (facts.kind === 'registered' && facts.trackingUrl) paragraphs.push([`${w.track}: ${facts.trackingUrl}`]);
  return {
    subject: facts.kind === 'registered' ? w.subjectRegistered(facts.number) : w.subjectAdded(facts.number),
    text: `${paragraphs.map((p) => p.join('\n')).join('\n\n')}\n`,
    html: paragraphs.map((p) => `<p>${p.map(escapeHtml).join('<br>')}</p>`).join('\n'),
  };
}
