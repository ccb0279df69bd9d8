import { z } from 'zod';

// Mass appeals (campaigns) as work: GET /api/v1/campaigns, POST /api/v1/campaigns/{number}/group.

export const campaignSchema = z.object({
  /** The appeal whose answer answers the campaign: the group's lead, or the earliest open member. */
  lead: z.string(),
  /** Members the caller may see (the lead included). */
  size: z.number().int(),
  /** Different applicants among them (the same PINFL, phone or name counts once). */
  applicants: z.number().int(),
  open: z.number().int(),
  /** Members answered with the lead's answer: the lead and its group. */
  grouped: z.number().int(),
  /**
   * Open members outside the lead's group, which the group action would try to join to it (0: nothing to
   * group). Those in another group, or about another body's officer, are refused with their reason.
   */
  joinable: z.number().int(),
  firstReceivedAt: z.string(),
  lastReceivedAt: z.string(),
  category: z.string().nullable(),
  territory: z.string().nullable(),
  /** The beginning of the lead's text. */
  excerpt: z.string(),
  /** Member numbers, earliest first (at most 200; `size` counts them all). */
  members: z.array(z.string()),
});
export type Campaign = z.infer<typeof campaignSchema>;

export const campaignListSchema = z.object({ items: z.array(campaignSchema) });

export const campaignGroupingSchema = z.object({
  lead: z.string(),
  /** Members that joined the lead's group now. */
  joined: z.array(z.string()),
  /** Open members that could not join, with the reason (officer_complaint, leads_a_group, already_in_group, …). */
  skipped: z.array(z.object({ number: z.string(), reason: z.string() })),
});
export type CampaignGrouping = z.infer<typeof campaignGroupingSchema>;
