import { randomUUID } from 'node:crypto';
import { type CitizenLanguage, referenceLanguage } from '../../contracts/enums.ts';
import type { AskResult } from '../../contracts/knowledge.schema.ts';
import { assessUrgency, detectTextLanguage } from '../../nlp/index.ts';
import { answerLanguageByScript } from '../assist/text-reader.ts';
import type { AppContext } from '../context.ts';
import { ArticleFinder } from './article-finder.ts';
import { chatbotTexts } from './chatbot-texts.ts';
import { findActiveArticles, forgetQuestionsBefore, insertAsk } from './knowledge.repository.ts';

/** How long the words of an unanswered question are kept for administrators, then forgotten. */
export const QUESTION_RETENTION_DAYS = 90;

/** The oldest instant whose unanswered questions still keep their words. */
export function questionsKeptSince(now: Date): Date {
  return new Date(now.getTime() - QUESTION_RETENTION_DAYS * 86_400_000);
}

/** Where a question came from (kept with it, for counts only). */
export type ChatChannel = 'api' | 'portal' | 'telegram';

/** The context a question's words are sealed under. */
export function questionSealContext(askId: string): string {
  return `chat-ask:${askId}`;
}

/**
 * Answers a citizen's question from the knowledge base. A threat to life is answered with 102 / 112 first,
 * whatever else is said. The best article above the threshold answers, named; otherwise the chatbot says it
 * does not know and offers the hand-offs. Every question is recorded without its words — language, the
 * article and later the feedback — except an unanswered one, whose words are sealed and kept for
 * `QUESTION_RETENTION_DAYS` so that an administrator can write the article it lacked.
 */
export async function askChatbot(options: {
  ctx: AppContext;
  question: string;
  language?: CitizenLanguage | undefined;
  channel: ChatChannel;
}): Promise<AskResult> {
  const { ctx, question, channel } = options;
  const language = options.language ?? guessLanguage(question);
  const texts = chatbotTexts(language);
  const emergency = assessUrgency(question, { looseKey: ctx.textReader.looseKey(question) }).urgent;
  // A few dozen articles: reading them for each question costs less than keeping processes' caches in step.
  const finder = new ArticleFinder(await findActiveArticles(ctx.db));
  // Articles are written in the four interface languages; a Karakalpak asker is offered the Uzbek Latin one
  // first when several answer alike.
  const found = finder.find(question, referenceLanguage(language));
  const askId = randomUUID();
  const now = ctx.clock.now();
  // An emergency was answered (with 102 / 112) and its words are the most sensitive: they are not kept.
  const keepWords = found === null && !emergency;
  await ctx.db.transaction().execute(async (tx) => {
    await insertAsk(tx, {
      id: askId,
      asked_at: now,
      language,
      channel,
      article_id: found?.article.id ?? null,
      score: found?.score ?? 0,
      emergency,
      question: keepWords ? ctx.protector.seal(question, questionSealContext(askId)) : null,
    });
    if (keepWords) {
      await forgetQuestionsBefore(tx, questionsKeptSince(now));
    }
  });
  return {
    askId,
    emergency: emergency ? texts.emergency : null,
    answer: found ? found.article.body : null,
    article: found
      ? { id: found.article.id, title: found.article.title, language: found.article.language }
      : null,
    fallback: found ? null : texts.noAnswer,
  };
}

/** The interface language a question is written in when the asker did not say: by its script and words. */
function guessLanguage(question: string): CitizenLanguage {
  const byScript = answerLanguageByScript(question);
  if (byScript === 'oz' || byScript === 'ru') return byScript;
  // Latin script: Uzbek unless the language layer reads it as English.
  return detectTextLanguage(question).language === 'en' ? 'en' : 'uz';
}
