import { type AppealStatus, appealStatuses, type UiLanguage } from '../../contracts/enums.ts';
import { endOfDay } from '../deadlines/calendar.ts';
import type { UnitDirectory } from '../routing/unit-directory.ts';
import { isFinal } from './appeal-lifecycle.ts';

/** A status read from the database, checked against the vocabulary. */
export function parseStatus(value: string): AppealStatus {
  const status = appealStatuses.find((s) => s === value);
  if (!status) throw new Error(`Unknown appeal status in the database: ${value}`);
  return status;
}

/** A unit reference in the reader's language. */
export function unitRef(units: UnitDirectory, id: number | null, language: UiLanguage) {
  const unit = id === null ? undefined : units.byId(id);
  return unit ? { code: unit.code, name: unit.names[language] } : null;
}

/** Days from `today` to the due day (negative when overdue). */
export function daysLeft(dueOn: string, today: string): number {
  return Math.round((Date.parse(dueOn) - Date.parse(today)) / 86_400_000);
}

interface ListRow {
  number: string;
  type: 'ariza' | 'taklif' | 'shikoyat';
  status: string;
  channel: string;
  category_code: string | null;
  territory_code: string | null;
  received_at: Date;
  due_on: string;
  urgent: boolean;
  about_officer: boolean;
  owner_unit_id: number;
  executor_id: number | null;
  link_kind: 'repeat' | 'complaint' | null;
  group_lead_id: number | null;
  applicant_kind: 'individual' | 'legal_entity' | 'anonymous';
  excerpt: string;
}

/**
 * One row of a staff queue: no personal fields, only what a queue needs to be worked.
 */
export function presentListRow(
  row: ListRow,
  units: UnitDirectory,
  language: UiLanguage,
  today: string,
  /** Other appeals the reader sees linked to it as duplicates, open members of the group it leads, and whether it is a repeat. */
  related: { duplicates: number; groupMembers: number; repeat: boolean },
) {
  const status = parseStatus(row.status);
  const open = !isFinal(status);
  const left = daysLeft(row.due_on, today);
  return {
    number: row.number,
    type: row.type,
    status,
    channel: row.channel,
    category: row.category_code,
    territory: row.territory_code,
    receivedAt: row.received_at.toISOString(),
    dueOn: row.due_on,
    dueAt: endOfDay(row.due_on).toISOString(),
    daysLeft: open ? left : null,
    overdue: open && left < 0,
    urgent: row.urgent,
    aboutOfficer: row.about_officer,
    unit: unitRef(units, row.owner_unit_id, language),
    executorId: row.executor_id,
    linkKind: row.link_kind,
    duplicateGroup: related.duplicates > 0 ? related.duplicates + 1 : null,
    // One concept each, as the card and the dashboard name them: a duplicate is not also flagged a repeat
    // (`countedAsRepeat`, the rule of the `repeat=true` filter and every repeat figure).
    repeat: related.repeat,
    groupSize: related.groupMembers > 0 ? related.groupMembers + 1 : null,
    inGroup: row.group_lead_id !== null,
    applicantKind: row.applicant_kind,
    excerpt: row.excerpt,
  };
}
