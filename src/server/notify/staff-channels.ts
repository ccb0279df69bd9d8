import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { MyChannels } from '../../contracts/notifications.schema.ts';
import type { StaffUser } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { GuessPolicy } from '../security/back-off.ts';
import { countWrongGuess, type GuessSource, isHeldNow } from '../security/guess-counters.ts';
import { DeliveryError } from './channel-adapter.ts';
import {
  channelsOf,
  codesIssuedSince,
  countCodeAttempt,
  deleteChannel,
  deleteUnusedCodes,
  insertCode,
  openCodeOf,
  type StaffChannel,
  saveChannel,
  setChannelEnabled,
  staffMemberById,
  takeCode,
} from './staff-channels.repository.ts';
import { composeEmailConfirmation, staffLanguage } from './staff-notice-texts.ts';

// A staff member links an e-mail address or a Telegram chat to receive their own notices there too. Each
// link is proved by a one-time code: sent to the address (typed back in the console), or shown in the
// console and given to the bot from the chat. Codes are kept only as keyed hashes, expire after a quarter of
// an hour, work once, and a wrong, expired or used code gets the same answer. Every route acts on the
// caller's own links only: no request names another user.

/** How long a code works. */
export const LINK_CODE_MINUTES = 15;
/** Wrong tries at one e-mail code before it stops working. */
const EMAIL_CODE_ATTEMPTS = 5;
/** Codes a staff member may ask for per channel in an hour (each e-mail code is a mail sent). */
const CODES_PER_HOUR = 5;

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** The bot's code: 12 characters without look-alikes (60 bits), short enough to type. */
function newTelegramCode(): string {
  let code = '';
  for (const byte of randomBytes(12)) code += CODE_ALPHABET[byte & 31];
  return code;
}

const emailScope = (userId: number) => `email:${userId}`;
const sealContext = (userId: number) => `staff-email:${userId}`;
const addressSchema = z.string();

function audit(ctx: AppContext, user: { id: number; login: string }, action: string, channel: StaffChannel) {
  return {
    actor: { id: user.id, label: user.login },
    action,
    targetType: 'user',
    targetId: String(user.id),
    data: { channel },
    at: ctx.clock.now(),
  };
}

/** My links for my own notices, and which channels the server can send by. */
export async function myChannels(ctx: AppContext, user: StaffUser): Promise<MyChannels> {
  const rows = await channelsOf(ctx.db, user.id);
  const email = rows.find((r) => r.channel === 'email');
  const telegram = rows.find((r) => r.channel === 'telegram');
  const address = email?.email_enc
    ? addressSchema.safeParse(ctx.protector.open(email.email_enc, sealContext(user.id)))
    : undefined;
  return {
    email:
      email && address?.success
        ? { address: address.data, enabled: email.enabled, linkedAt: email.linked_at.toISOString() }
        : null,
    telegram: telegram ? { enabled: telegram.enabled, linkedAt: telegram.linked_at.toISOString() } : null,
    available: { email: ctx.channels.has('email'), telegram: ctx.channels.has('telegram') },
  };
}

async function guardIssuing(ctx: AppContext, user: StaffUser, channel: StaffChannel): Promise<void> {
  const adapter = ctx.channels.get(channel);
  if (!adapter) throw new AppError('CHANNEL_NOT_CONFIGURED');
  const since = new Date(ctx.clock.now().getTime() - 60 * 60_000);
  if ((await codesIssuedSince(ctx.db, user.id, channel, since)) >= CODES_PER_HOUR)
    throw new AppError('RATE_LIMITED');
}

/**
 * Sends a one-time code to the address I want my notices at. The code is kept hashed; the mail goes after
 * the code is stored (it names nothing but the code), and a mail that does not go says so at once.
 */
export async function startEmailLink(options: {
  ctx: AppContext;
  user: StaffUser;
  address: string;
}): Promise<{ expiresAt: string }> {
  const { ctx, user, address } = options;
  await guardIssuing(ctx, user, 'email');
  const adapter = ctx.channels.get('email');
  if (!adapter) throw new AppError('CHANNEL_NOT_CONFIGURED');
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + LINK_CODE_MINUTES * 60_000);
  const language = staffLanguage((await staffMemberById(ctx.db, user.id))?.language ?? 'uz');
  const id = await ctx.db.transaction().execute(async (tx) => {
    await deleteUnusedCodes(tx, user.id, 'email');
    return insertCode(tx, {
      userId: user.id,
      channel: 'email',
      codeHash: ctx.protector.linkCodeHash(emailScope(user.id), code),
      emailEnc: ctx.protector.seal(address, sealContext(user.id)),
      createdAt: now,
      expiresAt,
    });
  });
  const mail = composeEmailConfirmation({
    language,
    code,
    minutes: LINK_CODE_MINUTES,
  });
  try {
    await adapter.send(
      {
        id,
        key: `staff-link-${id}`,
        appealId: null,
        appealNumber: null,
        template: 'staff:confirm-email',
        language,
        ...mail,
      },
      { email: address },
    );
  } catch (error) {
    const code = error instanceof DeliveryError ? error.code : 'unexpected';
    // The code only: the reason may quote the address.
    ctx.log.warn(`Staff e-mail confirmation for user ${user.id} not sent (${code})`);
    throw new AppError('CHANNEL_UNAVAILABLE');
  }
  return { expiresAt: expiresAt.toISOString() };
}

