import type { AnswerLanguage } from '../../contracts/enums.ts';

// What a notice says, per template and language. Pure: no I/O, so every wording is tested on its own.
// The access code is a secret that opens the appeal: no notice ever carries it, on any channel, because an
// SMS or a mailbox may be read by someone else.

/** The facts a notice may mention; nothing else about the appeal reaches a notice. */
export interface NoticeFacts {
  template: string;
  language: AnswerLanguage;
  number: string;
  /** The portal's tracking page for this appeal, when PUBLIC_URL is configured. */
  trackingUrl: string | null;
  /** The new legal deadline (YYYY-MM-DD), for an extension or a proposal that needs study. */
  dueOn: string | null;
  /** The body the appeal was forwarded to, as staff wrote it. */
  forwardedTo: string | null;
  /** True when the answer letter travels with the notice (e-mail). */
  withLetter: boolean;
}

/** A notice ready for a channel: the subject, plain text and HTML of an e-mail, and the short SMS. */
export interface NoticeText {
  subject: string;
  text: string;
  html: string;
  sms: string;
}

type Sentence = (f: NoticeFacts, due: string) => string;

interface Wording {
  appeal: string;
  titles: Record<string, string>;
  sentences: Record<string, Sentence>;
  changed: Sentence;
  /** A public step of the appeal's history, for channels that hear of every step (Telegram). */
  events: Record<NoticeEvent, string>;
  track: string;
  letterAttached: string;
}

/**
 * Public history steps pushed to a chat as they happen (template `event:<name>`): the citizen who chose
 * Telegram hears of each step, not only of the notices the law requires.
 */
export const noticeEvents = [
  'routed',
  'routed_urgent',
  'routed_officer_complaint',
  'accepted',
  'info_requested',
  'extra_study_recorded',
  'grouped',
] as const;
export type NoticeEvent = (typeof noticeEvents)[number];

const templates = [
  'registered',
  'urgent-received',
  'forwarded',
  'deadline-extended',
  'answered',
  'not-considered',
  'proposal-needs-study',
  'channel-changed',
] as const;

const uz: Wording = {
  appeal: 'Murojaat',
  titles: {
    registered: 'roʻyxatga olindi',
    'urgent-received': 'shoshilinch',
    forwarded: 'yuborildi',
    'deadline-extended': 'muddat uzaytirildi',
    answered: 'javob tayyor',
    'not-considered': 'koʻrib chiqilmadi',
    'proposal-needs-study': 'qoʻshimcha oʻrganish',
    'channel-changed': 'xabarlar Telegramga',
  },
  sentences: {
    registered: (f) => `Murojaatingiz ${f.number} raqami bilan roʻyxatga olindi.`,
    'urgent-received': (f) =>
      `Murojaatingiz ${f.number} shoshilinch deb belgilandi va birinchi navbatda koʻriladi. Hayotga xavf boʻlsa, 102 yoki 112 ga qoʻngʻiroq qiling.`,
    forwarded: (f) =>
      `Murojaatingiz ${f.number} vakolatli organga yuborildi${f.forwardedTo ? `: ${f.forwardedTo}` : ''}.`,
    'deadline-extended': (f, due) =>
      `Murojaatingiz ${f.number} boʻyicha koʻrib chiqish muddati ${due}-yilgacha uzaytirildi.`,
    answered: (f) => `Murojaatingiz ${f.number} boʻyicha javob tayyor.`,
    'not-considered': (f) =>
      `Murojaatingiz ${f.number} koʻrib chiqilmasdan qoldirildi. Sababi xatda koʻrsatilgan.`,
    'proposal-needs-study': (f, due) =>
      `Taklifingiz ${f.number} qoʻshimcha oʻrganishni talab qiladi; koʻrib chiqish muddati ${due}-yilgacha.`,
    'channel-changed': (f) =>
      `Murojaatingiz ${f.number} boʻyicha xabarlar bundan buyon Telegram chatiga yuboriladi: bu murojaat raqami va kirish kodi bilan soʻraldi. Agar bu siz boʻlmasangiz, 1102 ishonch telefoniga qoʻngʻiroq qiling.`,
  },
  changed: (f) => `Murojaatingiz ${f.number} holati oʻzgardi.`,
  events: {
    routed: 'masʼul boʻlinmaga yuborildi.',
    routed_urgent: 'shoshilinch: navbatchi qismga yuborildi.',
    routed_officer_complaint:
      'xodim ustidan shikoyat sifatida bunday shikoyatlarni koʻruvchi boʻlinmaga yuborildi.',
    accepted: 'xodim ish boshladi.',
    info_requested: 'qoʻshimcha maʼlumot soʻraldi.',
    extra_study_recorded: 'qoʻshimcha oʻrganish uchun muddat bir oygacha uzaytirildi.',
    grouped: 'bir xil murojaatlar bilan birga koʻrib chiqilmoqda: javobni siz ham olasiz.',
  },
  track: 'Holatini kuzatish',
  letterAttached: 'Javob xati ilova qilingan.',
};

