import type { AppealStatus, AppealType, UiLanguage } from './enums.ts';

/** The file formats a list or a dashboard downloads as. */
export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/**
 * The words of exported files: column headers, types, statuses and dashboard lines, the same words the
 * console shows on screen (src/console/app/i18n), kept here because the server writes the files.
 */
export interface ExportWords {
  columns: Record<
    | 'number'
    | 'type'
    | 'status'
    | 'category'
    | 'text'
    | 'territory'
    | 'received'
    | 'due'
    | 'unit'
    | 'urgent'
    | 'aboutOfficer'
    | 'repeat'
    | 'applicant'
    | 'daysLeft'
    | 'phone',
    string
  >;
  types: Record<AppealType, string>;
  statuses: Record<AppealStatus, string>;
  dashboard: Record<
    | 'unit'
    | 'period'
    | 'open'
    | 'overdue'
    | 'dueSoon'
    | 'unassigned'
    | 'received'
    | 'closed'
    | 'repeatRate'
    | 'duplicateRate'
    | 'rating'
    | 'perDay'
    | 'executors'
    | 'executor'
    | 'answered'
    | 'extensions'
    | 'extendedInPeriod'
    | 'openExtended'
    | 'extensionRequested'
    | 'openExtraStudy'
    | 'byStatus'
    | 'approval'
    | 'ratings'
    | 'score'
    | 'day'
    | 'count'
    | 'value',
    string
  >;
  alerts: Record<'from' | 'to' | 'observed' | 'expected' | 'words' | 'appeals' | 'campaign', string>;
  map: Record<
    'received' | 'lastYear' | 'population' | 'per10000' | 'regionPopulation' | 'populationNote' | 'period',
    string
  >;
  yes: string;
}

