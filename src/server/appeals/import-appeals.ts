import type { Insertable } from 'kysely';
import { canonicalLatin, looseKey } from '../../nlp/index.ts';
import { answerLanguageByScript } from '../assist/text-reader.ts';
import type { Actor, AuditTrail } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import type { AnswersTable, AppealEventsTable, NewAppealRow } from '../db/schema.ts';
import { localDateOf } from '../deadlines/calendar.ts';
import { startClock } from '../deadlines/legal-clock.ts';
import type { ReferenceSnapshot } from '../routing/reference-snapshot.ts';
import { type DataProtector, newAccessCode } from '../security/data-protector.ts';
import { clockColumns } from './appeal-clock.ts';
import {
  importedKeys,
  insertImportKeys,
  quietBulkLoad,
  raiseCounters,
  takenNumbers,
} from './import.repository.ts';
import {
  type ImportMapping,
  type ImportReference,
  type ImportRow,
  type RowProblem,
  readImportRow,
} from './import-rows.ts';
import {
  insertAnswers,
  insertAppeals,
  insertAppealUnits,
  insertEvents,
  takeSequence,
} from './intake.repository.ts';
import { formatAppealNumber } from './intake-writer.ts';

/** One row of the source: its number in the spreadsheet and its cells by header. */
export interface SourceRow {
  row: number;
  cell: (header: string) => unknown;
}

export interface ImportAppealsOptions {
  db: Db;
  protector: DataProtector;
  audit: AuditTrail;
  ref: ReferenceSnapshot;
  actor: Actor;
  mapping: ImportMapping;
  rows: Iterable<SourceRow>;
  file: { name: string; sha256: string };
  dryRun: boolean;
  now: Date;
  /** Appeals per transaction. */
  chunkSize?: number;
}

/** A refused row and why; the report lists one line per problem. */
export interface RefusedRow {
  row: number;
  problems: RowProblem[];
}

export interface ImportResult {
  rows: number;
  refused: RefusedRow[];
  /** Rows an earlier run already brought in: left alone. */
  alreadyImported: number;
  /** Rows written by this run (or that would be, in a dry run). */
  imported: number;
  /** Rows whose source number could not be kept, with the number they got (null in a dry run). */
  renumbered: { row: number; sourceNumber: string | null; number: string | null }[];
  dryRun: boolean;
}

const CHUNK = 500;
const closed = new Set(['answered', 'not_considered', 'forwarded', 'withdrawn']);

/**
 * Brings appeals of another register in: every row is checked first and refused rows are only reported;
 * the valid ones are written as ordinary appeals (status, unit, history, answer) in transactions of whole
 * appeals, each with the key that makes a second run skip it. Nothing is queued: no triage, no notice to
 * an applicant, no live announcement. One audit entry per run, in the same transaction as its first
 * appeals, names who ran it, the file's hash and the counts.
 */
