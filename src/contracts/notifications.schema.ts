import { z } from 'zod';
import { answerChannels } from './enums.ts';

/** Notices that did not reach the applicant, as staff list them. */
export const undeliveredStatuses = ['failed', 'awaiting_channel', 'awaiting_post'] as const;
export type UndeliveredStatus = (typeof undeliveredStatuses)[number];

export const notificationQuerySchema = z.object({
  status: z.enum(undeliveredStatuses).default('failed'),
});

export const notificationIdParams = z.object({ id: z.coerce.number().int().positive() });

/** One notice as staff see it: what and how, never to whom or the words sent. */
export const notificationSchema = z.object({
  id: z.number(),
  appealNumber: z.string(),
  channel: z.enum(answerChannels),
  template: z.string(),
  language: z.string(),
  status: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  attemptedAt: z.string().nullable(),
  attempts: z.number(),
  /** Why the last attempt failed, in English (as the logs say it). */
  error: z.string().nullable(),
  /**
   * Why, as a stable code (no_address, refused, unavailable, account, blocked, unexpected) and the
   * provider's number after a colon (`refused:HTTP 400`); the console says it in the reader's language.
   */
  errorCode: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationSchema>;

export const notificationListSchema = z.array(notificationSchema);

/** A staff member's own notice in the console's notification centre. */
export const staffNoticeSchema = z.object({
  id: z.string(),
  kind: z.enum([
    'assigned',
    'returned',
    'awaiting_approval',
    'due_soon',
    'overdue',
    'surge_alert',
    'new_device',
    'sign_in_failures',
  ]),
  at: z.string(),
  read: z.boolean(),
  /** The appeal the notice is about; null for a sign-in alert. */
  appeal: z.object({ number: z.string(), status: z.string(), dueOn: z.string() }).nullable(),
  /** The login of the account a sign-in alert is about; null for a notice about an appeal. */
  account: z.string().nullable(),
});
export type StaffNotice = z.infer<typeof staffNoticeSchema>;

export const staffNoticeListSchema = z.object({ unread: z.number(), items: z.array(staffNoticeSchema) });

/** Which of my notices I have read (ids of other people's notices change nothing). */
export const readNoticesSchema = z.object({
  ids: z
    .array(z.string().regex(/^\d{1,18}$/))
    .min(1)
    .max(200),
});

/** The channels staff may link for their own notices besides the console. */
export const staffChannels = ['email', 'telegram'] as const;

/**
 * My links for my own notices: the confirmed e-mail address and whether notices go there, the linked
 * Telegram chat (never its id) and whether notices go there, and which channels the server can send by.
 */
export const myChannelsSchema = z.object({
  email: z.object({ address: z.string(), enabled: z.boolean(), linkedAt: z.string() }).nullable(),
  telegram: z.object({ enabled: z.boolean(), linkedAt: z.string() }).nullable(),
  available: z.object({ email: z.boolean(), telegram: z.boolean() }),
});
export type MyChannels = z.infer<typeof myChannelsSchema>;

/** The address I want my notices at: a code goes there to confirm it. */
export const emailLinkSchema = z.object({ address: z.email().max(254) });
export const emailCodeSentSchema = z.object({ expiresAt: z.string() });

/** The code the confirmation e-mail carried. */
export const emailConfirmSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});

/** A one-time code to give the bot, and the t.me link that gives it in one tap. */
export const telegramLinkSchema = z.object({
  code: z.string(),
  command: z.string(),
  link: z.string().nullable(),
  expiresAt: z.string(),
});

/** Which of my links receive my notices. */
export const channelPreferencesSchema = z
  .object({ email: z.boolean().optional(), telegram: z.boolean().optional() })
  .refine((p) => p.email !== undefined || p.telegram !== undefined);

export const staffChannelParams = z.object({ channel: z.enum(staffChannels) });
