import { z } from 'zod';

// Integration API keys: what an administrator issues to another system, and what the console shows of them.

/**
 * What a key lets its holder do: post service requests through Open311, forward appeals in (a later inbound
 * API), receive webhooks, and receive personal data (an applicant's access code, and later their details).
 */
export const integrationScopes = ['open311', 'appeals:forward', 'webhooks', 'personal-data'] as const;
export type IntegrationScope = (typeof integrationScopes)[number];

/** Every issued key starts with this, so that one found in a log or a repository is recognised at a glance. */
export const integrationKeyPrefix = 'mjk_';

export const integrationInputSchema = z.object({
  name: z.string().trim().min(2).max(120),
  scopes: z
    .array(z.enum(integrationScopes))
    .min(1)
    .transform((s) => [...new Set(s)]),
});
export type IntegrationInput = z.infer<typeof integrationInputSchema>;

/** A key as listed: never the key itself, only the start of it that identifies it. */
export const integrationSchema = z.object({
  id: z.number(),
  name: z.string(),
  keyStart: z.string(),
  scopes: z.array(z.enum(integrationScopes)),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type Integration = z.infer<typeof integrationSchema>;

/**
 * A key just issued: the only time the key and its signing secret are shown (requests that forward appeals
 * in carry an HMAC made with the secret).
 */
export const issuedIntegrationSchema = integrationSchema.extend({
  key: z.string(),
  signingSecret: z.string(),
});
export type IssuedIntegration = z.infer<typeof issuedIntegrationSchema>;