export async function importAppeals(options: ImportAppealsOptions): Promise<ImportResult> {
  const { db, mapping, ref, now } = options;
  const lookups: ImportReference = {
    unitByCode: (code) => ref.units.byCode(code),
    hasCategory: (code) => ref.categories.has(code),
    hasTerritory: (code) => ref.territories.has(code),
    now,
  };
  const refused: RefusedRow[] = [];
  const valid: ImportRow[] = [];
  const firstRowOfKey = new Map<string, number>();
  let rows = 0;
  for (const source of options.rows) {
    rows++;
    const read = readImportRow(source.cell, source.row, mapping, lookups);
    if (!read.ok) {
      refused.push({ row: source.row, problems: read.problems });
      continue;
    }
    const earlier = firstRowOfKey.get(read.value.key);
    if (earlier !== undefined) {
      const field = read.value.key.startsWith('ext:') ? 'externalId' : 'number';
      refused.push({
        row: source.row,
        problems: [{ field, column: mapping.columns[field] ?? field, reason: `same as row ${earlier}` }],
      });
      continue;
    }
    firstRowOfKey.set(read.value.key, source.row);
    valid.push(read.value);
  }

  const done = new Set<string>();
  for (let i = 0; i < valid.length; i += 10_000) {
    for (const key of await importedKeys(
      db,
      valid.slice(i, i + 10_000).map((r) => r.key),
    ))
      done.add(key);
  }
  const todo = valid.filter((r) => !done.has(r.key));
  const result: ImportResult = {
    rows,
    refused,
    alreadyImported: valid.length - todo.length,
    imported: 0,
    renumbered: [],
    dryRun: options.dryRun,
  };

  if (options.dryRun) {
    const taken = new Set<string>();
    for (let i = 0; i < todo.length; i += 10_000) {
      const numbers = todo.slice(i, i + 10_000).flatMap((r) => (r.keep ? [r.keep.number] : []));
      for (const n of await takenNumbers(db, numbers)) taken.add(n);
    }
    const used = new Set<string>();
    for (const row of todo) {
      if (!row.keep || taken.has(row.keep.number) || used.has(row.keep.number))
        result.renumbered.push({ row: row.row, sourceNumber: row.sourceNumber, number: null });
      else used.add(row.keep.number);
    }
    result.imported = todo.length;
    return result;
  }

  const chunkSize = options.chunkSize ?? CHUNK;
  // Every number kept from the source is reserved before any new one is handed out: a new number taken
  // for an early row must not be one a later row keeps.
  const floors = new Map<number, number>();
  for (const r of todo) {
    const year = r.keep?.year ?? yearOf(r);
    floors.set(year, Math.max(floors.get(year) ?? 0, r.keep?.seq ?? 0));
  }
  const usedNumbers = new Set<string>();
  // The first transaction that writes raises every year's counter and carries the run's audit entry.
  let first = true;
  for (let i = 0; i < todo.length; i += chunkSize) {
    const chunk = todo.slice(i, i + chunkSize);
    const written = await db.transaction().execute(async (tx) => {
      await quietBulkLoad(tx);
      // Another run of the same file may have committed these since the check above.
      const already = await importedKeys(
        tx,
        chunk.map((r) => r.key),
      );
      const fresh = chunk.filter((r) => !already.has(r.key));
      // Locks the years' counters first: intake cannot take a kept number between the check and the insert.
      const years = new Set(fresh.map(yearOf));
      await raiseCounters(tx, first ? floors : new Map([...floors].filter(([year]) => years.has(year))));
      const taken = await takenNumbers(
        tx,
        fresh.flatMap((r) => (r.keep ? [r.keep.number] : [])),
      );
      const numbers = new Map<ImportRow, { number: string; year: number; seq: number }>();
      const needNew = new Map<number, ImportRow[]>();
      for (const r of fresh) {
        if (r.keep && !taken.has(r.keep.number) && !usedNumbers.has(r.keep.number)) {
          numbers.set(r, r.keep);
          usedNumbers.add(r.keep.number);
        } else {
          const year = yearOf(r);
          needNew.set(year, [...(needNew.get(year) ?? []), r]);
        }
      }
      const renumbered: ImportResult['renumbered'] = [];
      for (const [year, list] of [...needNew].sort(([a], [b]) => a - b)) {
        const last = (await takeSequence(tx, year, list.length)) ?? list.length;
        list.forEach((r, k) => {
          const seq = last - list.length + 1 + k;
          const number = formatAppealNumber(year, seq);
          numbers.set(r, { number, year, seq });
          renumbered.push({ row: r.row, sourceNumber: r.sourceNumber, number });
        });
      }
      if (fresh.length === 0) return { count: 0, renumbered };

      const appealRows = fresh.map((r) => appealRow(r, numbers.get(r), options));
      const inserted = await insertAppeals(tx, appealRows);
      const idOf = new Map(inserted.map((a) => [a.number, Number(a.id)]));
      const ids = appealRows.map((a) => idOf.get(a.number) ?? 0);
      await insertAppealUnits(
        tx,
        fresh.map((r, k) => ({
          appeal_id: ids[k] ?? 0,
          unit_id: unitOf(r, options).id,
          role: 'lead' as const,
          position: 0,
          assigned_at: r.receivedAt,
          assigned_by: null,
        })),
      );
      await insertEvents(
        tx,
        fresh.flatMap((r, k) => historyOf(r, ids[k] ?? 0, options)),
      );
      const answers = fresh.flatMap((r, k) => answerOf(r, ids[k] ?? 0));
      if (answers.length > 0) await insertAnswers(tx, answers);
      await insertImportKeys(
        tx,
        fresh.map((r, k) => ({
          import_key: r.key,
          appeal_id: ids[k] ?? 0,
          source_number: r.sourceNumber,
          file_sha256: options.file.sha256,
          source_row: r.row,
          imported_at: now,
        })),
      );
      if (first) await auditRun(tx, options, result, todo.length);
      return { count: fresh.length, renumbered };
    });
    if (written.count > 0) first = false;
    result.imported += written.count;
    result.alreadyImported += chunk.length - written.count;
    result.renumbered.push(...written.renumbered);
  }
  if (first) await db.transaction().execute((tx) => auditRun(tx, options, result, result.imported));
  return result;
}

/** The year of receipt in Tashkent, which an appeal's number carries. */
function yearOf(r: ImportRow): number {
  return Number(localDateOf(r.receivedAt).slice(0, 4));
}

function unitOf(r: ImportRow, options: ImportAppealsOptions) {
  const unit = options.ref.units.byCode(r.unitCode);
  if (!unit) throw new Error(`unit ${r.unitCode} vanished during the import`);
  return unit;
}

