import { z } from 'zod';
import { citizenLanguages, uiLanguages } from './enums.ts';

// The chatbot and its knowledge base: what a citizen asks and is answered (API, portal, Telegram), what an
// administrator writes, and what an operator picks up when a person asks to talk to a human.

/** Longest question the chatbot reads; a longer text is an appeal, not a question. */
export const questionMaxChars = 1000;

/** A question to the chatbot; `language` is the language of the page or chat it was asked in. */
export const askInputSchema = z.object({
  question: z.string().trim().min(2).max(questionMaxChars),
  language: z.enum(citizenLanguages).optional(),
});
export type AskInput = z.infer<typeof askInputSchema>;

/**
 * The chatbot's answer. `emergency` is set (and shown first) when the question reads as a threat to life;
 * `answer` and `article` are null when no article fits well enough. `askId` names this answer for feedback
 * and hand-off.
 */
export const askResultSchema = z.object({
  askId: z.uuid(),
  emergency: z.string().nullable(),
  answer: z.string().nullable(),
  article: z.object({ id: z.number(), title: z.string(), language: z.enum(uiLanguages) }).nullable(),
  /** What to say when there is no answer (or always, as the way on): file an appeal, or talk to a person. */
  fallback: z.string().nullable(),
});
export type AskResult = z.infer<typeof askResultSchema>;

/** "Was this helpful?" */
export const chatFeedbackSchema = z.object({ askId: z.uuid(), helpful: z.boolean() });

/** "Talk to a person": the question as the person wants it passed on, and how to reach them. */
export const handoffInputSchema = z.object({
  askId: z.uuid(),
  question: z.string().trim().min(2).max(questionMaxChars).optional(),
  contact: z.string().trim().max(200).optional(),
});
export type HandoffInput = z.infer<typeof handoffInputSchema>;

/** An article as administrators edit it. */
export const knowledgeArticleSchema = z.object({
  id: z.number(),
  language: z.enum(uiLanguages),
  title: z.string(),
  body: z.string(),
  keywords: z.string(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type KnowledgeArticle = z.infer<typeof knowledgeArticleSchema>;

/** Creating or replacing an article. */
export const knowledgeArticleInputSchema = z.object({
  language: z.enum(uiLanguages),
  title: z.string().trim().min(2).max(200),
  body: z.string().trim().min(10).max(5000),
  keywords: z.string().trim().max(1000).optional().default(''),
  active: z.boolean().optional().default(true),
});
export type KnowledgeArticleInput = z.infer<typeof knowledgeArticleInputSchema>;

/** A question nobody's article answered yet, for administrators writing the next article. */
export const unansweredQuestionSchema = z.object({
  askId: z.uuid(),
  askedAt: z.string(),
  language: z.enum(citizenLanguages),
  question: z.string(),
  handedOff: z.boolean(),
});
export type UnansweredQuestion = z.infer<typeof unansweredQuestionSchema>;

/** How each article fares: how often it answered and what people said of it. */
export const articleFeedbackSchema = z.object({
  articleId: z.number(),
  answered: z.number(),
  helpful: z.number(),
  notHelpful: z.number(),
});

/** A person who asked to talk to a human, as an operator sees it. */
export const chatHandoffSchema = z.object({
  id: z.number(),
  createdAt: z.string(),
  language: z.enum(citizenLanguages),
  question: z.string(),
  contact: z.string().nullable(),
  article: z.object({ id: z.number(), title: z.string() }).nullable(),
  done: z.boolean(),
});
export type ChatHandoff = z.infer<typeof chatHandoffSchema>;
