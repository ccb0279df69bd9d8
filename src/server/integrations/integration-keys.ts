import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  type Integration,
  type IntegrationInput,
  type IntegrationScope,
  type IssuedIntegration,
  integrationKeyPrefix,
  integrationScopes,
} from '../../contracts/integrations.schema.ts';
import type { Actor, AuditTrail } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { DataProtector } from '../security/data-protector.ts';
import {
  findIntegrationKey,
  findIntegrationKeyByHash,
  findIntegrationKeys,
  insertIntegrationKey,
  revokeIntegrationKey,
  touchIntegrationKey,
} from './integrations.repository.ts';

// API keys of other systems: issued and revoked by an administrator (console or `murojaat integrations`),
// shown once, stored as a SHA-256 hash, checked by every endpoint another system calls.

/** A key is the prefix and 43 characters of base64url: 256 random bits. */
const KEY_PATTERN = new RegExp(`^${integrationKeyPrefix}[A-Za-z0-9_-]{43}$`);
// Last-used times are written at most this often, so that a busy integration does not write on every call.
const TOUCH_EVERY_MS = 60_000;
const NO_KEY_HASH = Buffer.alloc(32);

/** The hash a key is stored and found by. */
export function integrationKeyHash(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** Whether a string has the form of an issued key (cheap, before any look-up). */
export function looksLikeIntegrationKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/**
 * What @fastify/rate-limit counts a request under: the integration's key (hashed, never the key itself) when
 * the request carries a well-formed one, else the client's address, so that each integration has its own
 * allowance and made-up keys share their sender's.
 */
export function integrationRateKey(key: unknown, clientAddress: string): string {
  if (typeof key === 'string' && looksLikeIntegrationKey(key))
    return `integration:${integrationKeyHash(key).toString('hex')}`;
  return `client:${clientAddress}`;
}

/** An integration as another endpoint sees it once its key is proven. */
export interface AuthenticatedIntegration {
  id: number;
  name: string;
  scopes: IntegrationScope[];
}

function scopesOf(stored: string[]): IntegrationScope[] {
  return integrationScopes.filter((s) => stored.includes(s));
}

/**
 * The integration holding `key`, if the key is live and carries `scope`; otherwise INTEGRATION_KEY_INVALID
 * (missing, malformed, unknown or revoked: one answer for all) or INTEGRATION_SCOPE_MISSING.
 */
export async function authenticateIntegration(
  ctx: AppContext,
  key: string | undefined,
  scope: IntegrationScope,
): Promise<AuthenticatedIntegration> {
  const wellFormed = typeof key === 'string' && looksLikeIntegrationKey(key);
  const hash = wellFormed ? integrationKeyHash(key) : NO_KEY_HASH;
  const row = wellFormed ? await findIntegrationKeyByHash(ctx.db, hash) : undefined;
  // The look-up is by hash; the comparison is repeated in constant time all the same.
  const matches = timingSafeEqual(row?.key_hash ?? NO_KEY_HASH, hash) && row !== undefined;
  if (!row || !matches || row.revoked_at !== null) throw new AppError('INTEGRATION_KEY_INVALID');
  const scopes = scopesOf(row.scopes);
  if (!scopes.includes(scope)) throw new AppError('INTEGRATION_SCOPE_MISSING');
  const now = ctx.clock.now();
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_EVERY_MS)
    await touchIntegrationKey(ctx.db, row.id, now);
  return { id: row.id, name: row.name, scopes };
}

/** Issues a key: stored hashed, returned once with its signing secret, audited. */
export async function createIntegration(options: {
  db: Db;
  protector: DataProtector;
  audit: AuditTrail;
  actor: Actor;
  input: IntegrationInput;
  now: Date;
}): Promise<IssuedIntegration> {
  const { db, protector, audit, actor, input, now } = options;
  const key = `${integrationKeyPrefix}${randomBytes(32).toString('base64url')}`;
  const keyStart = key.slice(0, integrationKeyPrefix.length + 6);
  return db.transaction().execute(async (tx) => {
    const id = await insertIntegrationKey(tx, {
      name: input.name,
      keyHash: integrationKeyHash(key),
      keyStart,
      scopes: input.scopes,
      createdBy: actor.id,
      now,
    });
    await audit.append(tx, [
      {
        actor,
        action: 'integration.create',
        targetType: 'integration',
        targetId: String(id),
        data: { name: input.name, scopes: input.scopes, keyStart },
        at: now,
      },
    ]);
    return {
      id,
      name: input.name,
      keyStart,
      scopes: scopesOf(input.scopes),
      createdAt: now.toISOString(),
      createdBy: actor.id === null ? null : actor.label,
      lastUsedAt: null,
      revokedAt: null,
      key,
      signingSecret: protector.integrationSigningSecret(key),
    };
  });
}

/** Every key issued, without the keys. */
export async function listIntegrations(db: Db): Promise<Integration[]> {
  const rows = await findIntegrationKeys(db);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    keyStart: r.key_start,
    scopes: scopesOf(r.scopes),
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by_login,
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  }));
}

/** Revokes a key at once (every later call with it is refused), audited; revoking twice is a no-op. */
export async function revokeIntegration(options: {
  db: Db;
  audit: AuditTrail;
  actor: Actor;
  id: number;
  now: Date;
}): Promise<{ name: string; alreadyRevoked: boolean }> {
  const { db, audit, actor, id, now } = options;
  return db.transaction().execute(async (tx) => {
    const found = await findIntegrationKey(tx, id);
    if (!found) throw new AppError('INTEGRATION_NOT_FOUND');
    const revoked = await revokeIntegrationKey(tx, id, actor.id, now);
    if (revoked)
      await audit.append(tx, [
        {
          actor,
          action: 'integration.revoke',
          targetType: 'integration',
          targetId: String(id),
          data: { name: found.name, keyStart: found.key_start },
          at: now,
        },
      ]);
    return { name: found.name, alreadyRevoked: !revoked };
  });
}
