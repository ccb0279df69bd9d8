import type { Selectable } from 'kysely';
import { looseKey } from '../../nlp/index.ts';
import { type Actor, type AuditTrail, systemActor } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { KeyRotationsTable } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { type SealingFileStore, sealsFiles } from '../storage/file-store.ts';
import { DataProtector, type LookupKind } from './data-protector.ts';
import {
  advanceRotation,
  countNotUnder,
  countObjectsByKey,
  countObjectsNotUnder,
  countSealedByKey,
  insertRotation,
  type LookupHashes,
  latestRotation,
  lockObjectRow,
  lockRotation,
  objectBatch,
  recordObjectKey,
  replaceSealed,
  runningRotation,
  sealedBatch,
  sealedColumns,
} from './key-rotation.repository.ts';

// Key rotation (docs/operations.md, "Key rotation"). The newest key of the ring encrypts from the moment a
// process holds it; a rotation re-encrypts what older keys sealed, one batch per background job, each job
// enqueueing the next (after a pause) in the transaction of its batch, so a restart resumes where the last
// committed batch ended. The walk takes the sealed columns in turn and then, when attachments are kept in S3,
// their objects. The rotation's row holds the position and counts, never a value or a key.

export const DEFAULT_BATCH_SIZE = 200;
export const DEFAULT_PAUSE_MS = 1_000;
/** While the object store does not answer the walk, the next try comes this long after (or the pause, if longer). */
export const STORE_RETRY_MS = 30_000;

/** Where the walk is at the attachments' objects: after the last sealed column. */
const OBJECTS_POSITION = sealedColumns.length;

type Rotation = Selectable<KeyRotationsTable>;

/** Starts re-encrypting under the keyring's current key (or returns the rotation already doing so). */
export async function startKeyRotation(options: {
  db: Db;
  jobs: JobQueue;
  protector: DataProtector;
  audit: AuditTrail;
  actor?: Actor;
  now: Date;
  batchSize?: number;
  pauseMs?: number;
  /** The attachments are kept in S3, sealed under the data key (S3_URL is set): their objects are walked too. */
  sealedAttachments: boolean;
}): Promise<{ rotationId: number; keyId: string; total: number; resumed: boolean }> {
  const { db, jobs, protector, audit, now } = options;
  const keyId = protector.currentKeyId;
  return db.transaction().execute(async (tx) => {
    const running = await runningRotation(tx);
    if (running && running.key_id === keyId) {
      await jobs.enqueue(tx, [
        { name: 'reencrypt-personal-data', data: { rotationId: running.id, step: running.step } },
      ]);
      return { rotationId: running.id, keyId, total: running.total, resumed: true };
    }
    // A rotation towards an older key gives way: the new one re-encrypts everything not under the newest.
    if (running) await advanceRotation(tx, running.id, { ...unchanged(running), finishedAt: now });
    const total = await countLeft(tx, keyId, options.sealedAttachments);
    const rotationId = await insertRotation(tx, {
      keyId,
      at: now,
      batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
      pauseMs: options.pauseMs ?? DEFAULT_PAUSE_MS,
      total,
    });
    await jobs.enqueue(tx, [{ name: 'reencrypt-personal-data', data: { rotationId, step: 0 } }]);
    await audit.append(tx, [
      {
        actor: options.actor ?? systemActor,
        action: 'keys.rotate',
        targetType: 'data_key',
        targetId: keyId,
        data: { total, keys: protector.keyring.keys.length },
        at: now,
      },
    ]);
    return { rotationId, keyId, total, resumed: false };
  });
}

/** The rotation's row as it is, with nothing added: to finish it, or to add counts only. */
function unchanged(row: Rotation) {
  return {
    step: row.step,
    position: row.position,
    afterKey: row.after_key,
    done: 0,
    hashesKept: 0,
    failed: 0,
    finishedAt: row.finished_at,
    waitingSince: row.waiting_since,
  };
}

/** How many sealed values, and objects when attachments are sealed in S3, are not known to be under `keyId`. */
async function countLeft(db: Db, keyId: string, sealedAttachments: boolean): Promise<number> {
  const values = await countNotUnder(db, keyId);
  return sealedAttachments ? values + (await countObjectsNotUnder(db, keyId)) : values;
}

/** What one batch did. */
export interface BatchOutcome {
  ran: boolean;
  done: number;
  failed: number;
  finished: boolean;
  /** The object store did not answer: the batch stopped where it was, and the next one tries again later. */
  waiting: boolean;
}

/**
 * Re-encrypts one batch of the rotation `rotationId` at `step` and enqueues the next. A job of another step
 * (a duplicate after a crash) does nothing; so does a process whose current key is not the rotation's (it
 * started before the new key was added: the processes that hold it resume the rotation when they start).
 */