/**
 * Confirms my e-mail address with the code sent to it: only my own newest code, before it expires, once,
 * within a few tries. A wrong, expired, used or someone else's code gets the same answer.
 */
export async function confirmEmailLink(options: {
  ctx: AppContext;
  user: StaffUser;
  code: string;
}): Promise<MyChannels> {
  const { ctx, user, code } = options;
  const now = ctx.clock.now();
  const open = await openCodeOf(ctx.db, user.id, 'email', now);
  if (!open || open.attempts >= EMAIL_CODE_ATTEMPTS) throw new AppError('LINK_CODE_INVALID');
  const offered = ctx.protector.linkCodeHash(emailScope(user.id), code);
  if (!(offered.length === open.code_hash.length && timingSafeEqual(offered, open.code_hash))) {
    await countCodeAttempt(ctx.db, open.id);
    throw new AppError('LINK_CODE_INVALID');
  }
  await ctx.db.transaction().execute(async (tx) => {
    const taken = await takeCode(tx, 'email', offered, now);
    if (!taken || taken.user_id !== user.id || !taken.email_enc) throw new AppError('LINK_CODE_INVALID');
    await saveChannel(tx, {
      userId: user.id,
      channel: 'email',
      emailEnc: taken.email_enc,
      chatId: null,
      at: now,
    });
    await ctx.audit.append(tx, [audit(ctx, user, 'staff_channel.link', 'email')]);
  });
  return myChannels(ctx, user);
}

/**
 * A one-time code for the bot, and the t.me link that sends it (`/start staff-<code>`); `/link <code>`
 * typed in the chat does the same. A new code replaces the previous unused one.
 */
export async function startTelegramLink(options: { ctx: AppContext; user: StaffUser }) {
  const { ctx, user } = options;
  await guardIssuing(ctx, user, 'telegram');
  const code = newTelegramCode();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + LINK_CODE_MINUTES * 60_000);
  await ctx.db.transaction().execute(async (tx) => {
    await deleteUnusedCodes(tx, user.id, 'telegram');
    await insertCode(tx, {
      userId: user.id,
      channel: 'telegram',
      codeHash: ctx.protector.linkCodeHash('telegram', code),
      emailEnc: null,
      createdAt: now,
      expiresAt,
    });
  });
  const bot = ctx.channels.get('telegram')?.publicAddress?.();
  return {
    code,
    command: `/link ${code}`,
    link: bot ? `${bot}?start=staff-${code}` : null,
    expiresAt: expiresAt.toISOString(),
  };
}

/**
 * The bot was given a link code from `chatId`: links that chat to the code's staff member (apart from any
 * appeals the chat follows as a citizen) and answers their console language, or nothing when the code is
 * wrong, expired or used. Wrong codes count against the chat like wrong access codes.
 */
export async function linkTelegramChat(options: {
  ctx: AppContext;
  code: string;
  chatId: number;
  guesses: GuessPolicy | false;
}): Promise<{ language: string } | undefined> {
  const { ctx, chatId } = options;
  const now = ctx.clock.now();
  const source: GuessSource | undefined = options.guesses
    ? {
        key: ctx.protector.guessKey('code-chat', String(chatId)),
        policy: options.guesses,
        kind: 'code-chat',
      }
    : undefined;
  if (source && (await isHeldNow(ctx.db, source.key, now))) return undefined;
  const code = options.code.trim().toUpperCase();
  const linked = /^[0-9A-Z]{12}$/.test(code)
    ? await ctx.db.transaction().execute(async (tx) => {
        const taken = await takeCode(tx, 'telegram', ctx.protector.linkCodeHash('telegram', code), now);
        if (!taken) return undefined;
        const member = await staffMemberById(tx, taken.user_id);
        if (!member) return undefined;
        await saveChannel(tx, { userId: member.id, channel: 'telegram', emailEnc: null, chatId, at: now });
        await ctx.audit.append(tx, [audit(ctx, member, 'staff_channel.link', 'telegram')]);
        return { language: member.language };
      })
    : undefined;
  if (!linked && source) await countWrongGuess(ctx.db, source, now);
  return linked;
}

/** Turns notices through my own links on or off. */
export async function setMyChannels(options: {
  ctx: AppContext;
  user: StaffUser;
  email?: boolean | undefined;
  telegram?: boolean | undefined;
}): Promise<MyChannels> {
  const { ctx, user } = options;
  for (const channel of ['email', 'telegram'] as const) {
    const enabled = options[channel];
    if (enabled === undefined) continue;
    if (!(await setChannelEnabled(ctx.db, user.id, channel, enabled))) throw new AppError('NOT_FOUND');
  }
  return myChannels(ctx, user);
}

/** Removes one of my links (audited); notices already queued for it are not sent. */
export async function unlinkMyChannel(options: {
  ctx: AppContext;
  user: StaffUser;
  channel: StaffChannel;
}): Promise<MyChannels> {
  const { ctx, user, channel } = options;
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await deleteChannel(tx, user.id, channel))) throw new AppError('NOT_FOUND');
    await ctx.audit.append(tx, [audit(ctx, user, 'staff_channel.unlink', channel)]);
  });
  return myChannels(ctx, user);
}
