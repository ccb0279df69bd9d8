import type { AppealStatus, CitizenLanguage } from './enums.ts';

/** Public events of an appeal's history that citizens see named in plain words (portal, bot, notices). */
export const publicEvents = [
  'registered',
  'routed',
  'routed_urgent',
  'routed_officer_complaint',
  'accepted',
  'info_requested',
  'extra_study_recorded',
  'deadline_extended',
  'answered',
  'not_considered',
  'forwarded',
  'withdrawn',
  'merged',
  'grouped',
  'rated',
] as const;
/** One of the events citizens have words for. */
export type PublicEvent = (typeof publicEvents)[number];

/** How an appeal's status and its public history read to a citizen, in one language. */
export interface PublicHistoryWords {
  statuses: Record<AppealStatus, string>;
  events: Record<PublicEvent | 'other', string>;
}

/** The words for one history event; an event citizens have no words for reads as "status changed". */
export function eventWords(words: PublicHistoryWords, event: string): string {
  const known = publicEvents.find((e): e is PublicEvent => e === event);
  return words.events[known ?? 'other'];
}

/**
 * One table for the portal's tracking page and the Telegram bot, so a citizen reads the same words for the same
 * step whichever door they came through.
 */
export const publicHistoryWords: Record<CitizenLanguage, PublicHistoryWords> = {
  uz: {
    statuses: {
      registered: 'Qabul qilindi va roʻyxatga olindi. Masʼul boʻlinma belgilanmoqda.',
      assigned: 'Masʼul boʻlinmaga topshirildi.',
      in_progress: 'Koʻrib chiqilmoqda.',
      awaiting_info: 'Koʻrib chiqilmoqda: qoʻshimcha maʼlumot kutilmoqda.',
      answer_drafted: 'Javob tayyorlandi va rahbar tasdigʻini kutmoqda.',
      returned: 'Koʻrib chiqilmoqda: javob qayta ishlanmoqda.',
      answered: 'Javob berildi.',
      conclusion_drafted:
        'Murojaatni koʻrib chiqmaslik haqida xulosa tayyorlandi va rahbar tasdigʻini kutmoqda.',
      not_considered: 'Qonunga koʻra koʻrib chiqilmadi. Sababi xulosada yozilgan.',
      forwarded: 'Vakolatli idoraga yuborildi.',
      withdrawn: 'Murojaat qaytarib olindi.',
      merged: 'Shu masala boʻyicha boshqa murojaat bilan birlashtirildi.',
    },
    events: {
      registered: 'Roʻyxatga olindi',
      routed: 'Masʼul boʻlinmaga yuborildi',
      routed_urgent: 'Shoshilinch: navbatchilik qismiga yuborildi',
      routed_officer_complaint: 'Xodim ustidan shikoyat sifatida tegishli boʻlinmaga yuborildi',
      accepted: 'Ijrochi ishni boshladi',
      info_requested: 'Qoʻshimcha maʼlumot soʻraldi',
      extra_study_recorded: 'Qoʻshimcha oʻrganish uchun muddat bir oygacha uzaytirildi',
      deadline_extended: 'Rahbar qarori bilan muddat uzaytirildi',
      answered: 'Javob berildi',
      not_considered: 'Koʻrib chiqmaslik haqidagi xulosa tasdiqlandi',
      forwarded: 'Vakolatli idoraga yuborildi',
      withdrawn: 'Qaytarib olindi',
      merged: 'Boshqa murojaat bilan birlashtirildi',
      grouped: 'Bir xil murojaatlar bilan birga koʻrib chiqilmoqda: javobni siz ham olasiz',
      rated: 'Javob baholandi',
      other: 'Holat oʻzgardi',
    },
  },
  oz: {
    statuses: {
      registered: 'Қабул қилинди ва рўйхатга олинди. Масъул бўлинма белгиланмоқда.',
      assigned: 'Масъул бўлинмага топширилди.',
      in_progress: 'Кўриб чиқилмоқда.',
      awaiting_info: 'Кўриб чиқилмоқда: қўшимча маълумот кутилмоқда.',
      answer_drafted: 'Жавоб тайёрланди ва раҳбар тасдиғини кутмоқда.',
      returned: 'Кўриб чиқилмоқда: жавоб қайта ишланмоқда.',
      answered: 'Жавоб берилди.',
      conclusion_drafted: 'Мурожаатни кўриб чиқмаслик ҳақида хулоса тайёрланди ва раҳбар тасдиғини кутмоқда.',
      not_considered: 'Қонунга кўра кўриб чиқилмади. Сабаби хулосада ёзилган.',
      forwarded: 'Ваколатли идорага юборилди.',
      withdrawn: 'Мурожаат қайтариб олинди.',
      merged: 'Шу масала бўйича бошқа мурожаат билан бирлаштирилди.',
    },
    events: {
      registered: 'Рўйхатга олинди',
      routed: 'Масъул бўлинмага юборилди',
      routed_urgent: 'Шошилинч: навбатчилик қисмига юборилди',
      routed_officer_complaint: 'Ходим устидан шикоят сифатида тегишли бўлинмага юборилди',
      accepted: 'Ижрочи ишни бошлади',
      info_requested: 'Қўшимча маълумот сўралди',
      extra_study_recorded: 'Қўшимча ўрганиш учун муддат бир ойгача узайтирилди',
      deadline_extended: 'Раҳбар қарори билан муддат узайтирилди',
      answered: 'Жавоб берилди',
      not_considered: 'Кўриб чиқмаслик ҳақидаги хулоса тасдиқланди',
      forwarded: 'Ваколатли идорага юборилди',
      withdrawn: 'Қайтариб олинди',
      merged: 'Бошқа мурожаат билан бирлаштирилди',
      grouped: 'Бир хил мурожаатлар билан бирга кўриб чиқилмоқда: жавобни сиз ҳам оласиз',
      rated: 'Жавоб баҳоланди',
      other: 'Ҳолат ўзгарди',
    },
  },
  ru: {
    statuses: {
      registered: 'Принято и зарегистрировано. Определяется ответственное подразделение.',
      assigned: 'Передано в ответственное подразделение.',
      in_progress: 'Рассматривается.',
      awaiting_info: 'Рассматривается: ожидаются дополнительные сведения.',
      answer_drafted: 'Ответ подготовлен и ждёт утверждения руководителем.',
      returned: 'Рассматривается: ответ дорабатывается.',
      answered: 'Ответ дан.',
      conclusion_drafted:
        'Подготовлено заключение об оставлении без рассмотрения, оно ждёт утверждения руководителем.',
      not_considered: 'По закону оставлено без рассмотрения. Причина указана в заключении.',
      forwarded: 'Направлено в компетентное ведомство.',
      withdrawn: 'Обращение отозвано.',
      merged: 'Объединено с другим обращением по тому же вопросу.',
    },
    events: {
      registered: 'Зарегистрировано',
      routed: 'Направлено в ответственное подразделение',
      routed_urgent: 'Срочно: направлено в дежурную часть',
      routed_officer_complaint: 'Направлено как жалоба на сотрудника в соответствующее подразделение',
      accepted: 'Исполнитель приступил к работе',
      info_requested: 'Запрошены дополнительные сведения',
      extra_study_recorded: 'Срок продлён до месяца для дополнительного изучения',
      deadline_extended: 'Срок продлён решением руководителя',
      answered: 'Дан ответ',
      not_considered: 'Утверждено заключение об оставлении без рассмотрения',
      forwarded: 'Направлено в компетентное ведомство',
      withdrawn: 'Отозвано',
      merged: 'Объединено с другим обращением',
      grouped: 'Рассматривается вместе с такими же обращениями: ответ получите и вы',
      rated: 'Ответ оценён',
      other: 'Статус изменён',
    },
  },
  en: {
    statuses: {
      registered: 'Received and registered. The unit in charge is being chosen.',
      assigned: 'Handed to the unit in charge.',
      in_progress: 'Being examined.',
      awaiting_info: 'Being examined: waiting for more information.',
      answer_drafted: 'An answer is ready and waits for the head’s approval.',
      returned: 'Being examined: the answer is being revised.',
      answered: 'Answered.',
      conclusion_drafted:
        'A conclusion not to examine the appeal is ready and waits for the head’s approval.',
      not_considered: 'Not examined, as the law provides. The reason is in the conclusion.',
      forwarded: 'Sent to the competent body.',
      withdrawn: 'The appeal was withdrawn.',
      merged: 'Joined with another appeal on the same matter.',
    },
    events: {
      registered: 'Registered',
      routed: 'Sent to the unit in charge',
      routed_urgent: 'Urgent: sent to the duty unit',
      routed_officer_complaint:
        'Sent as a complaint about an officer to the unit that examines such complaints',
      accepted: 'An officer started work on it',
      info_requested: 'More information was requested',
      extra_study_recorded: 'Term extended to one month for extra study',
      deadline_extended: 'Term extended by the head’s decision',
      answered: 'Answered',
      not_considered: 'The conclusion not to examine it was approved',
      forwarded: 'Sent to the competent body',
      withdrawn: 'Withdrawn',
      merged: 'Joined with another appeal',
      grouped: 'Examined together with identical appeals: you will get the answer too',
      rated: 'Answer rated',
      other: 'Status changed',
    },
  },
  // Karakalpak (Latin script of 2016): awaiting review by a native speaker (docs/karakalpak.md).
  kaa: {
    statuses: {
      registered: 'Qabıl etildi hám dizimge alındı. Juwapker bólim belgilenip atır.',
      assigned: 'Juwapker bólimge tapsırıldı.',
      in_progress: 'Kórip shıǵılıp atır.',
      awaiting_info: 'Kórip shıǵılıp atır: qosımsha maǵlıwmat kútilip atır.',
      answer_drafted: 'Juwap tayarlandı hám basshınıń tastıyıqlawın kútip tur.',
      returned: 'Kórip shıǵılıp atır: juwap qayta islenip atır.',
      answered: 'Juwap berildi.',
      conclusion_drafted:
        'Murájattı kórip shıqpaw haqqında juwmaq tayarlandı hám basshınıń tastıyıqlawın kútip tur.',
      not_considered: 'Nızamǵa muwapıq kórip shıǵılmadı. Sebebi juwmaqta jazılǵan.',
      forwarded: 'Wákilikli mekemege jiberildi.',
      withdrawn: 'Murájat qaytarıp alındı.',
      merged: 'Usı másele boyınsha basqa murájat penen birlestirildi.',
    },
    events: {
      registered: 'Dizimge alındı',
      routed: 'Juwapker bólimge jiberildi',
      routed_urgent: 'Shuǵıl: gezekshilik bólimine jiberildi',
      routed_officer_complaint: 'Xızmetker ústinen shaǵım retinde tiyisli bólimge jiberildi',
      accepted: 'Orınlawshı jumıstı basladı',
      info_requested: 'Qosımsha maǵlıwmat soraldı',
      extra_study_recorded: 'Qosımsha úyreniw ushın múddet bir ayǵa shekem uzaytıldı',
      deadline_extended: 'Basshınıń qararı menen múddet uzaytıldı',
      answered: 'Juwap berildi',
      not_considered: 'Kórip shıqpaw haqqındaǵı juwmaq tastıyıqlandı',
      forwarded: 'Wákilikli mekemege jiberildi',
      withdrawn: 'Qaytarıp alındı',
      merged: 'Basqa murájat penen birlestirildi',
      grouped: 'Birdey murájatlar menen birge kórip shıǵılıp atır: juwaptı siz de alasız',
      rated: 'Juwap bahalandı',
      other: 'Jaǵday ózgerdi',
    },
  },
};
