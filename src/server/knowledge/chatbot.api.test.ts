import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import {
  askResultSchema,
  chatHandoffSchema,
  knowledgeArticleSchema,
  unansweredQuestionSchema,
} from '../../contracts/knowledge.schema.ts';
import { FixedClock } from '../clock.ts';
import { installStarterArticles } from './knowledge.repository.ts';
import { STARTER_ARTICLES_KEY, starterArticles } from './starter-articles.ts';

const clock = new FixedClock('2026-12-03T06:00:00Z');
let t: TestSystem;
let admin: StaffAgent;
let operator: StaffAgent;

beforeAll(async () => {
  t = await startTestSystem({ clock });
  admin = await t.staff('admin-kb', 'admin', 'IIV', { scopeSubtree: true });
  operator = await t.staff('operator-kb', 'operator', 'IIV', { scopeSubtree: true });
});
afterAll(async () => {
  await t?.stop();
});

async function ask(question: string, language?: string) {
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/chat/ask',
    payload: language ? { question, language } : { question },
  });
  expect(response.statusCode, response.body).toBe(200);
  return askResultSchema.parse(response.json());
}

async function unanswered() {
  const response = await admin.request({ method: 'GET', url: '/api/v1/knowledge/unanswered' });
  expect(response.statusCode, response.body).toBe(200);
  return unansweredQuestionSchema.array().parse(response.json());
}

describe('the starter articles', () => {
  it('ships every topic in the four languages, installed once', async () => {
    const response = await admin.request({ method: 'GET', url: '/api/v1/knowledge/articles' });
    expect(response.statusCode, response.body).toBe(200);
    const articles = knowledgeArticleSchema.array().parse(response.json());
    const starters = starterArticles();
    expect(starters.length).toBe(28);
    for (const language of ['uz', 'oz', 'ru', 'en'] as const)
      expect(articles.filter((a) => a.language === language).length, language).toBe(7);
    expect(await installStarterArticles(t.system.ctx.db, STARTER_ARTICLES_KEY, starters, clock.now())).toBe(
      false,
    );
  });
});

