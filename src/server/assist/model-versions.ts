import { readFile } from 'node:fs/promises';
import * as XLSX from '@e965/xlsx';
import type { LabelledText } from '../../nlp/index.ts';
import type { Actor } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { AppError, FieldValidationError } from '../errors.ts';
import {
  activateModel,
  countModels,
  examplesOf,
  insertExamples,
  insertModel,
  modelByVersion,
  modelVersions,
} from './assist.repository.ts';
import { CATEGORY_LABELS } from './model-registry.ts';
import { trainInWorker } from './train-in-worker.ts';

const starterTrain = new URL('../../nlp/data/starter-train.jsonl', import.meta.url);
// A clerk's correction is worth more than one written example: it is the organisation's own reality.
const CORRECTION_WEIGHT = 3;
const MAX_IMPORT_ROWS = 200_000;

/** The model versions with their evaluation on a held-out slice, newest first. */
export async function listModelVersions(ctx: AppContext) {
  const rows = await modelVersions(ctx.db);
  return rows.map((r) => ({
    version: r.version,
    labelSet: r.label_set,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    examples: r.examples,
    evaluation: r.evaluation,
    active: r.active,
  }));
}

/** Asks for a new category model version: the training runs as a job after commit. */
export async function requestRetraining(ctx: AppContext, actor: Actor): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    await ctx.jobs.enqueue(tx, [{ name: 'nlp-retrain', data: { requestedBy: actor.label } }]);
    await ctx.audit.append(tx, [
      {
        actor,
        action: 'nlp.retrain_requested',
        targetType: 'nlp_model',
        targetId: 'category',
        at: ctx.clock.now(),
      },
    ]);
  });
}

/** Makes a version the one triage uses (also how an administrator rolls back). */
export async function activateModelVersion(ctx: AppContext, version: string, actor: Actor): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await modelByVersion(tx, version);
    if (!row) throw new AppError('NOT_FOUND');
    await activateModel(tx, row);
    await ctx.audit.append(tx, [
      { actor, action: 'nlp.activate', targetType: 'nlp_model', targetId: version, at: ctx.clock.now() },
    ]);
  });
  ctx.models.invalidate();
}

async function starterExamples(): Promise<LabelledText[]> {
  const text = await readFile(starterTrain, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const parsed: unknown = JSON.parse(line);
      if (
        typeof parsed === 'object' &&
        parsed !== null &&
        'text' in parsed &&
        'label' in parsed &&
        typeof parsed.text === 'string' &&
        typeof parsed.label === 'string'
      ) {
        // The group keeps the written variants of one sentence in one fold of the calibration, so
        // that the temperature is measured on unseen sentences, not on twins of trained ones.
        const group = 'group' in parsed && typeof parsed.group === 'string' ? parsed.group : undefined;
        return group === undefined
          ? { text: parsed.text, label: parsed.label }
          : { text: parsed.text, label: parsed.label, group: `starter/${group}` };
      }
      throw new Error('starter-train.jsonl has a malformed line');
    });
}

/**
 * Trains a new category model from the shipped starter examples, the clerks' corrections and imported
 * history, evaluates it on a held-out slice and stores it inactive: an administrator compares it with the
 * active one and activates it (or not). `signal` stops the training (the job given up, or the server stopping).
 */
