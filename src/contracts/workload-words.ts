import type { UiLanguage } from './enums.ts';

/** The workload table's column headers and row labels: the console's table and the exported file share them. */
export interface WorkloadWords {
  row: string;
  kind: string;
  total: string;
  unit: string;
  executor: string;
  anonymous: string;
  executors: string;
  open: string;
  overdue: string;
  openPerExecutor: string;
  answered: string;
  onTime: string;
  medianDays: string;
  returned: string;
  complaints: string;
  upheld: string;
}

export const workloadWords: Record<UiLanguage, WorkloadWords> = {
  uz: {
    row: 'Boʻlinma yoki ijrochi',
    kind: 'Turi',
    total: 'Jami',
    unit: 'Boʻlinma',
    executor: 'Ijrochi',
    anonymous: 'Ijrochi {n}',
    executors: 'Ijrochilar',
    open: 'Ochiq',
    overdue: 'Muddati oʻtgan',
    openPerExecutor: 'Bir ijrochiga ochiq',
    answered: 'Javob berilgan',
    onTime: 'Oʻz vaqtida',
    medianDays: 'Javobgacha kunlar (mediana)',
    returned: 'Rahbar qaytargan',
    complaints: 'Shikoyatlar',
    upheld: 'Qanoatlantirilgan shikoyatlar',
  },
  oz: {
    row: 'Бўлинма ёки ижрочи',
    kind: 'Тури',
    total: 'Жами',
    unit: 'Бўлинма',
    executor: 'Ижрочи',
    anonymous: 'Ижрочи {n}',
    executors: 'Ижрочилар',
    open: 'Очиқ',
    overdue: 'Муддати ўтган',
    openPerExecutor: 'Бир ижрочига очиқ',
    answered: 'Жавоб берилган',
    onTime: 'Ўз вақтида',
    medianDays: 'Жавобгача кунлар (медиана)',
    returned: 'Раҳбар қайтарган',
    complaints: 'Шикоятлар',
    upheld: 'Қаноатлантирилган шикоятлар',
  },
  ru: {
    row: 'Подразделение или исполнитель',
    kind: 'Вид',
    total: 'Всего',
    unit: 'Подразделение',
    executor: 'Исполнитель',
    anonymous: 'Исполнитель {n}',
    executors: 'Исполнителей',
    open: 'Открыто',
    overdue: 'Просрочено',
    openPerExecutor: 'Открыто на исполнителя',
    answered: 'Отвечено',
    onTime: 'В срок',
    medianDays: 'Медиана дней до ответа',
    returned: 'Возвращено руководителем',
    complaints: 'Жалобы',
    upheld: 'Жалоб удовлетворено',
  },
  en: {
    row: 'Unit or executor',
    kind: 'Kind',
    total: 'Total',
    unit: 'Unit',
    executor: 'Executor',
    anonymous: 'Executor {n}',
    executors: 'Executors',
    open: 'Open',
    overdue: 'Overdue',
    openPerExecutor: 'Open per executor',
    answered: 'Answered',
    onTime: 'On time',
    medianDays: 'Median days to answer',
    returned: 'Returned by the head',
    complaints: 'Complaints',
    upheld: 'Complaints upheld',
  },
};
