import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

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

// All chain appends take this lock, so ids are assigned in chain order and each append sees the
// previous one committed. The lock lives until commit: append as the last step of a transaction.
const AUDIT_CHAIN_LOCK = 7_240_001;
export const GENESIS_HASH = '0'.repeat(64);
const AUDIT_ANCHOR = 'audit.anchor';

interface ChainedFields {
  at: string;
  actorId: number | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  data: Record<string, unknown>;
}

/** The hash of one row: SHA-256 over the previous hash and the row's fields in a fixed order. */
export function rowHash(prevHash: string, row: ChainedFields): string {
  const canonical = JSON.stringify([
    row.at,
    row.actorId,
    row.actorLabel,
    row.action,
    row.targetType,
    row.targetId,
    canonicalJson(row.data),
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
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

/** Appends entries to the hash chain inside the caller's transaction. */
export async function appendAudit(tx: Db, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(tx);
  const last = await tx
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  let prev = last?.hash ?? GENESIS_HASH;
  const rows = entries.map((entry) => {
    // Microseconds are what PostgreSQL keeps; hash exactly what will be read back.
    const at = entry.at.toISOString();
    const fields: ChainedFields = {
      at,
      actorId: entry.actor.id,
      actorLabel: entry.actor.label,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      data: entry.data ?? {},
    };
    const hash = rowHash(prev, fields);
    const row = {
      at,
      actor_id: fields.actorId,
      actor_label: fields.actorLabel,
      action: fields.action,
      target_type: fields.targetType,
      target_id: fields.targetId,
      data: JSON.stringify(fields.data),
      prev_hash: prev,
      hash,
    };
    prev = hash;
    return row;
  });
  await tx.insertInto('audit_log').values(rows).execute();
  // The chain alone cannot show that its newest rows were cut off; the anchor can.
  await tx
    .insertInto('settings')
    .values({ key: AUDIT_ANCHOR, value: JSON.stringify({ hash: prev }), updated_at: new Date() })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: JSON.stringify({ hash: prev }), updated_at: new Date() }),
    )
    .execute();
}

/** What `verifyAudit` found: the first broken link, if any. */
export interface AuditVerification {
  ok: boolean;
  checked: number;
  problems: { id: number; problem: 'edited' | 'chain_broken' | 'tail_missing' }[];
}

function anchorHash(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'hash' in value && typeof value.hash === 'string')
    return value.hash;
  return undefined;
}

/**
 * Walks the whole chain in id order and recomputes every hash: an edited row fails its own hash, a
 * deleted row breaks the link of the row after it, and a cut-off tail no longer matches the anchor.
 */
export async function verifyAudit(db: Db, options: { batchSize?: number } = {}): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 5_000;
  const problems: AuditVerification['problems'] = [];
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  while (true) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      checked += 1;
      if (row.prev_hash !== prev) problems.push({ id: row.id, problem: 'chain_broken' });
      const expected = rowHash(row.prev_hash, {
        at: row.at.toISOString(),
        actorId: row.actor_id,
        actorLabel: row.actor_label,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        data: row.data,
      });
      if (expected !== row.hash) problems.push({ id: row.id, problem: 'edited' });
      prev = row.hash;
      lastId = row.id;
    }
  }
  const anchor = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', AUDIT_ANCHOR)
    .executeTakeFirst();
  const anchoredHash = anchorHash(anchor?.value);
  if (anchoredHash !== undefined && anchoredHash !== prev)
    problems.push({ id: lastId, problem: 'tail_missing' });
  return { ok: problems.length === 0, checked, problems };
}
