import { z } from 'zod';
import { type AnswerLanguage, answerLanguages, outcomes } from './enums.ts';
import { limits } from './limits.ts';

// Answer templates: reasoned frames per category, language and outcome, with {{placeholders}} the answer
// editor fills from the appeal. Shared by the server (storage, letters) and the console (editor, preview).

/** The placeholders a template may use. */
export const templatePlaceholders = [
  'applicantName',
  'number',
  'receivedOn',
  'unit',
  'category',
  'dueOn',
  'today',
] as const;
export type TemplatePlaceholder = (typeof templatePlaceholders)[number];

/** An answer template. `category: null` fits every category, `outcome: null` every outcome. */
export const answerTemplateSchema = z.object({
  id: z.number(),
  category: z.string().nullable(),
  language: z.enum(answerLanguages),
  outcome: z.enum(outcomes).nullable(),
  title: z.string(),
  body: z.string(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type AnswerTemplate = z.infer<typeof answerTemplateSchema>;

/** Creating or replacing a template. */
export const answerTemplateInputSchema = z.object({
  category: z
    .string()
    .trim()
    .max(60)
    .nullable()
    .optional()
    .transform((v) => v || null),
  language: z.enum(answerLanguages),
  outcome: z.enum(outcomes).nullable().optional().default(null),
  title: z.string().trim().min(2).max(200),
  body: z.string().trim().min(10).max(limits.answerMaxChars),
  active: z.boolean().optional().default(true),
});
export type AnswerTemplateInput = z.infer<typeof answerTemplateInputSchema>;

/** Which templates an editor asks for. */
export const templateQuerySchema = z.object({
  category: z.string().trim().max(60).optional(),
  language: z.enum(answerLanguages).optional(),
  all: z.enum(['true', 'false']).optional(),
});

// How a letter addresses someone whose name the editor has not revealed.
const genericAddressee: Record<AnswerLanguage, string> = {
  uz: 'murojaatchi',
  oz: 'мурожаатчи',
  ru: 'заявитель',
  en: 'applicant',
  kaa: 'murojaatshı',
};

/** Replaces each {{placeholder}} with its value; the applicant's name falls back to a neutral form. */
export function fillTemplate(
  body: string,
  language: AnswerLanguage,
  values: Partial<Record<TemplatePlaceholder, string>>,
): string {
  return body.replace(/\{\{\s*([a-zA-Z]+)\s*\}\}/g, (whole, name: string) => {
    const key = templatePlaceholders.find((p) => p === name);
    if (!key) return whole;
    const value = values[key];
    if (value) return value;
    return key === 'applicantName' ? genericAddressee[language] : whole;
  });
}

/** Parts a template leaves for the author to write: `[…]` brackets and unfilled {{placeholders}}. */
export function unfilledParts(body: string): string[] {
  return [...body.matchAll(/\[[^\]\n]{1,200}\]|\{\{\s*[a-zA-Z]+\s*\}\}/g)].map((m) => m[0]);
}
