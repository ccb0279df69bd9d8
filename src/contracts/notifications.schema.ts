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
  /** Why the last attempt failed, in words staff read. */
  error: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationSchema>;

export const notificationListSchema = z.array(notificationSchema);
