import type { UiLanguage } from './enums.ts';

/**
 * The hierarchy view's column headers and row labels as its exported file writes them (the console's screen
 * uses the same words from its own dictionary): one column per figure on screen, and beside the figures the
 * screen compares, a column for the period before and one for the same period a year earlier.
 */
export interface HierarchyWords {
  unit: string;
  total: string;
  own: string;
  received: string;
  resolved: string;
  redirected: string;
  resolvedShare: string;
  onTime: string;
  open: string;
  overdue: string;
  satisfied: string;
  explained: string;
  rejected: string;
  forwarded: string;
  notConsidered: string;
  repeats: string;
  rating: string;
  medianDays: string;
  extensions: string;
  complaints: string;
  upheld: string;
  previous: string;
  lastYear: string;
}

export const hierarchyWords: Record<UiLanguage, HierarchyWords> = {
  uz: {
    unit: 'Boʻlinma',
    total: 'Jami',
    own: 'Boʻlinmaning oʻzi',
    received: 'Kelib tushdi',
    resolved: 'Hal qilindi',
    redirected: 'Yoʻnaltirildi',
    resolvedShare: 'Hal qilinganlar',
    onTime: 'Oʻz vaqtida javob',
    open: 'Ochiq',
    overdue: 'Muddati oʻtgan',
    satisfied: 'Qanoatlantirildi',
    explained: 'Tushuntirildi',
    rejected: 'Rad etildi',
    forwarded: 'Yuborildi',
    notConsidered: 'Koʻrilmadi',
    repeats: 'Takroriy',
    rating: 'Baho',
    medianDays: 'Javobgacha kunlar (mediana)',
    extensions: 'Uzaytirishlar',
    complaints: 'Shikoyatlar',
    upheld: 'Qanoatlantirilgan shikoyatlar',
    previous: 'avval',
    lastYear: 'bir yil oldin',
  },
  oz: {
    unit: 'Бўлинма',
    total: 'Жами',
    own: 'Бўлинманинг ўзи',
    received: 'Келиб тушди',
    resolved: 'Ҳал қилинди',
    redirected: 'Йўналтирилди',
    resolvedShare: 'Ҳал қилинганлар',
    onTime: 'Ўз вақтида жавоб',
    open: 'Очиқ',
    overdue: 'Муддати ўтган',
    satisfied: 'Қаноатлантирилди',
    explained: 'Тушунтирилди',
    rejected: 'Рад этилди',
    forwarded: 'Юборилди',
    notConsidered: 'Кўрилмади',
    repeats: 'Такрорий',
    rating: 'Баҳо',
    medianDays: 'Жавобгача кунлар (медиана)',
    extensions: 'Узайтиришлар',
    complaints: 'Шикоятлар',
    upheld: 'Қаноатлантирилган шикоятлар',
    previous: 'аввал',
    lastYear: 'бир йил олдин',
  },
  ru: {
    unit: 'Подразделение',
    total: 'Всего',
    own: 'Само подразделение',
    received: 'Поступило',
    resolved: 'Решено',
    redirected: 'Перенаправлено',
    resolvedShare: 'Доля решённых',
    onTime: 'Отвечено в срок',
    open: 'В работе',
    overdue: 'Просрочено',
    satisfied: 'Удовлетворено',
    explained: 'Разъяснено',
    rejected: 'Отказано',
    forwarded: 'Передано',
    notConsidered: 'Без рассмотрения',
    repeats: 'Повторные',
    rating: 'Оценка',
    medianDays: 'Медиана дней до ответа',
    extensions: 'Продления',
    complaints: 'Жалобы',
    upheld: 'Удовлетворённые жалобы',
    previous: 'ранее',
    lastYear: 'год назад',
  },
  en: {
    unit: 'Unit',
    total: 'All',
    own: 'The unit itself',
    received: 'Received',
    resolved: 'Resolved',
    redirected: 'Redirected',
    resolvedShare: 'Resolved share',
    onTime: 'Answered on time',
    open: 'Open',
    overdue: 'Overdue',
    satisfied: 'Satisfied',
    explained: 'Explained',
    rejected: 'Rejected',
    forwarded: 'Forwarded',
    notConsidered: 'Not considered',
    repeats: 'Repeats',
    rating: 'Rating',
    medianDays: 'Median days to answer',
    extensions: 'Extensions',
    complaints: 'Complaints',
    upheld: 'Complaints upheld',
    previous: 'before',
    lastYear: 'a year ago',
  },
};