const oz: Wording = {
  appeal: 'Мурожаат',
  titles: {
    registered: 'рўйхатга олинди',
    'urgent-received': 'шошилинч',
    forwarded: 'юборилди',
    'deadline-extended': 'муддат узайтирилди',
    answered: 'жавоб тайёр',
    'not-considered': 'кўриб чиқилмади',
    'proposal-needs-study': 'қўшимча ўрганиш',
    'channel-changed': 'хабарлар Telegramга',
  },
  sentences: {
    registered: (f) => `Мурожаатингиз ${f.number} рақами билан рўйхатга олинди.`,
    'urgent-received': (f) =>
      `Мурожаатингиз ${f.number} шошилинч деб белгиланди ва биринчи навбатда кўрилади. Ҳаётга хавф бўлса, 102 ёки 112 га қўнғироқ қилинг.`,
    forwarded: (f) =>
      `Мурожаатингиз ${f.number} ваколатли органга юборилди${f.forwardedTo ? `: ${f.forwardedTo}` : ''}.`,
    'deadline-extended': (f, due) =>
      `Мурожаатингиз ${f.number} бўйича кўриб чиқиш муддати ${due} йилгача узайтирилди.`,
    answered: (f) => `Мурожаатингиз ${f.number} бўйича жавоб тайёр.`,
    'not-considered': (f) =>
      `Мурожаатингиз ${f.number} кўриб чиқилмасдан қолдирилди. Сабаби хатда кўрсатилган.`,
    'proposal-needs-study': (f, due) =>
      `Таклифингиз ${f.number} қўшимча ўрганишни талаб қилади; кўриб чиқиш муддати ${due} йилгача.`,
    'channel-changed': (f) =>
      `Мурожаатингиз ${f.number} бўйича хабарлар бундан буён Telegram чатига юборилади: бу мурожаат рақами ва кириш коди билан сўралди. Агар бу сиз бўлмасангиз, 1102 ишонч телефонига қўнғироқ қилинг.`,
  },
  changed: (f) => `Мурожаатингиз ${f.number} ҳолати ўзгарди.`,
  events: {
    routed: 'масъул бўлинмага юборилди.',
    routed_urgent: 'шошилинч: навбатчи қисмга юборилди.',
    routed_officer_complaint: 'ходим устидан шикоят сифатида бундай шикоятларни кўрувчи бўлинмага юборилди.',
    accepted: 'ходим иш бошлади.',
    info_requested: 'қўшимча маълумот сўралди.',
    extra_study_recorded: 'қўшимча ўрганиш учун муддат бир ойгача узайтирилди.',
    grouped: 'бир хил мурожаатлар билан бирга кўриб чиқилмоқда: жавобни сиз ҳам оласиз.',
  },
  track: 'Ҳолатини кузатиш',
  letterAttached: 'Жавоб хати илова қилинган.',
};