export async function reencryptBatch(
  ctx: Pick<AppContext, 'db' | 'jobs' | 'protector' | 'clock' | 'log' | 'files'>,
  job: { rotationId: number; step: number },
): Promise<BatchOutcome> {
  const store = sealsFiles(ctx.files) ? ctx.files : undefined;
  const next = await ctx.db.transaction().execute(async (tx) => {
    const rotation = await lockRotation(tx, job.rotationId);
    if (!rotation || rotation.finished_at || rotation.step !== job.step) return undefined;
    if (rotation.key_id !== ctx.protector.currentKeyId) {
      ctx.log.warn(
        `Key rotation ${rotation.id} re-encrypts under the data key ${rotation.key_id}, which this process does not hold as its newest: restart it with the new key.`,
      );
      return undefined;
    }
    if (store && rotation.position === OBJECTS_POSITION) {
      // The objects are re-sealed outside this transaction: each waits on the store, and holds its row only
      // while its own object is put back.
      const ids = await objectBatch(tx, rotation.key_id, rotation.after_key, rotation.batch_size);
      return { kind: 'objects' as const, rotation, ids, store };
    }
    return {
      kind: 'columns' as const,
      outcome: await reencryptColumns(ctx, tx, rotation, store !== undefined),
    };
  });
  if (!next) return { ran: false, done: 0, failed: 0, finished: false, waiting: false };
  const outcome =
    next.kind === 'columns' ? next.outcome : await resealObjects(ctx, next.store, next.rotation, next.ids);
  if (outcome.finished) {
    // Counts only.
    ctx.log.info(`Key rotation ${job.rotationId} finished: nothing is sealed under an older key any more.`);
  }
  return outcome;
}

/** One batch of the sealed columns, in the rotation's transaction (which holds its row). */
async function reencryptColumns(
  ctx: Pick<AppContext, 'jobs' | 'protector' | 'clock'>,
  tx: Db,
  rotation: Rotation,
  sealedAttachments: boolean,
): Promise<BatchOutcome> {
  const { protector } = ctx;
  let position = rotation.position;
  let afterKey = rotation.after_key;
  let done = 0;
  let failed = 0;
  let hashesKept = 0;
  let finishedAt: Date | null = null;
  // Columns with nothing left to do are passed in the same job.
  let spec = sealedColumns[position];
  let rows = spec ? await sealedBatch(tx, spec, rotation.key_id, afterKey, rotation.batch_size) : [];
  while (spec && rows.length === 0 && position + 1 < sealedColumns.length) {
    position++;
    afterKey = null;
    spec = sealedColumns[position];
    rows = spec ? await sealedBatch(tx, spec, rotation.key_id, null, rotation.batch_size) : [];
  }
  if (spec) {
    for (const row of rows) {
      const resealed = reseal(protector, row, spec.lookups === true);
      if (!resealed) {
        failed++;
        continue;
      }
      hashesKept += resealed.hashesKept;
      const written = await replaceSealed(tx, spec, {
        key: row.key,
        before: row.blob,
        after: resealed.blob,
        lookups: resealed.lookups,
      });
      if (written) done++;
    }
    const last = rows[rows.length - 1];
    if (last && rows.length === rotation.batch_size) afterKey = last.key;
    else {
      position++;
      afterKey = null;
    }
  }
  // Past the last column the objects come, when attachments are sealed in S3; past those, the walk's end.
  if (position >= OBJECTS_POSITION + (sealedAttachments ? 1 : 0)) {
    if (await walkDone(tx, rotation, failed, sealedAttachments)) finishedAt = ctx.clock.now();
    else position = 0;
  }
  await advanceRotation(tx, rotation.id, {
    step: rotation.step + 1,
    position,
    afterKey,
    done,
    hashesKept,
    failed,
    finishedAt,
    waitingSince: null,
  });
  if (!finishedAt) await enqueueNext(ctx, tx, rotation, rotation.pause_ms);
  return { ran: true, done, failed, finished: finishedAt !== null, waiting: false };
}

/**
 * One batch of the attachments' objects: each opened with the key it names and put back, whole and under the
 * same name, sealed under the newest key, then recorded. Then the rotation's row is advanced. A store that does
 * not answer stops the batch before the object it could not reach: the next job tries again from there after
 * `STORE_RETRY_MS`; nothing is skipped. A crash between putting an object back and recording it leaves it under
 * the new key and its row naming the old one: the next walk finds it already sealed so and only records it.
 */
