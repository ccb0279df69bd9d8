import { looseKey } from '../../nlp/index.ts';
import { type Actor, type AuditTrail, systemActor } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { DataProtector, type LookupKind } from './data-protector.ts';
import {
  advanceRotation,
  countNotUnder,
  countSealedByKey,
  insertRotation,
  type LookupHashes,
  latestRotation,
  lockRotation,
  replaceSealed,
  runningRotation,
  sealedBatch,
  sealedColumns,
} from './key-rotation.repository.ts';

// Key rotation (docs/operations.md, "Key rotation"). The newest key of the ring encrypts from the moment a
// process holds it; a rotation re-encrypts what older keys sealed, one batch per background job, each job
// enqueueing the next (after a pause) in the transaction of its batch, so a restart resumes where the last
// committed batch ended. The rotation's row holds the position and counts, never a value or a key.

export const DEFAULT_BATCH_SIZE = 200;
export const DEFAULT_PAUSE_MS = 1_000;

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
    const total = await countNotUnder(tx, keyId);
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

function unchanged(row: { step: number; position: number; after_key: string | null }) {
  return {
    step: row.step,
    position: row.position,
    afterKey: row.after_key,
    done: 0,
    hashesKept: 0,
    failed: 0,
  };
}

/** What one batch did. */
export interface BatchOutcome {
  ran: boolean;
  done: number;
  failed: number;
  finished: boolean;
}

/**
 * Re-encrypts one batch of the rotation `rotationId` at `step` and enqueues the next. A job of another step
 * (a duplicate after a crash) does nothing; so does a process whose current key is not the rotation's (it
 * started before the new key was added: the processes that hold it resume the rotation when they start).
 */
export async function reencryptBatch(
  ctx: Pick<AppContext, 'db' | 'jobs' | 'protector' | 'clock' | 'log'>,
  job: { rotationId: number; step: number },
): Promise<BatchOutcome> {
  const { protector } = ctx;
  const idle = { ran: false, done: 0, failed: 0, finished: false };
  const outcome = await ctx.db
    .transaction()
    .execute(async (tx): Promise<BatchOutcome & { pauseMs: number }> => {
      const rotation = await lockRotation(tx, job.rotationId);
      if (!rotation || rotation.finished_at || rotation.step !== job.step) return { ...idle, pauseMs: 0 };
      if (rotation.key_id !== protector.currentKeyId) {
        ctx.log.warn(
          `Key rotation ${rotation.id} re-encrypts under the data key ${rotation.key_id}, which this process does not hold as its newest: restart it with the new key.`,
        );
        return { ...idle, pauseMs: 0 };
      }
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
      if (position >= sealedColumns.length) {
        // Processes that still held only the old key may have sealed rows behind the walk: walk again until
        // what is left is only what cannot be opened.
        const left = await countNotUnder(tx, rotation.key_id);
        if (left <= rotation.failed + failed) finishedAt = ctx.clock.now();
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
      });
      if (!finishedAt) {
        await ctx.jobs.enqueue(
          tx,
          [{ name: 'reencrypt-personal-data', data: { rotationId: rotation.id, step: rotation.step + 1 } }],
          { startAfter: new Date(ctx.clock.now().getTime() + rotation.pause_ms) },
        );
      }
      return { ran: true, done, failed, finished: finishedAt !== null, pauseMs: rotation.pause_ms };
    });
  if (outcome.finished) {
    // Counts only.
    ctx.log.info(`Key rotation ${job.rotationId} finished: nothing is sealed under an older key any more.`);
  }
  return { ran: outcome.ran, done: outcome.done, failed: outcome.failed, finished: outcome.finished };
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
  keys: { id: string; current: boolean; sealed: number; sealsNothing: boolean }[];
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
      }
    | undefined;
  columns: { column: string; keyId: string; count: number }[];
}

/** The keyring's keys with what each still seals (counts only), and the newest rotation. */
export async function keyStatus(db: Db, protector: DataProtector): Promise<KeyStatus> {
  const columns = await countSealedByKey(db);
  const firstId = protector.keyring.first.id;
  const sealedUnder = (id: string) =>
    columns
      .filter((c) => c.keyId === id || (c.keyId === 'v1' && id === firstId))
      .reduce((sum, c) => sum + c.count, 0);
  const rotation = await latestRotation(db);
  return {
    currentKeyId: protector.currentKeyId,
    keys: protector.keyring.keys.map(({ id }) => {
      const current = id === protector.currentKeyId;
      const sealed = sealedUnder(id);
      return { id, current, sealed, sealsNothing: !current && sealed === 0 };
    }),
    rotation: rotation && {
      keyId: rotation.key_id,
      startedAt: rotation.started_at,
      finishedAt: rotation.finished_at,
      total: rotation.total,
      done: rotation.done,
      failed: rotation.failed,
      hashesKept: rotation.hashes_kept,
      position: sealedColumns[rotation.position]?.name ?? 'end',
    },
    columns,
  };
}
