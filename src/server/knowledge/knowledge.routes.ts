import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  articleFeedbackSchema,
  askInputSchema,
  askResultSchema,
  chatFeedbackSchema,
  chatHandoffSchema,
  handoffInputSchema,
  knowledgeArticleInputSchema,
  knowledgeArticleSchema,
  unansweredQuestionSchema,
} from '../../contracts/knowledge.schema.ts';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/auth.ts';
import type { RateLimits } from '../http/rate-limits.ts';
import { askChatbot } from './ask-chatbot.ts';
import { completeHandoff, handOffToPerson, listHandoffs, recordChatFeedback } from './chat-handoff.ts';
import {
  articleFeedback,
  dismissUnanswered,
  listArticles,
  listUnanswered,
  saveArticle,
} from './manage-knowledge.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const askParams = z.object({ askId: z.uuid() });
const saved = z.object({ id: z.number() });
const accepted = z.object({ ok: z.literal(true) });

/**
 * The chatbot for citizens (public, rate-limited like tracking; a hand-off like filing an appeal), its
 * knowledge base for administrators, and hand-offs for operators.
 */
export function knowledgeRoutes(ctx: AppContext, rateLimits: RateLimits) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.post(
      '/api/v1/chat/ask',
      {
        config: { rateLimit: rateLimits.track },
        schema: {
          tags: ['portal'],
          summary: 'Ask the chatbot about appeals: the knowledge-base article that answers, or a hand-off',
          body: askInputSchema,
          response: { 200: askResultSchema },
        },
      },
      async (request) =>
        askChatbot({
          ctx,
          question: request.body.question,
          language: request.body.language,
          channel: 'api',
        }),
    );

    api.post(
      '/api/v1/chat/feedback',
      {
        config: { rateLimit: rateLimits.track },
        schema: {
          tags: ['portal'],
          summary: 'Was the chatbot’s answer helpful?',
          body: chatFeedbackSchema,
          response: { 200: accepted },
        },
      },
      async (request) => {
        await recordChatFeedback({ ctx, askId: request.body.askId, helpful: request.body.helpful });
        return { ok: true as const };
      },
    );

    api.post(
      '/api/v1/chat/handoff',
      {
        config: { rateLimit: rateLimits.intake },
        schema: {
          tags: ['portal'],
          summary: 'Ask for a person to get in touch about a question (an operator’s task)',
          body: handoffInputSchema,
          response: { 201: accepted },
        },
      },
      async (request, reply) => {
        await handOffToPerson({ ctx, input: request.body });
        return reply.status(201).send({ ok: true as const });
      },
    );

    api.get(
      '/api/v1/chat/handoffs',
      {
        schema: {
          tags: ['staff'],
          summary: 'People who asked the chatbot for a person (all=true: closed ones too)',
          querystring: z.object({ all: z.enum(['true', 'false']).optional() }),
          response: { 200: z.array(chatHandoffSchema) },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return listHandoffs({ ctx, user, open: request.query.all !== 'true' });
      },
    );

    api.post(
      '/api/v1/chat/handoffs/:id/done',
      {
        schema: {
          tags: ['staff'],
          summary: 'Mark a hand-off as dealt with',
          params: idParams,
          response: { 200: accepted },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        await completeHandoff({ ctx, user, id: request.params.id });
        return { ok: true as const };
      },
    );

    api.get(
      '/api/v1/knowledge/articles',
      {
        schema: {
          tags: ['admin'],
          summary: 'The chatbot’s knowledge-base articles, active or not',
          response: { 200: z.array(knowledgeArticleSchema) },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return listArticles(ctx, user);
      },
    );

    api.post(
      '/api/v1/knowledge/articles',
      {
        schema: {
          tags: ['admin'],
          summary: 'Add a knowledge-base article',
          body: knowledgeArticleInputSchema,
          response: { 201: saved },
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        return reply.status(201).send(await saveArticle({ ctx, user, input: request.body }));
      },
    );

    api.put(
      '/api/v1/knowledge/articles/:id',
      {
        schema: {
          tags: ['admin'],
          summary: 'Replace a knowledge-base article',
          params: idParams,
          body: knowledgeArticleInputSchema,
          response: { 200: saved },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return saveArticle({ ctx, user, id: request.params.id, input: request.body });
      },
    );

    api.get(
      '/api/v1/knowledge/feedback',
      {
        schema: {
          tags: ['admin'],
          summary: 'How often each article answered and how helpful people found it',
          response: { 200: z.array(articleFeedbackSchema) },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return articleFeedback(ctx, user);
      },
    );

    api.get(
      '/api/v1/knowledge/unanswered',
      {
        schema: {
          tags: ['admin'],
          summary: 'Questions no article answered (kept for a limited time), newest first',
          response: { 200: z.array(unansweredQuestionSchema) },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return listUnanswered(ctx, user);
      },
    );

    api.delete(
      '/api/v1/knowledge/unanswered/:askId',
      {
        schema: {
          tags: ['admin'],
          summary: 'Forget an unanswered question once it is dealt with',
          params: askParams,
          response: { 200: accepted },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        await dismissUnanswered({ ctx, user, askId: request.params.askId });
        return { ok: true as const };
      },
    );
  };
}
