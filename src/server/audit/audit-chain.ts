import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { Keyring } from '../security/keyring.ts';

// The audit chain's arithmetic, without I/O: how a row's hash is made, how a checkpoint is signed and
// written, and how a walk over the rows and the checkpoints finds what was edited, deleted or cut off.
// Why it is keyed and where the checkpoints go: docs/decisions/0003-audit-integrity.md.

export const GENESIS_HASH = '0'.repeat(64);

/**
 * How a row's hash was made. `sha256` rows predate the keyed chain (anyone can recompute them);
 * `hmac-sha256` rows need the audit key derived from the keyring's first data key, `hmac-sha256:<key id>`
 * rows the one derived from that key (after a key rotation). No key ever lives in the database.
 */
export type HashKind = 'sha256' | KeyedHashKind;

/** The kinds made with a key. */
export type KeyedHashKind = 'hmac-sha256' | `hmac-sha256:${string}`;

/** True for the kinds made with a key. */
export function isKeyed(kind: HashKind): boolean {
  return kind !== 'sha256';
}

/** The fields a row's hash covers, in the form they are read back from the database. */
export interface ChainedFields {
  at: string;
  actorId: number | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  data: Record<string, unknown>;
}

/** One stored row, as the walk reads it. */
export interface ChainRow extends ChainedFields {
  id: number;
  prevHash: string;
  hash: string;
  hashKind: HashKind;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function canonicalRow(row: ChainedFields): string {
  return JSON.stringify([
    row.at,
    row.actorId,
    row.actorLabel,
    row.action,
    row.targetType,
    row.targetId,
    canonicalJson(row.data),
  ]);
}

/** The unkeyed hash of rows written before the chain was keyed: SHA-256 over the previous hash and the row. */
export function legacyRowHash(prevHash: string, row: ChainedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalRow(row)).digest('hex');
}

interface AuditKeys {
  id: string;
  kind: KeyedHashKind;
  rowKey: Buffer;
  checkpointKey: Buffer;
}

/**
 * The audit key: per data key of the ring, two HMAC-SHA256 keys derived with HKDF under their own labels,
 * one for rows and one for checkpoints. The newest key signs; a row names the key that signed it (its
 * hash kind) and a checkpoint verifies under any key of the ring, so rows and checkpoints written before
 * a rotation still verify. Whoever can rewrite the database but not read a data key cannot make a row
 * or a checkpoint that verifies.
 */
export class AuditKey {
  readonly #all: AuditKeys[];
  readonly #current: AuditKeys;