describe('asking the chatbot', () => {
  it('answers a question in Uzbek Latin from an article written only in Cyrillic, and names it', async () => {
    const created = await admin.request({
      method: 'POST',
      url: '/api/v1/knowledge/articles',
      payload: {
        language: 'oz',
        title: 'Йўқолган телефон учун маълумотнома',
        body: 'Телефонингиз йўқолса, яшаш жойингиздаги ички ишлар бўлимига ариза беринг. Йўқолганлик ҳақида маълумотнома шу куни берилади.',
        keywords: 'телефон йўқолди маълумотнома',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json<{ id: number }>();

    const answer = await ask('Telefonim yoʻqoldi, maʼlumotnomani qayerdan olaman?', 'uz');
    expect(answer.article).toEqual({ id, title: 'Йўқолган телефон учун маълумотнома', language: 'oz' });
    expect(answer.answer).toContain('маълумотнома');
    expect(answer.emergency).toBeNull();
  });

  it('answers a Russian question from the Russian article, and a Latin one from the same topic in Uzbek', async () => {
    const russian = await ask('Сколько дней рассматривают обращение?');
    expect(russian.article?.language).toBe('ru');
    expect(russian.article?.title).toBe('В какой срок рассматривается обращение?');
    expect(russian.answer).toContain('15');

    const latin = await ask('Murojaatimga qachon javob berishadi?', 'uz');
    expect(latin.article?.language).toBe('uz');
    expect(latin.answer).toContain('15 kun');
    // The same question in Cyrillic on a Cyrillic page meets the Cyrillic twin of that article.
    const cyrillic = await ask('Мурожаатимга қачон жавоб беришади?', 'oz');
    expect(cyrillic.article?.language).toBe('oz');
  });

  it('answers a Karakalpak question from the Uzbek Latin article, in Karakalpak words around it', async () => {
    const answered = await ask('Murájatıma qashan juwap beredi?', 'kaa');
    expect(answered.article?.language).toBe('uz');
    expect(answered.answer).toContain('15 kun');
    const unknown = await ask('qwerty zxcvb kaa', 'kaa');
    expect(unknown.fallback).toContain('murájat retinde jiberiwińiz');
    const row = await t.ownerDb
      .selectFrom('chat_asks')
      .select('language')
      .where('id', '=', unknown.askId)
      .executeTakeFirstOrThrow();
    expect(row.language).toBe('kaa');
  });

  it('says it does not know a nonsense question, offers the hand-offs, and keeps it for administrators only', async () => {
    const answer = await ask('qwerty zxcvb asdfgh', 'uz');
    expect(answer.answer).toBeNull();
    expect(answer.article).toBeNull();
    expect(answer.fallback).toContain('murojaat');

    const listed = await unanswered();
    expect(listed.map((q) => q.question)).toContain('qwerty zxcvb asdfgh');
    const forOperator = await operator.request({ method: 'GET', url: '/api/v1/knowledge/unanswered' });
    expect(forOperator.statusCode).toBe(403);
    expect(forOperator.json().error.code).toBe('FORBIDDEN');
    const forAnyone = await t.request({ method: 'GET', url: '/api/v1/knowledge/unanswered' });
    expect(forAnyone.statusCode).toBe(401);
  });

  it('answers a question that reads as a threat to life with 102 and 112 first', async () => {
    const answer = await ask('Сосед угрожает убить меня ножом, куда обратиться?', 'ru');
    expect(answer.emergency).toContain('102');
    expect(answer.emergency).toContain('112');
    const unanswered = await ask('Qoʻshnim meni oʻldiraman deyapti', 'uz');
    expect(unanswered.emergency).toContain('102');
  });
});

describe('feedback and hand-off', () => {
  it('stores whether an answer helped, per article', async () => {
    const answer = await ask('What does not considered mean?', 'en');
    const id = answer.article?.id;
    expect(id).toBeDefined();
    const feedback = await t.request({
      method: 'POST',
      url: '/api/v1/chat/feedback',
      payload: { askId: answer.askId, helpful: true },
    });
    expect(feedback.statusCode, feedback.body).toBe(200);
    const counts = await admin.request({ method: 'GET', url: '/api/v1/knowledge/feedback' });
    expect(counts.json()).toContainEqual({ articleId: id, answered: 1, helpful: 1, notHelpful: 0 });

    const unknown = await t.request({
      method: 'POST',
      url: '/api/v1/chat/feedback',
      payload: { askId: '00000000-0000-4000-8000-000000000000', helpful: false },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('ASK_NOT_FOUND');
  });

  it('hands a question to a person: an operator lists the task with the contact and closes it', async () => {
    const answer = await ask('mening savolim juda murakkab: zzqx', 'uz');
    expect(answer.article).toBeNull();
    const handoff = await t.request({
      method: 'POST',
      url: '/api/v1/chat/handoff',
      payload: { askId: answer.askId, contact: '+998901234567' },
    });
    expect(handoff.statusCode, handoff.body).toBe(201);
    // Asking twice leaves one task.
    await t.request({ method: 'POST', url: '/api/v1/chat/handoff', payload: { askId: answer.askId } });

    const listed = await operator.request({ method: 'GET', url: '/api/v1/chat/handoffs' });
    expect(listed.statusCode, listed.body).toBe(200);
    const tasks = chatHandoffSchema.array().parse(listed.json());
    const task = tasks.find((x) => x.question === 'mening savolim juda murakkab: zzqx');
    expect(task).toMatchObject({ contact: '+998901234567', language: 'uz', done: false });
    expect(tasks.filter((x) => x.question === task?.question).length).toBe(1);
    expect((await unanswered()).find((q) => q.askId === answer.askId)?.handedOff).toBe(true);

    const done = await operator.request({ method: 'POST', url: `/api/v1/chat/handoffs/${task?.id}/done` });
    expect(done.statusCode, done.body).toBe(200);
    const open = chatHandoffSchema
      .array()
      .parse((await operator.request({ method: 'GET', url: '/api/v1/chat/handoffs' })).json());
    expect(open.find((x) => x.id === task?.id)).toBeUndefined();
  });

  it('hands over an answered question only with the words the person confirms', async () => {
    const answer = await ask('Какие документы нужны?', 'ru');
    expect(answer.article).not.toBeNull();
    const without = await t.request({
      method: 'POST',
      url: '/api/v1/chat/handoff',
      payload: { askId: answer.askId },
    });
    expect(without.statusCode).toBe(400);
    expect(without.json().error.fields[0].path).toBe('question');
    const withWords = await t.request({
      method: 'POST',
      url: '/api/v1/chat/handoff',
      payload: { askId: answer.askId, question: 'Какие документы нужны для доверенности?' },
    });
    expect(withWords.statusCode, withWords.body).toBe(201);
  });
});

describe('editing the knowledge base', () => {
  it('lets administrators only write articles', async () => {
    const article = {
      language: 'en',
      title: 'Office hours',
      body: 'Reception desks work on working days from 9:00 to 18:00.',
    };
    const post = await operator.request({
      method: 'POST',
      url: '/api/v1/knowledge/articles',
      payload: article,
    });
    expect(post.statusCode).toBe(403);
    expect(post.json().error.code).toBe('FORBIDDEN');
    const put = await operator.request({
      method: 'PUT',
      url: '/api/v1/knowledge/articles/1',
      payload: article,
    });
    expect(put.statusCode).toBe(403);
    const list = await operator.request({ method: 'GET', url: '/api/v1/knowledge/articles' });
    expect(list.statusCode).toBe(403);

    const created = await admin.request({
      method: 'POST',
      url: '/api/v1/knowledge/articles',
      payload: article,
    });
    const { id } = created.json<{ id: number }>();
    expect((await ask('What are the reception office hours?', 'en')).article?.id).toBe(id);
    const retired = await admin.request({
      method: 'PUT',
      url: `/api/v1/knowledge/articles/${id}`,
      payload: { ...article, active: false },
    });
    expect(retired.statusCode, retired.body).toBe(200);
    expect((await ask('What are the reception office hours?', 'en')).article?.id).not.toBe(id);
    const missing = await admin.request({
      method: 'PUT',
      url: '/api/v1/knowledge/articles/999999',
      payload: article,
    });
    expect(missing.json().error.code).toBe('ARTICLE_NOT_FOUND');
  });
});

// Last: it moves the clock three months on.
describe('what is kept of questions', () => {
  it('keeps no words of an answered question, and forgets unanswered ones after the retention time', async () => {
    const answered = await ask('How can I track my appeal?');
    const row = await t.ownerDb
      .selectFrom('chat_asks')
      .select(['question', 'article_id', 'language'])
      .where('id', '=', answered.askId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ question: null, article_id: answered.article?.id, language: 'en' });

    const old = await ask('blorf quux wibble', 'en');
    const stored = await t.ownerDb
      .selectFrom('chat_asks')
      .select('question')
      .where('id', '=', old.askId)
      .executeTakeFirstOrThrow();
    // Sealed: the words are not in the database as text.
    expect(stored.question?.toString('utf8')).not.toContain('blorf');
    clock.advance(91 * 86_400_000);
    await ask('frobnicate glorp', 'en');
    // Sessions of three months ago have ended too: an administrator signs in again.
    const later = await t.staff('admin-kb-later', 'admin', 'IIV', { scopeSubtree: true });
    const response = await later.request({ method: 'GET', url: '/api/v1/knowledge/unanswered' });
    const questions = unansweredQuestionSchema
      .array()
      .parse(response.json())
      .map((q) => q.question);
    expect(questions).toContain('frobnicate glorp');
    expect(questions).not.toContain('blorf quux wibble');
    expect(questions).not.toContain('qwerty zxcvb asdfgh');
  });
});
