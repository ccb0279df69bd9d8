// Pure: a monthly report's table from the hierarchy view, in the schedule's language. No I/O.
import type { Hierarchy, HierarchyFigures } from '../../contracts/analytics.schema.ts';
import type { UiLanguage } from '../../contracts/enums.ts';
import type { Cell, Table } from '../exports/table-file.ts';

/** The headline figures a report carries, in the order it prints them. */
export const reportFigures = [
  'received',
  'resolved',
  'redirected',
  'resolvedShare',
  'onTimeShare',
  'overdue',
  'satisfied',
  'explained',
  'rejected',
  'forwarded',
  'notConsidered',
  'averageRating',
  'rated',
  'medianDaysToAnswer',
  'complaints',
  'complaintsUpheld',
] as const;
export type ReportFigure = (typeof reportFigures)[number];

/** The words of a report: titles, column heads and the figures' names. */
export interface ReportWords {
  title: string;
  unit: string;
  month: string;
  preparedFor: string;
  generated: string;
  periods: string;
  columns: {
    code: string;
    unit: string;
    figure: string;
    current: string;
    previous: string;
    lastYear: string;
  };
  own: string;
  total: string;
  figures: Record<ReportFigure, string>;
  /** The e-mail that carries the files. */
  mailSubject: (name: string, month: string) => string;
  mailText: (name: string, month: string) => string;
}

const uz: ReportWords = {
  title: 'Oylik hisobot',
  unit: 'Boʻlinma',
  month: 'Oy',
  preparedFor: 'Kim uchun',
  generated: 'Tuzilgan vaqt',
  periods: 'Taqqoslangan davrlar: joriy / oldingi / oʻtgan yil',
  columns: {
    code: 'Kod',
    unit: 'Boʻlinma',
    figure: 'Koʻrsatkich',
    current: 'Joriy davr',
    previous: 'Oldingi davr',
    lastYear: 'Oʻtgan yil',
  },
  own: 'boʻlinmaning oʻzi',
  total: 'jami',
  figures: {
    received: 'Kelib tushgan',
    resolved: 'Mazmunan hal qilingan',
    redirected: 'Yoʻnaltirilgan yoki koʻrilmagan',
    resolvedShare: 'Hal qilinganlar ulushi, %',
    onTimeShare: 'Oʻz vaqtida javob berilgan, %',
    overdue: 'Muddati oʻtgan',
    satisfied: 'Qanoatlantirilgan',
    explained: 'Tushuntirish berilgan',
    rejected: 'Rad etilgan',
    forwarded: 'Boshqa organga yuborilgan',
    notConsidered: 'Koʻrib chiqilmagan',
    averageRating: 'Oʻrtacha baho (1–5)',
    rated: 'Baholanganlar',
    medianDaysToAnswer: 'Javobgacha kunlar (mediana)',
    complaints: 'Shikoyatlar',
    complaintsUpheld: 'Qanoatlantirilgan shikoyatlar',
  },
  mailSubject: (name, month) => `Oylik hisobot: ${name}, ${month}`,
  mailText: (name, month) =>
    `«${name}» hisoboti ${month} oyi uchun ilova qilindi (PDF va XLSX). Uni konsolning «Hisobotlar» boʻlimida ham yuklab olish mumkin.`,
};

