import { z } from 'zod';
import type { ChatHandoff, HandoffInput } from '../../contracts/knowledge.schema.ts';
import type { StaffUser } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import { AppError, FieldValidationError } from '../errors.ts';
import { questionSealContext } from './ask-chatbot.ts';
import { authorizeHandoffs } from './knowledge.policy.ts';
import { closeHandoff, findAsk, findHandoffs, insertHandoff, setHelpful } from './knowledge.repository.ts';

const sealedRequest = z.object({ question: z.string(), contact: z.string().nullable() });

function handoffSealContext(askId: string): string {
  return `chat-handoff:${askId}`;
}

/** "Was this helpful?" for one answer of the chatbot. */
export async function recordChatFeedback(options: {
  ctx: AppContext;
  askId: string;
  helpful: boolean;
}): Promise<void> {
  const { ctx, askId, helpful } = options;
  if (!(await setHelpful(ctx.db, askId, helpful, ctx.clock.now()))) throw new AppError('ASK_NOT_FOUND');
}

/**
 * "Talk to a person": an operator's task to call or write back. The question travels as the person confirms
 * it (an answered question's words were never kept), or as it was kept when nothing answered it; with the
 * contact they gave, it is sealed, since both are personal data. Asking twice leaves one task.
 */
export async function handOffToPerson(options: { ctx: AppContext; input: HandoffInput }): Promise<void> {
  const { ctx, input } = options;
  const ask = await findAsk(ctx.db, input.askId);
  if (!ask) throw new AppError('ASK_NOT_FOUND');
  const kept = ask.question ? String(ctx.protector.open(ask.question, questionSealContext(ask.id))) : null;
  const question = input.question ?? kept;
  if (!question) throw new FieldValidationError([{ path: 'question', key: 'required' }]);
  const request = ctx.protector.seal(
    { question, contact: input.contact || null },
    handoffSealContext(ask.id),
  );
  await insertHandoff(ctx.db, { askId: ask.id, language: ask.language, request, now: ctx.clock.now() });
}

/** Hand-offs for operators, open ones first; reading them reveals contacts, so it is audited. */
export async function listHandoffs(options: {
  ctx: AppContext;
  user: StaffUser;
  open: boolean;
}): Promise<ChatHandoff[]> {
  const { ctx, user } = options;
  authorizeHandoffs(user);
  const rows = await findHandoffs(ctx.db, { open: options.open, limit: 200 });
  await ctx.audit.append(ctx.db, [
    {
      actor: { id: user.id, label: user.login },
      action: 'chat_handoff.list',
      targetType: 'chat_handoff',
      targetId: rows.map((r) => r.id).join(',') || '-',
      at: ctx.clock.now(),
    },
  ]);
  return rows.map((row) => {
    const request = sealedRequest.parse(ctx.protector.open(row.request, handoffSealContext(row.ask_id)));
    return {
      id: row.id,
      createdAt: row.created_at.toISOString(),
      language: row.language,
      question: request.question,
      contact: request.contact,
      article:
        row.article_id !== null && row.article_title !== null
          ? { id: row.article_id, title: row.article_title }
          : null,
      done: row.done_at !== null,
    };
  });
}

/** An operator has called or written back. */
export async function completeHandoff(options: {
  ctx: AppContext;
  user: StaffUser;
  id: number;
}): Promise<void> {
  const { ctx, user, id } = options;
  authorizeHandoffs(user);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await closeHandoff(tx, id, user.id, now))) throw new AppError('HANDOFF_NOT_FOUND');
    await ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: 'chat_handoff.done',
        targetType: 'chat_handoff',
        targetId: String(id),
        at: now,
      },
    ]);
  });
}
