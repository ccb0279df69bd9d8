import { z } from 'zod';
import { appealInputSchema } from './appeal.schema.ts';
import { instantSchema } from './days.ts';
import { appealStatuses } from './enums.ts';

// An appeal another system forwards in (POST /api/v1/integrations/appeals): the fields a citizen's appeal
// has, and where it came from.

/** The oldest receipt date a forwarded appeal may carry: older than a year is a mistake, not a forward. */
export const forwardedMaxAgeDays = 366;

/** A source or external id: printable characters with no spaces, as another system's identifiers are. */
const identifier = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\x21-\x7e]+$/);

export const forwardedAppealInputSchema = appealInputSchema
  .omit({ relatedTo: true, channel: true, form: true, receivedAt: true })
  .extend({
    /** The sending system, as a host name (`pm.gov.uz`). */
    source: identifier.transform((s) => s.toLowerCase()),
    /** The appeal's id in the sending system. */
    externalId: identifier,
    /** When the sending system received it from the applicant: the legal clock runs from it. */
    receivedAt: instantSchema,
  });
export type ForwardedAppealInput = z.infer<typeof forwardedAppealInputSchema>;

/** The answer: the appeal's number, status and due date; its access code only to a key allowed personal data. */
export const forwardedAppealSchema = z.object({
  number: z.string(),
  status: z.enum(appealStatuses),
  source: z.string(),
  externalId: z.string(),
  receivedAt: z.string(),
  dueAt: z.string(),
  accessCode: z.string().optional(),
});
export type ForwardedAppeal = z.infer<typeof forwardedAppealSchema>;
