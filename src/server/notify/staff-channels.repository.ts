import type { Db } from '../db/database.ts';
import type { StaffChannelsTable, StaffNoticeDeliveriesTable } from '../db/schema.ts';

// SQL only: the e-mail addresses and Telegram chats staff link for their own notices, the one-time codes
// that prove them, and the deliveries of staff notices through them. The rules are in staff-channels.ts.

export type StaffChannel = StaffChannelsTable['channel'];

/** A staff member's confirmed links. */
export function channelsOf(db: Db, userId: number) {
  return db
    .selectFrom('staff_channels')
    .select(['channel', 'email_enc', 'chat_id', 'enabled', 'linked_at'])
    .where('user_id', '=', userId)
    .orderBy('channel')
    .execute();
}

/** Links that receive notices (confirmed and turned on), of these staff members. */
export function enabledChannelsOf(db: Db, userIds: number[]) {
  return db
    .selectFrom('staff_channels')
    .select(['user_id', 'channel'])
    .where('user_id', 'in', userIds.length > 0 ? userIds : [-1])
    .where('enabled', '=', true)
    .execute();
}

/** Writes a confirmed link (replacing the previous address of that channel), turned on. */
export async function saveChannel(
  db: Db,
  link: { userId: number; channel: StaffChannel; emailEnc: Buffer | null; chatId: number | null; at: Date },
): Promise<void> {
  await db
    .insertInto('staff_channels')
    .values({
      user_id: link.userId,
      channel: link.channel,
      email_enc: link.emailEnc,
      chat_id: link.chatId,
      enabled: true,
      linked_at: link.at,
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'channel']).doUpdateSet({
        email_enc: link.emailEnc,
        chat_id: link.chatId,
        enabled: true,
        linked_at: link.at,
      }),
    )
    .execute();
}

/** Turns notices through one of the user's own links on or off; false when there is no such link. */
export async function setChannelEnabled(
  db: Db,
  userId: number,
  channel: StaffChannel,
  enabled: boolean,
): Promise<boolean> {
  const changed = await db
    .updateTable('staff_channels')
    .set({ enabled })
    .where('user_id', '=', userId)
    .where('channel', '=', channel)
    .returning('channel')
    .executeTakeFirst();
  return changed !== undefined;
}

/** Removes one of the user's own links; false when there was none. */
export async function deleteChannel(db: Db, userId: number, channel: StaffChannel): Promise<boolean> {
  const deleted = await db
    .deleteFrom('staff_channels')
    .where('user_id', '=', userId)
    .where('channel', '=', channel)
    .returning('channel')
    .executeTakeFirst();
  return deleted !== undefined;
}

/** Forgets the user's unused codes for a channel: a new code replaces them. */
export async function deleteUnusedCodes(db: Db, userId: number, channel: StaffChannel): Promise<void> {
  await db
    .deleteFrom('staff_link_codes')
    .where('user_id', '=', userId)
    .where('channel', '=', channel)
    .where('used_at', 'is', null)
    .execute();
}

/** How many codes the user was given for a channel since `since` (used or not). */
export async function codesIssuedSince(
  db: Db,
  userId: number,
  channel: StaffChannel,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('staff_link_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('channel', '=', channel)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Keeps a new code's hash; returns its row's id. */
export async function insertCode(
  db: Db,
  code: {
    userId: number;
    channel: StaffChannel;
    codeHash: Buffer;
    emailEnc: Buffer | null;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<number> {
  const row = await db
    .insertInto('staff_link_codes')
    .values({
      user_id: code.userId,
      channel: code.channel,
      code_hash: code.codeHash,
      email_enc: code.emailEnc,
      created_at: code.createdAt,
      expires_at: code.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The user's newest unused, unexpired code for a channel. */
export function openCodeOf(db: Db, userId: number, channel: StaffChannel, now: Date) {
  return db
    .selectFrom('staff_link_codes')
    .select(['id', 'code_hash', 'email_enc', 'attempts'])
    .where('user_id', '=', userId)
    .where('channel', '=', channel)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Counts one wrong attempt at a code. */
export async function countCodeAttempt(db: Db, id: number): Promise<void> {
  await db
    .updateTable('staff_link_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/**
 * Uses an unused, unexpired code with this hash (of this channel), once: of two callers racing with the same
 * code, one gets it. Returns whose code it was.
 */
export function takeCode(db: Db, channel: StaffChannel, codeHash: Buffer, now: Date) {
  return db
    .updateTable('staff_link_codes')
    .set({ used_at: now })
    .where('channel', '=', channel)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['id', 'user_id', 'email_enc'])
    .executeTakeFirst();
}

/** An active staff member's console language and login. */
export function staffMemberById(db: Db, userId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'login', 'language'])
    .where('id', '=', userId)
    .where('active', '=', true)
    .executeTakeFirst();
}

type NewDelivery = Pick<StaffNoticeDeliveriesTable, 'notice_id' | 'channel' | 'status'> & {
  created_at: Date;
};

/** Records deliveries to make, once per notice and channel; returns the new rows' ids. */
export async function insertDeliveries(db: Db, rows: NewDelivery[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('staff_notice_deliveries')
    .values(rows)
    .onConflict((oc) => oc.columns(['notice_id', 'channel']).doNothing())
    .returning('id')
    .execute();
  return inserted.map((r) => r.id);
}

/**
 * One delivery with what sending it needs: the notice, its appeal's number and the facts that decide who
 * may see it, the recipient as a staff member, and their link of that channel (absent once unlinked).
 */
export function deliveryById(db: Db, id: number) {
  return db
    .selectFrom('staff_notice_deliveries as d')
    .innerJoin('staff_notices as n', 'n.id', 'd.notice_id')
    .leftJoin('appeals as a', 'a.id', 'n.appeal_id')
    .leftJoin('users as s', 's.id', 'n.subject_user_id')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .leftJoin('staff_channels as c', (join) =>
      join.onRef('c.user_id', '=', 'n.user_id').onRef('c.channel', '=', 'd.channel'),
    )
    .select([
      'd.id',
      'd.channel',
      'd.status',
      'n.kind',
      'n.appeal_id',
      'a.number',
      'a.sandbox',
      'a.scope_units',
      'a.subject_unit_id',
      'a.subject_officer_id',
      's.login as subject_login',
      'u.id as user_id',
      'u.login',
      'u.full_name',
      'u.role',
      'u.unit_id',
      'u.scope_subtree',
      'u.active',
      'u.language',
      'c.email_enc',
      'c.chat_id',
      'c.enabled',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

/** What one attempt at a delivery came to. */
export async function recordDelivery(
  db: Db,
  id: number,
  outcome: {
    status: StaffNoticeDeliveriesTable['status'];
    at: Date;
    attempted: boolean;
    providerId?: string | null;
    errorCode?: string | null;
  },
): Promise<void> {
  await db
    .updateTable('staff_notice_deliveries')
    .set((eb) => ({
      status: outcome.status,
      ...(outcome.attempted ? { attempts: eb('attempts', '+', 1), attempted_at: outcome.at } : {}),
      ...(outcome.providerId !== undefined ? { provider_id: outcome.providerId } : {}),
      ...(outcome.errorCode !== undefined ? { error_code: outcome.errorCode } : {}),
    }))
    .where('id', '=', id)
    .execute();
}