async function resealObjects(
  ctx: Pick<AppContext, 'db' | 'jobs' | 'clock' | 'log'>,
  store: SealingFileStore,
  rotation: Rotation,
  ids: string[],
): Promise<BatchOutcome> {
  let done = 0;
  let failed = 0;
  let afterKey = rotation.after_key;
  let waiting = false;
  for (const id of ids) {
    try {
      const found = await ctx.db.transaction().execute(async (tx) => {
        if (!(await lockObjectRow(tx, id, rotation.key_id))) return undefined;
        const resealed = await store.reseal(id);
        if (resealed.outcome === 'resealed' || resealed.outcome === 'current')
          await recordObjectKey(tx, id, resealed.keyId);
        return resealed;
      });
      // Deleted meanwhile, or recorded by another job of this step: nothing to count.
      if (found?.outcome === 'missing' || found?.outcome === 'unreadable') failed++;
      else if (found) done++;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'FILE_STORAGE_UNAVAILABLE')) throw error;
      waiting = true;
      break;
    }
    afterKey = id;
  }
  const now = ctx.clock.now();
  const finished = await ctx.db.transaction().execute(async (tx) => {
    const current = await lockRotation(tx, rotation.id);
    if (!current || current.finished_at) return false;
    if (current.step !== rotation.step) {
      // Another job of this step went first (a duplicate after a restart): only this one's counts are added.
      await advanceRotation(tx, current.id, { ...unchanged(current), done, failed });
      return false;
    }
    let position = current.position;
    let finishedAt: Date | null = null;
    if (!waiting && ids.length < current.batch_size) {
      afterKey = null;
      if (await walkDone(tx, current, failed, true)) {
        finishedAt = now;
        position = OBJECTS_POSITION + 1;
      } else position = 0;
    }
    await advanceRotation(tx, current.id, {
      step: current.step + 1,
      position,
      afterKey,
      done,
      hashesKept: 0,
      failed,
      finishedAt,
      waitingSince: waiting ? (current.waiting_since ?? now) : null,
    });
    if (!finishedAt)
      await enqueueNext(
        ctx,
        tx,
        current,
        waiting ? Math.max(current.pause_ms, STORE_RETRY_MS) : current.pause_ms,
      );
    return finishedAt !== null;
  });
  if (waiting) {
    ctx.log.warn(
      `Key rotation ${rotation.id} waits for the object store, which could not be reached or refused a request: it tries again in ${Math.ceil(Math.max(rotation.pause_ms, STORE_RETRY_MS) / 1000)} s.`,
    );
  }
  return { ran: true, done, failed, finished, waiting };
}

/**
 * Whether the walk may end: processes that still held only the old key may have sealed values or objects behind
 * it, so it ends only when what is left is what could not be opened (it walks again otherwise).
 */
async function walkDone(tx: Db, rotation: Rotation, failed: number, sealedAttachments: boolean) {
  const left = await countLeft(tx, rotation.key_id, sealedAttachments);
  return left <= rotation.failed + failed;
}

/** The rotation's next batch, after `delayMs`, in the transaction that recorded this one. */
async function enqueueNext(
  ctx: Pick<AppContext, 'jobs' | 'clock'>,
  tx: Db,
  rotation: Rotation,
  delayMs: number,
) {
  await ctx.jobs.enqueue(
    tx,
    [{ name: 'reencrypt-personal-data', data: { rotationId: rotation.id, step: rotation.step + 1 } }],
    { startAfter: new Date(ctx.clock.now().getTime() + delayMs) },
  );
}

/** A value opened with the key it names and sealed under the current one, with the appeal's look-up hashes. */
function reseal(
  protector: DataProtector,
  row: { blob: Buffer; context: string } & Partial<LookupHashes>,
  withLookups: boolean,
): { blob: Buffer; lookups?: LookupHashes; hashesKept: number } | undefined {
  let value: unknown;
  try {
    value = protector.open(row.blob, row.context);
  } catch {
    return undefined;
  }
  const blob = protector.seal(value, row.context);
  if (!withLookups) return { blob, hashesKept: 0 };
  const oldKeyId = DataProtector.keyIdOf(row.blob, protector.keyring.first.id);
  const candidates = lookupCandidates(value);
  let hashesKept = 0;
  const rehash = (kind: Exclude<LookupKind, 'letter'>, stored: Buffer | null | undefined): Buffer | null => {
    if (!stored) return null;
    for (const candidate of candidates[kind]) {
      if (protector.lookupHashUnder(oldKeyId, kind, candidate).equals(stored)) {
        return protector.lookupHash(kind, candidate);
      }
    }
    // Made from something the sealed record does not give back: searches still match it under the old key.
    if (!candidates[kind].some((c) => protector.lookupHash(kind, c).equals(stored))) hashesKept++;
    return stored;
  };
  const lookups = {
    phone_hash: rehash('phone', row.phone_hash),
    pinfl_hash: rehash('pinfl', row.pinfl_hash),
    email_hash: rehash('email', row.email_hash),
    name_hash: rehash('name', row.name_hash),
  };
  return { blob, lookups, hashesKept };
}