const words: Record<UiLanguage, ReportWords> = {
  uz,
  oz: {
    title: 'Ойлик ҳисобот',
    unit: 'Бўлинма',
    month: 'Ой',
    preparedFor: 'Ким учун',
    generated: 'Тузилган вақт',
    periods: 'Таққосланган даврлар: жорий / олдинги / ўтган йил',
    columns: {
      code: 'Код',
      unit: 'Бўлинма',
      figure: 'Кўрсаткич',
      current: 'Жорий давр',
      previous: 'Олдинги давр',
      lastYear: 'Ўтган йил',
    },
    own: 'бўлинманинг ўзи',
    total: 'жами',
    figures: {
      received: 'Келиб тушган',
      resolved: 'Мазмунан ҳал қилинган',
      redirected: 'Йўналтирилган ёки кўрилмаган',
      resolvedShare: 'Ҳал қилинганлар улуши, %',
      onTimeShare: 'Ўз вақтида жавоб берилган, %',
      overdue: 'Муддати ўтган',
      satisfied: 'Қаноатлантирилган',
      explained: 'Тушунтириш берилган',
      rejected: 'Рад этилган',
      forwarded: 'Бошқа органга юборилган',
      notConsidered: 'Кўриб чиқилмаган',
      averageRating: 'Ўртача баҳо (1–5)',
      rated: 'Баҳоланганлар',
      medianDaysToAnswer: 'Жавобгача кунлар (медиана)',
      complaints: 'Шикоятлар',
      complaintsUpheld: 'Қаноатлантирилган шикоятлар',
    },
    mailSubject: (name, month) => `Ойлик ҳисобот: ${name}, ${month}`,
    mailText: (name, month) =>
      `«${name}» ҳисоботи ${month} ойи учун илова қилинди (PDF ва XLSX). Уни консолнинг «Ҳисоботлар» бўлимида ҳам юклаб олиш мумкин.`,
  },
  ru: {
    title: 'Ежемесячный отчёт',
    unit: 'Подразделение',
    month: 'Месяц',
    preparedFor: 'Для кого',
    generated: 'Составлен',
    periods: 'Сравниваемые периоды: текущий / предыдущий / прошлый год',
    columns: {
      code: 'Код',
      unit: 'Подразделение',
      figure: 'Показатель',
      current: 'Текущий период',
      previous: 'Предыдущий период',
      lastYear: 'Прошлый год',
    },
    own: 'само подразделение',
    total: 'всего',
    figures: {
      received: 'Поступило',
      resolved: 'Разрешено по существу',
      redirected: 'Перенаправлено или не рассмотрено',
      resolvedShare: 'Доля разрешённых, %',
      onTimeShare: 'Отвечено в срок, %',
      overdue: 'Просрочено',
      satisfied: 'Удовлетворено',
      explained: 'Дано разъяснение',
      rejected: 'Отказано',
      forwarded: 'Направлено в другой орган',
      notConsidered: 'Оставлено без рассмотрения',
      averageRating: 'Средняя оценка (1–5)',
      rated: 'Оценено',
      medianDaysToAnswer: 'Дней до ответа (медиана)',
      complaints: 'Жалобы',
      complaintsUpheld: 'Удовлетворённые жалобы',
    },
    mailSubject: (name, month) => `Ежемесячный отчёт: ${name}, ${month}`,
    mailText: (name, month) =>
      `Отчёт «${name}» за ${month} во вложении (PDF и XLSX). Его также можно скачать в консоли, в разделе «Отчёты».`,
  },
  en: {
    title: 'Monthly report',
    unit: 'Unit',
    month: 'Month',
    preparedFor: 'Prepared for',
    generated: 'Generated',
    periods: 'Periods compared: current / previous / last year',
    columns: {
      code: 'Code',
      unit: 'Unit',
      figure: 'Figure',
      current: 'This period',
      previous: 'Previous period',
      lastYear: 'Last year',
    },
    own: 'the unit itself',
    total: 'total',
    figures: {
      received: 'Received',
      resolved: 'Resolved on the merits',
      redirected: 'Redirected or not considered',
      resolvedShare: 'Resolved share, %',
      onTimeShare: 'Answered on time, %',
      overdue: 'Overdue',
      satisfied: 'Satisfied',
      explained: 'Explained',
      rejected: 'Rejected',
      forwarded: 'Forwarded to another body',
      notConsidered: 'Not considered',
      averageRating: 'Average rating (1–5)',
      rated: 'Rated',
      medianDaysToAnswer: 'Days to answer (median)',
      complaints: 'Complaints',
      complaintsUpheld: 'Complaints upheld',
    },
    mailSubject: (name, month) => `Monthly report: ${name}, ${month}`,
    mailText: (name, month) =>
      `The report “${name}” for ${month} is attached (PDF and XLSX). You can also download it in the console, under “Reports”.`,
  },
};

/** The report's words in a language. */
export function reportWords(language: UiLanguage): ReportWords {
  return words[language];
}

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** One figure of a figure set as the report prints it: counts as they are, shares in per cent to 0.1. */
export function figureValue(figures: HierarchyFigures, figure: ReportFigure): Cell {
  switch (figure) {
    case 'resolvedShare':
      return percent(figures.resolvedShare);
    case 'onTimeShare':
      return percent(figures.onTimeShare);
    case 'averageRating':
      return figures.averageRating === null ? null : Math.round(figures.averageRating * 100) / 100;
    case 'satisfied':
    case 'explained':
    case 'rejected':
    case 'forwarded':
    case 'notConsidered':
      return figures.outcomes[figure];
    default:
      return figures[figure];
  }
}

/** One block of the report: a unit (or the unit's own appeals) with its three figure sets. */
export interface ReportBlock {
  code: string;
  name: string;
  figures: Hierarchy['total'];
}

/** The blocks in print order: the unit in all, its own appeals (when it has children), each child. */
export function reportBlocks(view: Hierarchy, language: UiLanguage): ReportBlock[] {
  const w = words[language];
  const blocks: ReportBlock[] = [
    { code: view.unit.code, name: `${view.unit.name} (${w.total})`, figures: view.total },
  ];
  if (view.children.length > 0)
    blocks.push({ code: view.unit.code, name: `${view.unit.name} (${w.own})`, figures: view.own });
  for (const child of view.children)
    blocks.push({ code: child.code, name: child.name, figures: child.figures });
  return blocks;
}

/**
 * The report as one table (the XLSX sheet): a header row, then one row per block × figure with the period,
 * the period before and the same period a year earlier.
 */
export function reportTable(view: Hierarchy, language: UiLanguage): Table {
  const w = words[language];
  const c = w.columns;
  const rows: Table = [[c.code, c.unit, c.figure, c.current, c.previous, c.lastYear]];
  for (const block of reportBlocks(view, language)) {
    for (const figure of reportFigures) {
      rows.push([
        block.code,
        block.name,
        w.figures[figure],
        figureValue(block.figures.current, figure),
        figureValue(block.figures.previous, figure),
        figureValue(block.figures.lastYear, figure),
      ]);
    }
  }
  return rows;
}