function appealRow(
  r: ImportRow,
  numbering: { number: string; year: number; seq: number } | undefined,
  options: ImportAppealsOptions,
): NewAppealRow {
  if (!numbering) throw new Error('an imported appeal without a number');
  const { protector, ref } = options;
  const { number, year, seq } = numbering;
  const unit = unitOf(r, options);
  const applicant = r.applicant.kind === 'anonymous' ? null : r.applicant;
  const pinfl = applicant?.kind === 'individual' ? applicant.pinfl : undefined;
  const name =
    applicant?.kind === 'individual'
      ? `${applicant.lastName} ${applicant.firstName} ${applicant.patronymic ?? ''}`
      : applicant?.organization;
  const clock = startClock({
    type: r.type,
    receivedAt: r.receivedAt,
    calendar: ref.calendar,
    settings: ref.clockSettings,
  });
  const latin = canonicalLatin(r.text);
  return {
    number,
    year,
    seq,
    // Nobody knows this code: an imported appeal is tracked by staff, not by its applicant.
    access_code_hash: protector.accessCodeHash(number, newAccessCode()),
    applicant_enc: applicant ? protector.seal(applicant, number) : null,
    type: r.type,
    form: r.form,
    channel: r.channel,
    status: r.status,
    applicant_kind: r.applicant.kind,
    phone_hash: applicant?.phone ? protector.lookupHash('phone', applicant.phone) : null,
    pinfl_hash: pinfl ? protector.lookupHash('pinfl', pinfl) : null,
    email_hash: applicant?.email ? protector.lookupHash('email', applicant.email) : null,
    name_hash: name ? protector.lookupHash('name', looseKey(name)) : null,
    text: r.text,
    text_latin: latin,
    language: null,
    answer_language: answerLanguageByScript(r.text),
    answer_channel: 'web',
    territory_code: r.territoryCode,
    category_code: r.categoryCode,
    signatories: null,
    urgency_reason: null,
    subject_unit_id: null,
    owner_unit_id: unit.id,
    scope_units: [unit.id],
    parent_id: null,
    link_kind: null,
    merged_into_id: null,
    received_at: r.receivedAt,
    ...clockColumns(clock),
    intake_reading: null,
    routed_at: r.status === 'registered' ? null : r.receivedAt,
    routing_confidence: null,
    outcome: r.outcome,
    closed_at: r.answeredAt,
    forwarded_to: r.forwardedTo,
    rating: null,
    rated_at: null,
    created_by: null,
    updated_at: r.answeredAt ?? r.receivedAt,
  };
}

function historyOf(
  r: ImportRow,
  appealId: number,
  options: ImportAppealsOptions,
): Insertable<AppealEventsTable>[] {
  const unit = unitOf(r, options);
  const line = (
    at: Date,
    event: string,
    fromStatus: string | null,
    toStatus: string | null,
    isPublic: boolean,
    data: Record<string, unknown>,
  ): Insertable<AppealEventsTable> => ({
    appeal_id: appealId,
    at,
    event,
    from_status: fromStatus,
    to_status: toStatus,
    actor_id: null,
    actor_kind: 'system',
    public: isPublic,
    unit_id: unit.id,
    data: JSON.stringify(data),
  });
  const events = [
    line(r.receivedAt, 'registered', null, 'registered', true, { channel: r.channel, form: r.form }),
  ];
  if (r.status !== 'registered')
    events.push(
      line(r.receivedAt, 'routed', 'registered', 'assigned', true, { units: [unit.code], reason: null }),
    );
  if (r.status === 'in_progress')
    events.push(line(r.receivedAt, 'accepted', 'assigned', 'in_progress', true, {}));
  const closedAt = r.answeredAt;
  if (closedAt && closed.has(r.status)) {
    const data: Record<string, unknown> =
      r.status === 'answered'
        ? { outcome: r.outcome }
        : r.status === 'forwarded'
          ? { to: r.forwardedTo, reason: null }
          : r.status === 'withdrawn'
            ? { reason: null }
            : {};
    events.push(line(closedAt, r.status, 'assigned', r.status, true, data));
  }
  events.push(
    line(options.now, 'imported', null, null, false, {
      file: options.file.sha256.slice(0, 16),
      row: r.row,
      sourceNumber: r.sourceNumber,
    }),
  );
  return events;
}

function answerOf(r: ImportRow, appealId: number): Insertable<AnswersTable>[] {
  if (!r.answer || !r.answeredAt) return [];
  return [
    {
      appeal_id: appealId,
      kind: r.status === 'answered' ? 'answer' : 'conclusion',
      body: r.answer,
      outcome: r.outcome,
      status: 'approved',
      author_id: null,
      created_at: r.answeredAt,
      reviewed_at: r.answeredAt,
      review_comment: null,
    },
  ];
}

async function auditRun(tx: Db, options: ImportAppealsOptions, result: ImportResult, toImport: number) {
  await options.audit.append(tx, [
    {
      actor: options.actor,
      action: 'appeals.import',
      targetType: 'file',
      targetId: options.file.sha256,
      data: {
        file: options.file.name,
        rows: result.rows,
        refused: result.refused.length,
        alreadyImported: result.alreadyImported,
        toImport,
      },
      at: options.now,
    },
  ]);
}