export async function retrainCategoryModel(
  ctx: AppContext,
  requestedBy: string,
  options: { signal?: AbortSignal } = {},
): Promise<string> {
  const known = new Set(ctx.reference().categories.keys());
  const rows = await examplesOf(ctx.db, CATEGORY_LABELS);
  const learned = rows
    .filter((r) => known.has(r.label))
    .flatMap((r, i) =>
      // A correction's copies stay together (one group), or the calibration would score a copy of
      // an example it trained on.
      Array.from({ length: r.source === 'correction' ? CORRECTION_WEIGHT : 1 }, () => ({
        text: r.text,
        label: r.label,
        group: `learned/${i}`,
      })),
    );
  const examples = [...(await starterExamples()), ...learned];
  const createdAt = ctx.clock.now();
  // Three folds for the temperature (four fits in all, not the command line's six): the job retrains on
  // the whole history next to live work, and three folds already weigh every example once. In a thread
  // of its own: training takes seconds to minutes, during which a process that also serves HTTP
  // (ROLE=all) would otherwise answer nothing.
  const model = await trainInWorker(
    { examples, options: { createdAt: createdAt.toISOString(), calibrationFolds: 3 } },
    { signal: options.signal },
  );
  const stored = await countModels(ctx.db);
  const version = `v${stored + 1}-${createdAt.toISOString().slice(0, 10)}`;
  await ctx.db.transaction().execute(async (tx) => {
    await insertModel(tx, {
      version,
      label_set: CATEGORY_LABELS,
      created_at: createdAt,
      created_by: requestedBy,
      examples: examples.length,
      evaluation: JSON.stringify(model.evaluation),
      model: JSON.stringify(model),
      active: false,
    });
    await ctx.audit.append(tx, [
      {
        actor: { id: null, label: requestedBy },
        action: 'nlp.train',
        targetType: 'nlp_model',
        targetId: version,
        data: { examples: examples.length, macroF1: model.evaluation?.macroF1 ?? null },
        at: createdAt,
      },
    ]);
  });
  return version;
}

/**
 * Imports past appeals with their categories (CSV or XLSX with columns `text` and `category`) as training
 * examples; the organisation's own history then replaces the bootstrap examples in the next training.
 */
export async function importLabelledAppeals(
  ctx: AppContext,
  input: { filename: string; content: Buffer; actor: Actor },
): Promise<{ imported: number; skipped: { row: number; reason: string }[] }> {
  const isCsv = /\.csv$/i.test(input.filename) || !/\.(xlsx|xls|ods)$/i.test(input.filename);
  let rows: unknown[];
  try {
    const book = isCsv
      ? XLSX.read(input.content.toString('utf8'), { type: 'string', dense: true })
      : XLSX.read(input.content, { type: 'buffer', dense: true });
    const first = book.SheetNames[0];
    const sheet = first ? book.Sheets[first] : undefined;
    rows = sheet ? XLSX.utils.sheet_to_json(sheet, { defval: '' }) : [];
  } catch {
    throw new FieldValidationError([{ path: 'file', key: 'format' }]);
  }
  if (rows.length > MAX_IMPORT_ROWS) throw new AppError('PAYLOAD_TOO_LARGE');
  const known = new Set(ctx.reference().categories.keys());
  const skipped: { row: number; reason: string }[] = [];
  const examples: { text: string; label: string }[] = [];
  rows.forEach((row, i) => {
    const text = field(row, 'text');
    const label = field(row, 'category');
    if (!text || text.length < 10)
      skipped.push({ row: i + 2, reason: 'text missing or shorter than 10 characters' });
    else if (!label || !known.has(label))
      skipped.push({ row: i + 2, reason: `unknown category "${label ?? ''}"` });
    else examples.push({ text: text.slice(0, 10_000), label });
  });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    for (let i = 0; i < examples.length; i += 1_000) {
      await insertExamples(
        tx,
        examples.slice(i, i + 1_000).map((e) => ({
          label_set: CATEGORY_LABELS,
          text: e.text,
          label: e.label,
          source: 'import' as const,
          appeal_id: null,
          created_at: now,
          created_by: input.actor.label,
        })),
      );
    }
    await ctx.audit.append(tx, [
      {
        actor: input.actor,
        action: 'nlp.import',
        targetType: 'nlp_examples',
        targetId: input.filename.slice(0, 100),
        data: { imported: examples.length, skipped: skipped.length },
        at: now,
      },
    ]);
  });
  return { imported: examples.length, skipped: skipped.slice(0, 100) };
}

function field(row: unknown, name: string): string | undefined {
  if (typeof row !== 'object' || row === null) return undefined;
  const entry = Object.entries(row).find(([key]) => key.trim().toLowerCase() === name);
  return entry === undefined ? undefined : String(entry[1]).trim();
}
