import { appendFile, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { auditRowHash, countAndHead, firstKeyedId } from './audit.repository.ts';
import { verifyAudit } from './audit.ts';
import {
  type AuditKey,
  type AuditVerification,
  type Checkpoint,
  type CheckpointFields,
  type CheckpointSource,
  describeProblem,
  formatCheckpoint,
  parseCheckpoint,
} from './audit-chain.ts';

/** The append-only file in `DATA_DIR` that keeps the server's checkpoints of the audit chain. */
export function checkpointFile(dataDir: string): string {
  return path.join(dataDir, 'audit-checkpoints.log');
}

/**
 * Reads every checkpoint line from files: the checkpoint file itself, a log the server wrote, or a
 * copy kept elsewhere. Other lines are skipped; a file that does not exist holds none.
 */
export async function readCheckpoints(files: string[]): Promise<CheckpointSource[]> {
  const found: CheckpointSource[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    text.split('\n').forEach((line, index) => {
      const checkpoint = parseCheckpoint(line);
      if (checkpoint) found.push({ checkpoint, source: file, line: index + 1 });
    });
  }
  return found;
}

// The newest checkpoint is within the file's last lines; a year of them is over 100 MB.
const TAIL_BYTES = 64 * 1024;

/** The newest checkpoint in a file that `key` signed, read from the file's end; undefined when none. */
async function lastCheckpoint(file: string, key: AuditKey): Promise<Checkpoint | undefined> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!handle) return undefined;
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n').reverse();
    for (const line of lines) {
      const checkpoint = parseCheckpoint(line);
      if (checkpoint && key.checkpointMatches(checkpoint)) return checkpoint;
    }
    return undefined;
  } finally {
    await handle.close();
  }
}

/** Signs the chain's state as a checkpoint. */
export function signCheckpoint(key: AuditKey, fields: CheckpointFields): Checkpoint {
  return { ...fields, mac: key.checkpointMac(fields) };
}

/** Appends a checkpoint to the file (no fsync: the log line is the second copy) and returns its line. */
export async function writeCheckpoint(dataDir: string, checkpoint: Checkpoint): Promise<string> {
  const line = formatCheckpoint(checkpoint);
  await appendFile(checkpointFile(dataDir), `${line}\n`, { mode: 0o600 });
  return line;
}

/**
 * How often a running server checks the rows appended since its last checkpoint and writes a new one:
 * the longest a cut of the newest rows can go unnoticed, and one line (~230 bytes) a minute of activity.
 */
const CHECKPOINT_INTERVAL_MS = 60_000;

/**
 * Writes a checkpoint of the audit chain at start, every minute while rows are appended, and at
 * stop: to `DATA_DIR/audit-checkpoints.log` and as a log line. Before each one it checks the rows added
 * since the previous checkpoint (their links and keyed hashes) and that the previous head is still there,
 * so an edit, a cut or a truncation shows in the log within one interval. Intake does not wait for it.
 */
export class AuditCheckpointer {
  readonly #db: Db;
  readonly #key: AuditKey;
  readonly #dataDir: string;
  readonly #clock: Clock;
  readonly #log: () => Logger;
  #last: CheckpointFields | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<Checkpoint | undefined> | undefined;

  constructor(options: { db: Db; key: AuditKey; dataDir: string; clock: Clock; log: () => Logger }) {
    this.#db = options.db;
    this.#key = options.key;
    this.#dataDir = options.dataDir;
    this.#clock = options.clock;
    this.#log = options.log;
  }

  /** Writes the first checkpoint and starts the periodic ones. */
  async start(intervalMs = CHECKPOINT_INTERVAL_MS): Promise<void> {
    this.#last = await lastCheckpoint(checkpointFile(this.#dataDir), this.#key);
    await this.checkpoint();
    this.#timer = setInterval(() => {
      this.checkpoint().catch((error: unknown) => this.#failed(error));
    }, intervalMs);
    this.#timer.unref();
  }

  /** Checks the rows since the last checkpoint and writes a new one when the chain grew. */
  checkpoint(): Promise<Checkpoint | undefined> {
    this.#running ??= this.#checkpoint().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Stops the periodic checkpoints after writing a last one. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    // A periodic checkpoint under way may have read the chain before the last appends: one more after it.
    await this.#running?.catch(() => undefined);
    await this.checkpoint().catch((error: unknown) => this.#failed(error));
  }

  // A database outage must not stop the server or its shutdown; the next checkpoint catches up.
  #failed(error: unknown): void {
    this.#log().warn(
      { err: { message: error instanceof Error ? error.message : String(error) } },
      'audit checkpoint failed',
    );
  }

  async #checkpoint(): Promise<Checkpoint | undefined> {
    const last = this.#last;
    const state = last ? await this.#continueFrom(last) : await this.#baseline();
    if (!state || state.entries === 0) return undefined;
    if (last && state.entries === last.entries && state.lastId === last.lastId) return undefined;
    const checkpoint = signCheckpoint(this.#key, { ...state, at: this.#clock.now().toISOString() });
    const line = await writeCheckpoint(this.#dataDir, checkpoint);
    this.#log().info(line);
    this.#last = checkpoint;
    return checkpoint;
  }

  // Only the rows since the last checkpoint are read: the whole chain is `murojaat audit verify`'s job.
  async #continueFrom(last: CheckpointFields): Promise<Omit<CheckpointFields, 'at'> | undefined> {
    const head = await auditRowHash(this.#db, last.lastId);
    if (head?.hash !== last.headHash) {
      this.#log().error(
        `audit log changed since the checkpoint of ${last.at}: row ${last.lastId} (entry ${last.entries}) ` +
          `${head ? 'holds another hash' : 'is gone'}. Run \`murojaat audit verify\`.`,
      );
      return this.#baseline();
    }
    const result = await verifyAudit(this.#db, { key: this.#key, checkpoints: [], after: last });
    for (const problem of result.problems) {
      this.#log().error(`audit log check after the checkpoint of ${last.at}: ${describeProblem(problem)}`);
    }
    if (!result.head) return undefined;
    return {
      entries: result.checked,
      lastId: result.head.id,
      headHash: result.head.hash,
      keyedFrom: last.keyedFrom,
    };
  }

  // Without a checkpoint to continue from (first start, a new DATA_DIR, a chain found changed) the chain
  // is taken as it stands; the next checkpoints continue from it.
  async #baseline(): Promise<Omit<CheckpointFields, 'at'> | undefined> {
    const head = await countAndHead(this.#db);
    if (!head) return undefined;
    const keyedFrom = await firstKeyedId(this.#db);
    return { entries: head.entries, lastId: head.id, headHash: head.hash, keyedFrom: keyedFrom ?? 0 };
  }
}

/**
 * Verifies the whole chain against the checkpoints in the server's file and in any other files given
 * (a copy kept elsewhere, the server's log).
 */
export async function verifyAuditLog(options: {
  db: Db;
  key: AuditKey;
  dataDir: string;
  otherFiles?: string[];
}): Promise<AuditVerification> {
  const checkpoints = await readCheckpoints([checkpointFile(options.dataDir), ...(options.otherFiles ?? [])]);
  return verifyAudit(options.db, { key: options.key, checkpoints });
}