  constructor(keys: Keyring | Buffer) {
    const ring = keys instanceof Keyring ? keys : new Keyring([keys]);
    this.#all = ring.keys.map((k, index) => ({
      id: k.id,
      // The first key's rows keep the kind they had before keys had ids.
      kind: index === 0 ? 'hmac-sha256' : `hmac-sha256:${k.id}`,
      rowKey: Buffer.from(hkdfSync('sha256', k.key, Buffer.alloc(0), 'murojaat/audit-chain/v1', 32)),
      checkpointKey: Buffer.from(
        hkdfSync('sha256', k.key, Buffer.alloc(0), 'murojaat/audit-checkpoint/v1', 32),
      ),
    }));
    const current = this.#all[this.#all.length - 1];
    if (!current) throw new Error('The keyring holds no data key.');
    this.#current = current;
  }

  /** The hash kind new rows are written with: names the current key. */
  get kind(): KeyedHashKind {
    return this.#current.kind;
  }

  /** The keyed hash of a row under the current key: HMAC-SHA256 over the previous hash and the row's fields. */
  rowHash(prevHash: string, row: ChainedFields): string {
    return rowMac(this.#current, prevHash, row);
  }

  /** True when the stored hash is the one its kind gives for the row (false for a key the ring lacks). */
  rowMatches(row: ChainRow): boolean {
    if (row.hashKind === 'sha256') return sameHex(legacyRowHash(row.prevHash, row), row.hash);
    const keys = this.#all.find((k) => k.kind === row.hashKind);
    return keys !== undefined && sameHex(rowMac(keys, row.prevHash, row), row.hash);
  }

  /** Signs a checkpoint's fields with the current key. */
  checkpointMac(fields: CheckpointFields): string {
    return checkpointMacOf(this.#current, fields);
  }

  /** True when a checkpoint was signed by any key of the ring. */
  checkpointMatches(checkpoint: Checkpoint): boolean {
    return this.#all.some((k) => sameHex(checkpointMacOf(k, checkpoint), checkpoint.mac));
  }
}

function rowMac(keys: AuditKeys, prevHash: string, row: ChainedFields): string {
  return createHmac('sha256', keys.rowKey)
    .update(prevHash)
    .update('\n')
    .update(canonicalRow(row))
    .digest('hex');
}

function checkpointMacOf(keys: AuditKeys, fields: CheckpointFields): string {
  return createHmac('sha256', keys.checkpointKey).update(checkpointBody(fields)).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** What a checkpoint records about the chain at one moment. */
export interface CheckpointFields {
  /** How many rows the chain held. */
  entries: number;
  /** The id of its newest row. */
  lastId: number;
  /** That row's hash. */
  headHash: string;
  /** The id of the first keyed row; rows from it on must all be keyed. */
  keyedFrom: number;
  at: string;
}

/** A checkpoint with its signature. */
export interface Checkpoint extends CheckpointFields {
  mac: string;
}

const CHECKPOINT_TAG = 'murojaat-audit-checkpoint v1';

function checkpointBody(c: CheckpointFields): string {
  return `${CHECKPOINT_TAG} entries=${c.entries} last=${c.lastId} head=${c.headHash} keyed-from=${c.keyedFrom} at=${c.at}`;
}

/**
 * A checkpoint as one line of text. The same line goes to the checkpoint file and into the server's log,
 * so it can be found with grep in a file, in journald's output or inside a JSON log line.
 */
export function formatCheckpoint(c: Checkpoint): string {
  return `${checkpointBody(c)} mac=${c.mac}`;
}

const CHECKPOINT_PATTERN =
  /murojaat-audit-checkpoint v1 entries=(\d+) last=(\d+) head=([0-9a-f]{64}) keyed-from=(\d+) at=(\S+) mac=([0-9a-f]{64})/;

/** Finds a checkpoint in a line of any log or file; undefined when the line holds none. */
export function parseCheckpoint(line: string): Checkpoint | undefined {
  const match = CHECKPOINT_PATTERN.exec(line);
  if (!match) return undefined;
  const [, entries, lastId, headHash, keyedFrom, at, mac] = match;
  return {
    entries: Number(entries),
    lastId: Number(lastId),
    headHash: headHash ?? '',
    keyedFrom: Number(keyedFrom),
    at: at ?? '',
    mac: mac ?? '',
  };
}

/** Where a checkpoint was read from, to name it in a report. */
export interface CheckpointSource {
  checkpoint: Checkpoint;
  source: string;
  line: number;
}

/** One thing the walk found wrong. `id` is the row the problem is found at (0 when there is none). */
export type AuditProblem =
  | { problem: 'edited'; id: number }
  | { problem: 'unkeyed'; id: number; keyedFrom: number }
  | { problem: 'rehashed'; id: number; toId: number; rows: number; after: number }
  | { problem: 'chain_broken'; id: number }
  | { problem: 'tail_missing'; id: number }
  | {
      problem: 'entries_missing';
      id: number;
      from: number;
      to: number;
      checkpointAt: string;
      checkpointLastId: number;
    }
  | { problem: 'chain_empty'; id: 0; checkpointAt: string; entries: number }
  | {
      problem: 'checkpoint_mismatch';
      id: number;
      position: number;
      checkpointAt: string;
      checkpointLastId: number;
      laterMismatches: number;
    }
  | { problem: 'checkpoint_forged'; id: 0; source: string; line: number };

/** What a walk found: the chain's size, how it was checked and every problem. */
export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first keyed row, or null when no row is keyed. */
  keyedFrom: number | null;
  /** The newest row, or null for an empty chain. */
  head: { id: number; hash: string } | null;
  /** How many signed checkpoints the chain was compared with, and the newest of them. */
  checkpoints: { valid: number; newest: { at: string; entries: number } | null };
  problems: AuditProblem[];
}

type Mismatch = Extract<AuditProblem, { problem: 'checkpoint_mismatch' }>;

/**
 * Walks the chain row by row in id order. A row whose hash does not match its fields was edited; the
 * rows right after it that do not match either were re-hashed to cover it (only the key could have
 * made them match); a row that does not point at the hash of the row before it follows a deletion;
 * an unkeyed row where the chain is keyed was rewritten without the key. Checkpoints (kept outside the
 * database) say how long the chain was and what it held: a shorter chain lost rows, another row or hash
 * at a checkpointed position means the chain was rebuilt.
 */
export class ChainWalk {
  readonly #key: AuditKey;
  readonly #problems: AuditProblem[] = [];
  readonly #checkpoints: Checkpoint[] = [];
  readonly #byPosition = new Map<number, Checkpoint[]>();
  /** Rows from this id on must be keyed, as the checkpoints recorded. */
  readonly #keyedSince: number;
  #prev = GENESIS_HASH;
  #position = 0;
  #lastId = 0;
  #keyedFrom: number | null = null;
  #run: { after: number; fromId: number; toId: number; rows: number } | undefined;
  #mismatch: Mismatch | undefined;

  /**
   * `after` continues a walk from a known point (a checkpoint already trusted) instead of the genesis,
   * for the server's periodic check of the rows appended since its last checkpoint.
   */
  constructor(key: AuditKey, checkpoints: CheckpointSource[], after?: CheckpointFields) {
    this.#key = key;
    if (after) {
      this.#position = after.entries;
      this.#prev = after.headHash;
      this.#lastId = after.lastId;
      this.#keyedFrom = after.keyedFrom > 0 ? after.keyedFrom : null;
    }
    for (const { checkpoint, source, line } of checkpoints) {
      if (!key.checkpointMatches(checkpoint)) {
        this.#problems.push({ problem: 'checkpoint_forged', id: 0, source, line });
        continue;
      }
      this.#checkpoints.push(checkpoint);
      const same = this.#byPosition.get(checkpoint.entries) ?? [];
      same.push(checkpoint);
      this.#byPosition.set(checkpoint.entries, same);
    }
    let keyedSince = Number.POSITIVE_INFINITY;
    for (const c of this.#checkpoints) if (c.keyedFrom > 0) keyedSince = Math.min(keyedSince, c.keyedFrom);
    this.#keyedSince = keyedSince;
  }

  /** Takes the next row in id order. */
  add(row: ChainRow): void {
    this.#position += 1;
    if (row.prevHash !== this.#prev) {
      this.#endRun();
      this.#problems.push({ problem: 'chain_broken', id: row.id });
    }
    if (isKeyed(row.hashKind)) this.#keyedFrom ??= row.id;
    const mustBeKeyed = this.#keyedFrom !== null || row.id >= this.#keyedSince;
    if (row.hashKind === 'sha256' && mustBeKeyed) {
      this.#rewritten(row, {
        problem: 'unkeyed',
        id: row.id,
        keyedFrom: this.#keyedFrom ?? this.#keyedSince,
      });
    } else if (!this.#key.rowMatches(row)) {
      this.#rewritten(row, { problem: 'edited', id: row.id });
    } else {
      this.#endRun();
    }
    this.#compareCheckpoints(row);
    this.#prev = row.hash;
    this.#lastId = row.id;
  }

  // The first row that fails is the edited (or unkeyed) one; the rows right after it that fail too were
  // re-hashed to cover it, and are reported once as a run.
  #rewritten(row: ChainRow, first: AuditProblem): void {
    if (this.#run) {
      if (this.#run.rows === 0) this.#run.fromId = row.id;
      this.#run.toId = row.id;
      this.#run.rows += 1;
      return;
    }
    this.#problems.push(first);
    this.#run = { after: row.id, fromId: 0, toId: row.id, rows: 0 };
  }

  #endRun(): void {
    const run = this.#run;
    this.#run = undefined;
    if (!run || run.rows === 0) return;
    this.#problems.push({
      problem: 'rehashed',
      id: run.fromId,
      toId: run.toId,
      rows: run.rows,
      after: run.after,
    });
  }

  #compareCheckpoints(row: ChainRow): void {
    for (const checkpoint of this.#byPosition.get(this.#position) ?? []) {
      if (checkpoint.lastId === row.id && checkpoint.headHash === row.hash) continue;
      if (this.#mismatch) {
        this.#mismatch.laterMismatches += 1;
        continue;
      }
      this.#mismatch = {
        problem: 'checkpoint_mismatch',
        id: row.id,
        position: this.#position,
        checkpointAt: checkpoint.at,
        checkpointLastId: checkpoint.lastId,
        laterMismatches: 0,
      };
    }
  }

  /** Ends the walk: compares its length with the checkpoints and with the database's own anchor. */
  finish(anchorHash: string | undefined): AuditVerification {
    this.#endRun();
    if (this.#mismatch) this.#problems.push(this.#mismatch);
    const longest = maxBy(this.#checkpoints, (c) => c.entries);
    if (longest && longest.entries > this.#position) {
      this.#problems.push(
        this.#position === 0
          ? { problem: 'chain_empty', id: 0, checkpointAt: longest.at, entries: longest.entries }
          : {
              problem: 'entries_missing',
              id: this.#lastId,
              from: this.#position + 1,
              to: longest.entries,
              checkpointAt: longest.at,
              checkpointLastId: longest.lastId,
            },
      );
    }
    if (anchorHash !== undefined && anchorHash !== this.#prev) {
      this.#problems.push({ problem: 'tail_missing', id: this.#lastId });
    }
    const newest = maxBy(this.#checkpoints, (c) => Date.parse(c.at));
    return {
      ok: this.#problems.length === 0,
      checked: this.#position,
      keyedFrom: this.#keyedFrom,
      head: this.#position > 0 ? { id: this.#lastId, hash: this.#prev } : null,
      checkpoints: {
        valid: this.#checkpoints.length,
        newest: newest ? { at: newest.at, entries: newest.entries } : null,
      },
      problems: this.#problems,
    };
  }
}

function maxBy<T>(items: T[], score: (item: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (!best || score(item) > score(best)) best = item;
  return best;
}

/** One line of English per problem, for the command line and logs. */
export function describeProblem(p: AuditProblem): string {
  switch (p.problem) {
    case 'edited':
      return `row ${p.id}: edited (its hash does not match its content under the audit key)`;
    case 'rehashed': {
      const rows = p.rows === 1 ? `row ${p.id}` : `rows ${p.id}–${p.toId} (${p.rows} rows)`;
      return `${rows}: re-hashed after row ${p.after} to cover it (hashes not made with the audit key)`;
    }
    case 'chain_broken':
      return `row ${p.id}: does not link to the row before it (rows were deleted before it, or the order changed)`;
    case 'unkeyed':
      return `row ${p.id}: rewritten without the key (an unkeyed SHA-256 hash where the chain is keyed since row ${p.keyedFrom})`;
    case 'tail_missing':
      return `rows after row ${p.id} removed (the chain ends before the anchor in the database)`;
    case 'entries_missing': {
      const range = p.from === p.to ? `entry ${p.from}` : `entries ${p.from}–${p.to}`;
      return `${range} missing since the checkpoint of ${p.checkpointAt} (it ended at row ${p.checkpointLastId}; the chain now ends at row ${p.id})`;
    }
    case 'chain_empty':
      return `chain is empty but the checkpoint of ${p.checkpointAt} says ${p.entries} entries`;
    case 'checkpoint_mismatch': {
      const later = p.laterMismatches > 0 ? `; ${p.laterMismatches} later checkpoint(s) disagree too` : '';
      const what =
        p.id === p.checkpointLastId
          ? 'holds another hash'
          : `is now row ${p.id} (rows were deleted or inserted before it)`;
      return `entry ${p.position}, row ${p.checkpointLastId} at the checkpoint of ${p.checkpointAt}, ${what}: the chain was rebuilt${later}`;
    }
    case 'checkpoint_forged':
      return `${p.source} line ${p.line}: a checkpoint whose signature does not match (forged, or made with another data key)`;
  }
}