const ru: Wording = {
  appeal: 'Обращение',
  titles: {
    registered: 'зарегистрировано',
    'urgent-received': 'срочное',
    forwarded: 'направлено по компетенции',
    'deadline-extended': 'срок продлён',
    answered: 'ответ готов',
    'not-considered': 'оставлено без рассмотрения',
    'proposal-needs-study': 'дополнительное изучение',
    'channel-changed': 'уведомления в Telegram',
  },
  sentences: {
    registered: (f) => `Ваше обращение зарегистрировано под номером ${f.number}.`,
    'urgent-received': (f) =>
      `Ваше обращение ${f.number} отмечено как срочное и рассматривается в первую очередь. При угрозе жизни звоните 102 или 112.`,
    forwarded: (f) =>
      `Ваше обращение ${f.number} направлено по компетенции${f.forwardedTo ? `: ${f.forwardedTo}` : ''}.`,
    'deadline-extended': (f, due) => `Срок рассмотрения обращения ${f.number} продлён до ${due}.`,
    answered: (f) => `По вашему обращению ${f.number} готов ответ.`,
    'not-considered': (f) =>
      `Ваше обращение ${f.number} оставлено без рассмотрения. Причина указана в письме.`,
    'proposal-needs-study': (f, due) =>
      `Ваше предложение ${f.number} требует дополнительного изучения; срок рассмотрения — до ${due}.`,
    'channel-changed': (f) =>
      `Уведомления по вашему обращению ${f.number} теперь приходят в чат Telegram: об этом попросили, указав номер обращения и код доступа. Если это были не вы, позвоните на телефон доверия 1102.`,
  },
  changed: (f) => `Статус обращения ${f.number} изменился.`,
  events: {
    routed: 'передано в ответственное подразделение.',
    routed_urgent: 'срочное: передано в дежурную часть.',
    routed_officer_complaint:
      'как жалоба на сотрудника передано в подразделение, которое рассматривает такие жалобы.',
    accepted: 'сотрудник приступил к работе.',
    info_requested: 'запрошена дополнительная информация.',
    extra_study_recorded: 'срок продлён до одного месяца для дополнительного изучения.',
    grouped: 'рассматривается вместе с такими же обращениями: ответ получите и вы.',
  },
  track: 'Статус обращения',
  letterAttached: 'Письмо с ответом приложено.',
};

const en: Wording = {
  appeal: 'Appeal',
  titles: {
    registered: 'registered',
    'urgent-received': 'urgent',
    forwarded: 'forwarded',
    'deadline-extended': 'deadline extended',
    answered: 'answer ready',
    'not-considered': 'not considered',
    'proposal-needs-study': 'further study',
    'channel-changed': 'notices to Telegram',
  },
  sentences: {
    registered: (f) => `Your appeal has been registered under number ${f.number}.`,
    'urgent-received': (f) =>
      `Your appeal ${f.number} is marked urgent and is handled first. If a life is in danger, call 102 or 112.`,
    forwarded: (f) =>
      `Your appeal ${f.number} has been forwarded to the competent body${f.forwardedTo ? `: ${f.forwardedTo}` : ''}.`,
    'deadline-extended': (f, due) => `The deadline for your appeal ${f.number} has been extended to ${due}.`,
    answered: (f) => `The answer to your appeal ${f.number} is ready.`,
    'not-considered': (f) =>
      `Your appeal ${f.number} has been left without consideration. The reason is given in the letter.`,
    'proposal-needs-study': (f, due) =>
      `Your proposal ${f.number} needs further study; it will be considered by ${due}.`,
    'channel-changed': (f) =>
      `Notices about your appeal ${f.number} now go to a Telegram chat: this was asked with the appeal's number and access code. If it was not you, call the trust line 1102.`,
  },
  changed: (f) => `The status of your appeal ${f.number} has changed.`,
  events: {
    routed: 'sent to the unit in charge.',
    routed_urgent: 'urgent: sent to the duty unit.',
    routed_officer_complaint:
      'sent as a complaint about an officer to the unit that examines such complaints.',
    accepted: 'an officer started work on it.',
    info_requested: 'more information was requested.',
    extra_study_recorded: 'the term was extended to one month for further study.',
    grouped: 'examined together with identical appeals: you will get the answer too.',
  },
  track: 'Track your appeal',
  letterAttached: 'The answer letter is attached.',
};

