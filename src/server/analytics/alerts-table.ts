import type { SurgeAlert } from '../../contracts/analytics.schema.ts';
import type { UiLanguage } from '../../contracts/enums.ts';
import { exportWords } from '../../contracts/export-words.ts';
import { localDateOf, localMinutesOf } from '../deadlines/calendar.ts';
import type { Cell, Table } from '../exports/table-file.ts';
import type { ReferenceSnapshot } from '../routing/reference-snapshot.ts';

/** An instant as Tashkent reads it: `2026-12-03 15:00`. */
function localTime(iso: string): string {
  const at = new Date(iso);
  const minutes = localMinutesOf(at);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${localDateOf(at)} ${hh}:${mm}`;
}

/** The open surge alerts as the alerts screen lists them, one row each, names in the viewer's language. */
export function alertsTable(alerts: SurgeAlert[], ref: ReferenceSnapshot, language: UiLanguage): Table {
  const words = exportWords[language];
  const header: Cell[] = [
    words.columns.territory,
    words.columns.category,
    words.alerts.from,
    words.alerts.to,
    words.alerts.observed,
    words.alerts.expected,
    words.alerts.words,
    words.alerts.campaign,
    words.alerts.appeals,
  ];
  return [
    header,
    ...alerts.map((a): Cell[] => [
      ref.territories.get(a.territory)?.names[language] ?? a.territory,
      ref.categories.get(a.category)?.names[language] ?? a.category,
      localTime(a.from),
      localTime(a.to),
      a.observed,
      a.expected,
      a.sharedWords.join(', '),
      a.campaign ? words.yes : null,
      a.appeals.join(' '),
    ]),
  ];
}
