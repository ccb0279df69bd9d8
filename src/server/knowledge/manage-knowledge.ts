import { z } from 'zod';
import type {
  KnowledgeArticle,
  KnowledgeArticleInput,
  UnansweredQuestion,
} from '../../contracts/knowledge.schema.ts';
import type { StaffUser } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { questionSealContext, questionsKeptSince } from './ask-chatbot.ts';
import { authorizeKnowledgeAdmin } from './knowledge.policy.ts';
import {
  findAllArticles,
  findArticleFeedback,
  findUnanswered,
  forgetQuestion,
  forgetQuestionsBefore,
  insertArticle,
  updateArticle,
} from './knowledge.repository.ts';

/** Every article, for the administrators who write them. */
export async function listArticles(ctx: AppContext, user: StaffUser): Promise<KnowledgeArticle[]> {
  authorizeKnowledgeAdmin(user);
  const rows = await findAllArticles(ctx.db);
  return rows.map((r) => ({
    id: r.id,
    language: r.language,
    title: r.title,
    body: r.body,
    keywords: r.keywords,
    active: r.active,
    updatedAt: r.updated_at.toISOString(),
  }));
}

/** An administrator adds an article (or, with `id`, replaces one); the change is audited. */
export async function saveArticle(options: {
  ctx: AppContext;
  user: StaffUser;
  id?: number;
  input: KnowledgeArticleInput;
}): Promise<{ id: number }> {
  const { ctx, user, input } = options;
  authorizeKnowledgeAdmin(user);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    let id = options.id;
    if (id === undefined) id = await insertArticle(tx, input, user.id, now);
    else if (!(await updateArticle(tx, id, input, user.id, now))) throw new AppError('ARTICLE_NOT_FOUND');
    await ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: options.id === undefined ? 'knowledge_article.create' : 'knowledge_article.update',
        targetType: 'knowledge_article',
        targetId: String(id),
        data: { language: input.language, active: input.active },
        at: now,
      },
    ]);
    return { id };
  });
}

/**
 * The questions no article answered, newest first, for administrators to write the next article. Their
 * words may name people, so only administrators read them, and each reading is audited.
 */
export async function listUnanswered(ctx: AppContext, user: StaffUser): Promise<UnansweredQuestion[]> {
  authorizeKnowledgeAdmin(user);
  // Forgotten here too, so that a quiet week does not keep words past their time.
  await forgetQuestionsBefore(ctx.db, questionsKeptSince(ctx.clock.now()));
  const rows = await findUnanswered(ctx.db, 200);
  await ctx.audit.append(ctx.db, [
    {
      actor: { id: user.id, label: user.login },
      action: 'chat_question.list',
      targetType: 'chat_question',
      targetId: String(rows.length),
      at: ctx.clock.now(),
    },
  ]);
  return rows.flatMap((r) =>
    r.question
      ? [
          {
            askId: r.id,
            askedAt: r.asked_at.toISOString(),
            language: r.language,
            question: z.string().parse(ctx.protector.open(r.question, questionSealContext(r.id))),
            handedOff: r.handed_off_at !== null,
          },
        ]
      : [],
  );
}

/** An administrator is done with an unanswered question (an article now answers it): its words go. */
export async function dismissUnanswered(options: {
  ctx: AppContext;
  user: StaffUser;
  askId: string;
}): Promise<void> {
  const { ctx, user, askId } = options;
  authorizeKnowledgeAdmin(user);
  if (!(await forgetQuestion(ctx.db, askId))) throw new AppError('ASK_NOT_FOUND');
}

/** How often each article answered and what people said of it. */
export async function articleFeedback(ctx: AppContext, user: StaffUser) {
  authorizeKnowledgeAdmin(user);
  const rows = await findArticleFeedback(ctx.db);
  return rows.flatMap((r) =>
    r.article_id === null
      ? []
      : [
          {
            articleId: r.article_id,
            answered: Number(r.answered),
            helpful: Number(r.helpful),
            notHelpful: Number(r.not_helpful),
          },
        ],
  );
}