// Karakalpak, Latin script of 2016: awaiting review by a native speaker (docs/karakalpak.md).
const kaa: Wording = {
  appeal: 'Murájat',
  titles: {
    registered: 'dizimge alındı',
    'urgent-received': 'shuǵıl',
    forwarded: 'jiberildi',
    'deadline-extended': 'múddet uzaytıldı',
    answered: 'juwap tayar',
    'not-considered': 'kórip shıǵılmadı',
    'proposal-needs-study': 'qosımsha úyreniw',
    'channel-changed': 'xabarlar Telegramǵa',
  },
  sentences: {
    registered: (f) => `Murájatıńız ${f.number} nomeri menen dizimge alındı.`,
    'urgent-received': (f) =>
      `Murájatıńız ${f.number} shuǵıl dep belgilendi hám birinshi gezekte kórip shıǵıladı. Ómirge qáwip bolsa, 102 yamasa 112 ge qońıraw etiń.`,
    forwarded: (f) =>
      `Murájatıńız ${f.number} wákilikli organǵa jiberildi${f.forwardedTo ? `: ${f.forwardedTo}` : ''}.`,
    'deadline-extended': (f, due) =>
      `Murájatıńız ${f.number} boyınsha kórip shıǵıw múddeti ${due}-jılǵa shekem uzaytıldı.`,
    answered: (f) => `Murájatıńız ${f.number} boyınsha juwap tayar.`,
    'not-considered': (f) =>
      `Murájatıńız ${f.number} kórip shıǵılmastan qaldırıldı. Sebebi xatta kórsetilgen.`,
    'proposal-needs-study': (f, due) =>
      `Usınısıńız ${f.number} qosımsha úyreniwdi talap etedi; kórip shıǵıw múddeti ${due}-jılǵa shekem.`,
    'channel-changed': (f) =>
      `Murájatıńız ${f.number} boyınsha xabarlar bunnan bılay Telegram chatına jiberiledi: bul murájat nomeri hám kiriw kodı menen soraldı. Eger bul siz bolmasańız, 1102 isenim telefonına qońıraw etiń.`,
  },
  changed: (f) => `Murájatıńız ${f.number} jaǵdayı ózgerdi.`,
  events: {
    routed: 'juwapker bólimge jiberildi.',
    routed_urgent: 'shuǵıl: gezekshilik bólimine jiberildi.',
    routed_officer_complaint:
      'xızmetker ústinen shaǵım retinde bunday shaǵımlardı kóretuǵın bólimge jiberildi.',
    accepted: 'xızmetker jumıstı basladı.',
    info_requested: 'qosımsha maǵlıwmat soraldı.',
    extra_study_recorded: 'qosımsha úyreniw ushın múddet bir ayǵa shekem uzaytıldı.',
    grouped: 'birdey murájatlar menen birge kórip shıǵılıp atır: juwaptı siz de alasız.',
  },
  track: 'Jaǵdayın baqlaw',
  letterAttached: 'Juwap xatı qosıp jiberildi.',
};

const wordings: Record<AnswerLanguage, Wording> = { uz, oz, ru, en, kaa };

const htmlLanguage: Record<AnswerLanguage, string> = {
  uz: 'uz',
  oz: 'uz-Cyrl',
  ru: 'ru',
  en: 'en',
  kaa: 'kaa',
};

/** The templates the server enqueues, each with its own wording in every language. */
export const noticeTemplates: readonly string[] = [...templates, ...noticeEvents.map((e) => `event:${e}`)];

/** 2026-12-20 → 20.12.2026, as dates are written in letters in every one of our languages. */
function printedDate(day: string | null): string {
  if (!day) return '';
  const [year, month, date] = day.split('-');
  return `${date}.${month}.${year}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * SMS in Uzbek Latin with the modifier letters (ʻ ʼ) would be sent as UCS-2 at 70 characters a part;
 * the ASCII apostrophe every Uzbek phone user writes keeps it in one 160-character part.
 */
function smsSafe(text: string): string {
  return text.replace(/[ʻʼ‘’]/g, "'");
}

export const isNoticeEvent = (name: string): name is NoticeEvent => noticeEvents.some((e) => e === name);

/** The history step an `event:<name>` template reports, if it is one the notices have words for. */
function eventOf(template: string): NoticeEvent | undefined {
  const name = template.startsWith('event:') ? template.slice('event:'.length) : '';
  return isNoticeEvent(name) ? name : undefined;
}

/** Composes one notice in the applicant's language (unknown templates say that the status changed). */
export function composeNotice(facts: NoticeFacts): NoticeText {
  const w = wordings[facts.language] ?? uz;
  const step = eventOf(facts.template);
  const sentence = step
    ? `${w.appeal} ${facts.number}: ${w.events[step]}`
    : (w.sentences[facts.template] ?? w.changed)(facts, printedDate(facts.dueOn));
  const title = step ? undefined : w.titles[facts.template];
  const subject = `${w.appeal} ${facts.number}${title ? `: ${title}` : ''}`;
  const lines = [sentence];
  if (facts.withLetter) lines.push(w.letterAttached);
  const track = facts.trackingUrl ? `${w.track}: ${facts.trackingUrl}` : null;
  const text = [lines.join(' '), track].filter(Boolean).join('\n\n');
  const htmlTrack = facts.trackingUrl
    ? `<p><a href="${escapeHtml(facts.trackingUrl)}">${escapeHtml(w.track)}</a></p>`
    : '';
  const html = `<!doctype html><html lang="${htmlLanguage[facts.language]}"><body><p>${escapeHtml(lines.join(' '))}</p>${htmlTrack}</body></html>`;
  const sms = smsSafe([sentence, facts.trackingUrl].filter(Boolean).join(' '));
  return { subject, text, html, sms };
}
