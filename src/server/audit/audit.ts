import type { Db } from '../db/database.ts';
import type { Keyring } from '../security/keyring.ts';
import {
  auditAnchor,
  auditHead,
  auditRowsAfter,
  countAuditRows,
  insertAuditRows,
  lockAuditChain,
  type NewAuditRow,
  newestKeyedRows,
  writeAuditAnchor,
} from './audit.repository.ts';
import {
  AuditKey,
  type AuditVerification,
  type ChainedFields,
  type ChainRow,
  ChainWalk,
  type CheckpointFields,
  type CheckpointSource,
  GENESIS_HASH,
  type HashKind,
} from './audit-chain.ts';

/** Who did something: a staff member, the applicant (by access code) or the system itself. */
export interface Actor {
  id: number | null;
  label: string;
}

export const systemActor: Actor = { id: null, label: 'system' };
export const applicantActor: Actor = { id: null, label: 'applicant' };

/** One audit entry before it is chained. */
export interface AuditEntry {
  actor: Actor;
  action: string;
  targetType: string;
  targetId: string;
  data?: Record<string, unknown>;
  at: Date;
}

// How many of the newest keyed rows the start-up key check looks at.
const KEY_CHECK_ROWS = 100;

/**
 * The audit trail: an append-only table whose rows are chained with HMAC-SHA256 under a key derived
 * from the data key, which never lives in the database (docs/decisions/0003-audit-integrity.md).
 */
export class AuditTrail {
  readonly key: AuditKey;

  constructor(keys: Keyring | Buffer) {
    this.key = new AuditKey(keys);
  }

  /**
   * Appends entries to the chain inside the caller's transaction. The chain's lock, taken first, lives
   * until commit: append as the last step of a transaction.
   */
  async append(tx: Db, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await lockAuditChain(tx);
    const last = await auditHead(tx);
    let prev = last?.hash ?? GENESIS_HASH;
    const rows = entries.map((entry) => {
      // Microseconds are what PostgreSQL keeps; hash exactly what will be read back.
      const fields: ChainedFields = {
        at: entry.at.toISOString(),
        actorId: entry.actor.id,
        actorLabel: entry.actor.label,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        data: entry.data ?? {},
      };
      const hash = this.key.rowHash(prev, fields);
      const row: NewAuditRow = {
        at: fields.at,
        actor_id: fields.actorId,
        actor_label: fields.actorLabel,
        action: fields.action,
        target_type: fields.targetType,
        target_id: fields.targetId,
        data: JSON.stringify(fields.data),
        prev_hash: prev,
        hash,
        hash_kind: this.key.kind,
      };
      prev = hash;
      return row;
    });
    await insertAuditRows(tx, rows);
    // A careless cut of the newest rows shows against the anchor; a careful one against the checkpoints.
    await writeAuditAnchor(tx, prev, new Date());
  }

  /**
   * Starts the keyed chain on a database written before it: when the newest row is unkeyed, a keyed row
   * recording the old head is appended, so that editing any older row breaks the link to it.
   */
  async sealUnkeyedChain(db: Db, now: Date): Promise<boolean> {
    return db.transaction().execute(async (tx) => {
      await lockAuditChain(tx);
      const head = await auditHead(tx);
      if (head?.hash_kind !== 'sha256') return false;
      const unkeyed = await countAuditRows(tx);
      await this.append(tx, [
        {
          actor: systemActor,
          action: 'audit.keyed',
          targetType: 'audit',
          targetId: 'chain',
          data: { unkeyedRows: unkeyed, unkeyedHead: head.hash },
          at: now,
        },
      ]);
      return true;
    });
  }

  /**
   * Checks the newest keyed rows against this server's key before it appends to them. When none
   * matches, the server runs with another data key than the one that wrote the log (a second server
   * with its own `DATA_DIR`, a lost key file): appending would fork the chain, so it must not start.
   * Returns the ids of rows that do not match while others do (edited rows, for a warning).
   */
  async checkKey(db: Db): Promise<number[]> {
    const rows = await newestKeyedRows(db, KEY_CHECK_ROWS);
    const failing = rows.map(toChainRow).filter((row) => !this.key.rowMatches(row));
    if (rows.length > 0 && failing.length === rows.length) {
      throw new Error(
        `The audit log was signed with another data key than this server's (MUROJAAT_DATA_KEY or ` +
          `DATA_DIR/data.key): none of its ${rows.length} newest entries verifies. Start with the data key ` +
          'that wrote this database, or run `murojaat audit verify` to see what changed.',
      );
    }
    return failing.map((row) => row.id);
  }
}

/** A stored row in the form the chain walk reads. */
function toChainRow(row: {
  id: number;
  at: Date;
  actor_id: number | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string;
  data: Record<string, unknown>;
  prev_hash: string;
  hash: string;
  hash_kind: HashKind;
}): ChainRow {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    data: row.data,
    prevHash: row.prev_hash,
    hash: row.hash,
    hashKind: row.hash_kind,
  };
}

function anchorHash(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'hash' in value && typeof value.hash === 'string')
    return value.hash;
  return undefined;
}

/**
 * Walks the chain in id order from `after` (a trusted checkpoint) or from the start, recomputing every
 * hash and comparing the chain with the checkpoints kept outside the database.
 */
export async function verifyAudit(
  db: Db,
  options: { key: AuditKey; checkpoints: CheckpointSource[]; after?: CheckpointFields; batchSize?: number },
): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 5_000;
  const walk = new ChainWalk(options.key, options.checkpoints, options.after);
  let lastId = options.after?.lastId ?? 0;
  while (true) {
    const rows = await auditRowsAfter(db, lastId, batchSize);
    if (rows.length === 0) break;
    for (const row of rows) walk.add(toChainRow(row));
    lastId = rows[rows.length - 1]?.id ?? lastId;
  }
  // A continued walk (the server's periodic check) covers only new rows; the anchor is the whole chain's.
  if (options.after) return walk.finish(undefined);
  return walk.finish(anchorHash(await auditAnchor(db)));
}