/** What an applicant's look-up hashes can have been made of, as registration and import make them. */
function lookupCandidates(value: unknown): Record<Exclude<LookupKind, 'letter'>, string[]> {
  const field = (name: string): string | undefined => {
    if (!value || typeof value !== 'object' || !(name in value)) return undefined;
    const found: unknown = Reflect.get(value, name);
    return typeof found === 'string' && found.length > 0 ? found : undefined;
  };
  const present = (...values: (string | undefined)[]) => values.filter((v): v is string => v !== undefined);
  const last = field('lastName');
  const first = field('firstName');
  const organization = field('organization');
  return {
    phone: present(field('phone')),
    pinfl: present(field('pinfl')),
    email: present(field('email')),
    name: present(
      last !== undefined && first !== undefined
        ? looseKey(`${last} ${first} ${field('patronymic') ?? ''}`)
        : undefined,
      organization !== undefined ? looseKey(organization) : undefined,
    ),
  };
}

/** Enqueues the running rotation's next batch, when this process holds its key (at a worker's start). */
export async function resumeKeyRotation(
  ctx: Pick<AppContext, 'db' | 'jobs' | 'protector'>,
): Promise<boolean> {
  return ctx.db.transaction().execute(async (tx) => {
    const running = await runningRotation(tx);
    if (!running || running.key_id !== ctx.protector.currentKeyId) return false;
    await ctx.jobs.enqueue(tx, [
      { name: 'reencrypt-personal-data', data: { rotationId: running.id, step: running.step } },
    ]);
    return true;
  });
}

/** What `keys status` shows: the keys, what each still seals, and the newest rotation's progress. */
export interface KeyStatus {
  currentKeyId: string;
  /** `objects`: attachments' objects in S3 recorded as sealed under the key (0 when attachments are on the disk). */
  keys: { id: string; current: boolean; sealed: number; objects: number; sealsNothing: boolean }[];
  /** Whether attachments are kept in S3, sealed under the data key (else on the disk, as they came). */
  sealedAttachments: boolean;
  /** Objects whose key is not recorded yet (stored before keys were recorded): any key of the ring may seal them. */
  objectsUnrecorded: number;
  rotation:
    | {
        keyId: string;
        startedAt: Date;
        finishedAt: Date | null;
        total: number;
        done: number;
        failed: number;
        hashesKept: number;
        position: string;
        /** Since when the walk waits for the object store, which does not answer it. */
        waitingSince: Date | null;
      }
    | undefined;
  columns: { column: string; keyId: string; count: number }[];
}

/**
 * The keyring's keys with what each still seals (counts only), and the newest rotation. With attachments in S3
 * (`sealedAttachments`), their objects count too, and no older key is said to seal nothing while some object's
 * key is not recorded.
 */
export async function keyStatus(
  db: Db,
  protector: DataProtector,
  options: { sealedAttachments: boolean },
): Promise<KeyStatus> {
  const columns = await countSealedByKey(db);
  const objects = options.sealedAttachments ? await countObjectsByKey(db) : [];
  const firstId = protector.keyring.first.id;
  const sealedUnder = (id: string) =>
    columns
      .filter((c) => c.keyId === id || (c.keyId === 'v1' && id === firstId))
      .reduce((sum, c) => sum + c.count, 0);
  const objectsUnder = (id: string | null) => objects.find((o) => o.keyId === id)?.count ?? 0;
  const objectsUnrecorded = objectsUnder(null);
  const rotation = await latestRotation(db);
  return {
    currentKeyId: protector.currentKeyId,
    keys: protector.keyring.keys.map(({ id }) => {
      const current = id === protector.currentKeyId;
      const sealed = sealedUnder(id);
      const held = objectsUnder(id);
      return {
        id,
        current,
        sealed,
        objects: held,
        sealsNothing: !current && sealed === 0 && held === 0 && objectsUnrecorded === 0,
      };
    }),
    sealedAttachments: options.sealedAttachments,
    objectsUnrecorded,
    rotation: rotation && {
      keyId: rotation.key_id,
      startedAt: rotation.started_at,
      finishedAt: rotation.finished_at,
      total: rotation.total,
      done: rotation.done,
      failed: rotation.failed,
      hashesKept: rotation.hashes_kept,
      position:
        sealedColumns[rotation.position]?.name ??
        (options.sealedAttachments && rotation.position === OBJECTS_POSITION ? 'attachment objects' : 'end'),
      waitingSince: rotation.waiting_since,
    },
    columns,
  };
}