export const exportWords: Record<UiLanguage, ExportWords> = {
  uz: {
    columns: {
      number: 'Raqam',
      type: 'Turi',
      status: 'Holat',
      category: 'Toifa',
      text: 'Matn',
      territory: 'Hudud',
      received: 'Kelgan',
      due: 'Muddat',
      unit: 'Boʻlinma',
      urgent: 'Shoshilinch',
      aboutOfficer: 'Xodim ustidan',
      repeat: 'Takroriy',
      applicant: 'Murojaatchi',
      daysLeft: 'Qolgan kun',
      phone: 'Telefon',
    },
    types: {
      ariza: 'Ariza',
      taklif: 'Taklif',
      shikoyat: 'Shikoyat',
    },
    statuses: {
      registered: 'Roʻyxatga olingan',
      assigned: 'Boʻlinmaga yuborilgan',
      in_progress: 'Koʻrib chiqilmoqda',
      awaiting_info: 'Maʼlumot kutilmoqda',
      answer_drafted: 'Javob loyihasi tayyor',
      returned: 'Qayta ishlashga qaytarilgan',
      answered: 'Javob berilgan',
      conclusion_drafted: 'Xulosa loyihasi tayyor',
      not_considered: 'Koʻrib chiqilmagan',
      forwarded: 'Tegishliligi boʻyicha yuborilgan',
      withdrawn: 'Qaytarib olingan',
      merged: 'Birlashtirilgan',
    },
    dashboard: {
      unit: 'Boʻlinma',
      period: 'Davr',
      open: 'Ochiq',
      overdue: 'Muddati oʻtgan',
      dueSoon: 'Muddati ≤ 3 kun',
      unassigned: 'Ijrochisiz',
      received: 'Kelgan',
      closed: 'Yopilgan',
      repeatRate: 'Takroriylar ulushi',
      duplicateRate: 'Dublikatlar ulushi',
      rating: 'Oʻrtacha baho',
      perDay: 'Kunlar boʻyicha kelgan murojaatlar',
      executors: 'Ijrochilar yuklamasi',
      executor: 'Ijrochi',
      answered: 'Javob bergan',
      extensions: 'Muddat uzaytirishlar',
      extendedInPeriod: 'Davr ichida uzaytirilgan',
      openExtended: 'Uzaytirilgan (ochiq)',
      extensionRequested: 'Uzaytirish soʻralgan (kutmoqda)',
      openExtraStudy: 'Qoʻshimcha oʻrganishda',
      byStatus: 'Holatlar boʻyicha',
      approval: 'Tasdiqlash kutayotgan javoblar',
      ratings: 'Baholar',
      score: 'Baho',
      day: 'Kun',
      count: 'Soni',
      value: 'Qiymat',
    },
    alerts: {
      from: 'Davr boshi',
      to: 'Davr oxiri',
      observed: 'Murojaatlar',
      expected: 'Odatda',
      words: 'Umumiy soʻzlar',
      appeals: 'Murojaatlar raqamlari',
      campaign: 'Ommaviy kampaniya',
    },
    map: {
      received: 'Kelgan murojaatlar',
      lastYear: 'Oʻtgan yil shu davrda',
      population: 'Aholi',
      per10000: '10 000 aholiga',
      regionPopulation: 'viloyat aholisi boʻyicha',
      populationNote: 'Aholi soni qaysi hududniki',
      period: 'Davr',
    },
    yes: 'Ha',
  },
  oz: {
    columns: {
      number: 'Рақам',
      type: 'Тури',
      status: 'Ҳолат',
      category: 'Тоифа',
      text: 'Матн',
      territory: 'Ҳудуд',
      received: 'Келган',
      due: 'Муддат',
      unit: 'Бўлинма',
      urgent: 'Шошилинч',
      aboutOfficer: 'Ходим устидан',
      repeat: 'Такрорий',
      applicant: 'Мурожаатчи',
      daysLeft: 'Қолган кун',
      phone: 'Телефон',
    },
    types: {
      ariza: 'Ариза',
      taklif: 'Таклиф',
      shikoyat: 'Шикоят',
    },
    statuses: {
      registered: 'Рўйхатга олинган',
      assigned: 'Бўлинмага юборилган',
      in_progress: 'Кўриб чиқилмоқда',
      awaiting_info: 'Маълумот кутилмоқда',
      answer_drafted: 'Жавоб лойиҳаси тайёр',
      returned: 'Қайта ишлашга қайтарилган',
      answered: 'Жавоб берилган',
      conclusion_drafted: 'Хулоса лойиҳаси тайёр',
      not_considered: 'Кўриб чиқилмаган',
      forwarded: 'Тегишлилиги бўйича юборилган',
      withdrawn: 'Қайтариб олинган',
      merged: 'Бирлаштирилган',
    },
    dashboard: {
      unit: 'Бўлинма',
      period: 'Давр',
      open: 'Очиқ',
      overdue: 'Муддати ўтган',
      dueSoon: 'Муддати ≤ 3 кун',
      unassigned: 'Ижрочисиз',
      received: 'Келган',
      closed: 'Ёпилган',
      repeatRate: 'Такрорийлар улуши',
      duplicateRate: 'Дубликатлар улуши',
      rating: 'Ўртача баҳо',
      perDay: 'Кунлар бўйича келган мурожаатлар',
      executors: 'Ижрочилар юкламаси',
      executor: 'Ижрочи',
      answered: 'Жавоб берган',
      extensions: 'Муддат узайтиришлар',
      extendedInPeriod: 'Давр ичида узайтирилган',
      openExtended: 'Узайтирилган (очиқ)',
      extensionRequested: 'Узайтириш сўралган (кутмоқда)',
      openExtraStudy: 'Қўшимча ўрганишда',
      byStatus: 'Ҳолатлар бўйича',
      approval: 'Тасдиқлаш кутаётган жавоблар',
      ratings: 'Баҳолар',
      score: 'Баҳо',
      day: 'Кун',
      count: 'Сони',
      value: 'Қиймат',
    },
    alerts: {
      from: 'Давр боши',
      to: 'Давр охири',
      observed: 'Мурожаатлар',
      expected: 'Одатда',
      words: 'Умумий сўзлар',
      appeals: 'Мурожаатлар рақамлари',
      campaign: 'Оммавий кампания',
    },
    map: {
      received: 'Келган мурожаатлар',
      lastYear: 'Ўтган йил шу даврда',
      population: 'Аҳоли',
      per10000: '10 000 аҳолига',
      regionPopulation: 'вилоят аҳолиси бўйича',
      populationNote: 'Аҳоли сони қайси ҳудудники',
      period: 'Давр',
    },
    yes: 'Ҳа',
  },
  ru: {
    columns: {
      number: 'Номер',
      type: 'Вид',
      status: 'Статус',
      category: 'Категория',
      text: 'Текст',
      territory: 'Территория',
      received: 'Поступило',
      due: 'Срок',
      unit: 'Подразделение',
      urgent: 'Срочно',
      aboutOfficer: 'На сотрудника',
      repeat: 'Повторное',
      applicant: 'Заявитель',
      daysLeft: 'Осталось дней',
      phone: 'Телефон',
    },
    types: {
      ariza: 'Заявление',
      taklif: 'Предложение',
      shikoyat: 'Жалоба',
    },
    statuses: {
      registered: 'Зарегистрировано',
      assigned: 'Направлено в подразделение',
      in_progress: 'Рассматривается',
      awaiting_info: 'Ожидается информация',
      answer_drafted: 'Проект ответа готов',
      returned: 'Возвращено на доработку',
      answered: 'Дан ответ',
      conclusion_drafted: 'Проект заключения готов',
      not_considered: 'Оставлено без рассмотрения',
      forwarded: 'Направлено по подведомственности',
      withdrawn: 'Отозвано',
      merged: 'Объединено',
    },
    dashboard: {
      unit: 'Подразделение',
      period: 'Период',
      open: 'Открытые',
      overdue: 'Просроченные',
      dueSoon: 'Срок ≤ 3 дней',
      unassigned: 'Без исполнителя',
      received: 'Поступило',
      closed: 'Закрыто',
      repeatRate: 'Доля повторных',
      duplicateRate: 'Доля дубликатов',
      rating: 'Средняя оценка',
      perDay: 'Поступление по дням',
      executors: 'Нагрузка исполнителей',
      executor: 'Исполнитель',
      answered: 'Ответил',
      extensions: 'Продления сроков',
      extendedInPeriod: 'Продлено за период',
      openExtended: 'Продлённые (открытые)',
      extensionRequested: 'Запрошено продление (ждут решения)',
      openExtraStudy: 'На дополнительном изучении',
      byStatus: 'По статусам',
      approval: 'Ответы ждут утверждения',
      ratings: 'Оценки',
      score: 'Оценка',
      day: 'День',
      count: 'Количество',
      value: 'Значение',
    },
    alerts: {
      from: 'Начало периода',
      to: 'Конец периода',
      observed: 'Обращений',
      expected: 'Обычно',
      words: 'Общие слова',
      appeals: 'Номера обращений',
      campaign: 'Массовая кампания',
    },
    map: {
      received: 'Поступило обращений',
      lastYear: 'Тот же период год назад',
      population: 'Население',
      per10000: 'На 10 000 жителей',
      regionPopulation: 'по населению региона',
      populationNote: 'Население какой территории',
      period: 'Период',
    },
    yes: 'Да',
  },
  en: {
    columns: {
      number: 'Number',
      type: 'Type',
      status: 'Status',
      category: 'Category',
      text: 'Text',
      territory: 'Territory',
      received: 'Received',
      due: 'Due',
      unit: 'Unit',
      urgent: 'Urgent',
      aboutOfficer: 'About an officer',
      repeat: 'Repeat',
      applicant: 'Applicant',
      daysLeft: 'Days left',
      phone: 'Phone',
    },
    types: {
      ariza: 'Application',
      taklif: 'Proposal',
      shikoyat: 'Complaint',
    },
    statuses: {
      registered: 'Registered',
      assigned: 'Sent to unit',
      in_progress: 'In progress',
      awaiting_info: 'Awaiting information',
      answer_drafted: 'Answer drafted',
      returned: 'Returned for rework',
      answered: 'Answered',
      conclusion_drafted: 'Conclusion drafted',
      not_considered: 'Not considered',
      forwarded: 'Forwarded to the competent body',
      withdrawn: 'Withdrawn',
      merged: 'Merged',
    },
    dashboard: {
      unit: 'Unit',
      period: 'Period',
      open: 'Open',
      overdue: 'Overdue',
      dueSoon: 'Due in ≤ 3 days',
      unassigned: 'No executor',
      received: 'Received',
      closed: 'Closed',
      repeatRate: 'Repeat rate',
      duplicateRate: 'Duplicate rate',
      rating: 'Average rating',
      perDay: 'Appeals received per day',
      executors: 'Executors’ load',
      executor: 'Executor',
      answered: 'Answered',
      extensions: 'Deadline extensions',
      extendedInPeriod: 'Extended in the period',
      openExtended: 'Extended (open)',
      extensionRequested: 'Extension requested (waiting)',
      openExtraStudy: 'In extra study',
      byStatus: 'By status',
      approval: 'Answers awaiting approval',
      ratings: 'Ratings',
      score: 'Score',
      day: 'Day',
      count: 'Count',
      value: 'Value',
    },
    alerts: {
      from: 'Window from',
      to: 'Window to',
      observed: 'Appeals',
      expected: 'Usually',
      words: 'Shared words',
      appeals: 'Appeal numbers',
      campaign: 'Mass campaign',
    },
    map: {
      received: 'Appeals received',
      lastYear: 'Same days last year',
      population: 'Population',
      per10000: 'Per 10,000 residents',
      regionPopulation: 'by the region’s population',
      populationNote: 'Population taken',
      period: 'Period',
    },
    yes: 'Yes',
  },
};
