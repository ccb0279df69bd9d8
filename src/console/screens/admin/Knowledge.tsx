import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { z } from 'zod';
import { referenceLanguage, uiLanguages } from '../../../contracts/enums.ts';
import {
  articleFeedbackSchema,
  type KnowledgeArticle,
  knowledgeArticleSchema,
  unansweredQuestionSchema,
} from '../../../contracts/knowledge.schema.ts';
import { api } from '../../app/api.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Button, Checkbox, ErrorBanner, Loading, SelectField, TextArea, TextField } from '../../app/ui.tsx';
import { useChange } from './shared.tsx';

const saved = z.object({ id: z.number() });
const accepted = z.object({ ok: z.literal(true) });

/** A new article, or one being edited; a new one may start from an unanswered question. */
type Draft = { article?: KnowledgeArticle; language?: KnowledgeArticle['language']; keywords?: string };

function ArticleForm({ draft, onDone }: { draft: Draft; onDone(): void }) {
  const { t, label } = useI18n();
  const change = useChange([['knowledge-articles']]);
  const article = draft.article;
  const [form, setForm] = useState({
    language: article?.language ?? draft.language ?? 'uz',
    title: article?.title ?? '',
    body: article?.body ?? '',
    keywords: article?.keywords ?? draft.keywords ?? '',
    active: article?.active ?? true,
  });
  const set = (key: 'language' | 'title' | 'body' | 'keywords') => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await change.run(() =>
      article
        ? api(`/api/v1/knowledge/articles/${article.id}`, saved, { method: 'PUT', body: form })
        : api('/api/v1/knowledge/articles', saved, { method: 'POST', body: form }),
    );
    if (ok) onDone();
  };
  return (
    <form className="stack form-panel" onSubmit={submit}>
      <h2>{article ? `${t('app.edit')}: ${article.title}` : t('knowledge.newArticle')}</h2>
      <ErrorBanner error={change.error} />
      <SelectField label={t('knowledge.language')} value={form.language} onChange={set('language')}>
        {uiLanguages.map((l) => (
          <option key={l} value={l}>
            {label('lang', l)}
          </option>
        ))}
      </SelectField>
      <TextField label={t('knowledge.articleTitle')} value={form.title} onChange={set('title')} required />
      <TextArea label={t('knowledge.body')} rows={10} value={form.body} onChange={set('body')} required />
      <TextArea
        label={t('knowledge.keywords')}
        hint={t('knowledge.keywordsHint')}
        rows={3}
        value={form.keywords}
        onChange={set('keywords')}
      />
      <Checkbox
        label={t('admin.active')}
        checked={form.active}
        onChange={(e) => setForm({ ...form, active: e.target.checked })}
      />
      <div className="row">
        <Button kind="primary" type="submit">
          {t('app.save')}
        </Button>
        <Button onClick={onDone}>{t('app.cancel')}</Button>
      </div>
    </form>
  );
}

/** Questions no article answered: read them, write the article they lacked, then let them go. */
function Unanswered({ onWrite }: { onWrite(draft: Draft): void }) {
  const { t, label } = useI18n();
  const change = useChange([['knowledge-unanswered']]);
  const list = useQuery({
    queryKey: ['knowledge-unanswered'],
    queryFn: () => api('/api/v1/knowledge/unanswered', unansweredQuestionSchema.array()),
  });
  const rows = list.data ?? [];
  return (
    <section aria-labelledby="unanswered-title">
      <h2 id="unanswered-title">{t('knowledge.unanswered')}</h2>
      <p>{t('knowledge.unansweredIntro')}</p>
      <ErrorBanner error={list.error ?? change.error} />
      {list.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p>{t('knowledge.noUnanswered')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('knowledge.question')}</th>
                <th scope="col">{t('knowledge.language')}</th>
                <th scope="col">{t('knowledge.asked')}</th>
                <th scope="col">{t('card.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((q) => (
                <tr key={q.askId}>
                  <th scope="row">
                    {q.question}
                    {q.handedOff ? ` (${t('knowledge.handedOff')})` : ''}
                  </th>
                  <td>{label('lang', q.language)}</td>
                  <td>{dateTime(q.askedAt)}</td>
                  <td className="row">
                    <Button
                      small
                      onClick={() =>
                        onWrite({ language: referenceLanguage(q.language), keywords: q.question })
                      }
                    >
                      {t('knowledge.writeArticle')}
                    </Button>
                    <Button
                      small
                      onClick={() =>
                        void change.run(() =>
                          api(`/api/v1/knowledge/unanswered/${q.askId}`, accepted, { method: 'DELETE' }),
                        )
                      }
                    >
                      {t('knowledge.dismiss')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The chatbot's knowledge base: articles in four languages, how they fared, and what went unanswered. */
export function Knowledge() {
  const { t, label } = useI18n();
  const articles = useQuery({
    queryKey: ['knowledge-articles'],
    queryFn: () => api('/api/v1/knowledge/articles', knowledgeArticleSchema.array()),
  });
  const feedback = useQuery({
    queryKey: ['knowledge-feedback'],
    queryFn: () => api('/api/v1/knowledge/feedback', articleFeedbackSchema.array()),
  });
  const [editing, setEditing] = useState<Draft | null>(null);
  if (articles.isPending) return <Loading />;
  const fared = new Map((feedback.data ?? []).map((f) => [f.articleId, f]));
  return (
    <div>
      <p>{t('knowledge.intro')}</p>
      <Button kind="primary" onClick={() => setEditing({})}>
        {t('knowledge.newArticle')}
      </Button>
      {editing ? (
        <ArticleForm
          key={editing.article?.id ?? `new-${editing.keywords ?? ''}`}
          draft={editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
      <ErrorBanner error={articles.error} />
      <h2>{t('knowledge.articles')}</h2>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('knowledge.articleTitle')}</th>
              <th scope="col">{t('knowledge.language')}</th>
              <th scope="col">{t('knowledge.answered')}</th>
              <th scope="col">{t('knowledge.helpful')}</th>
              <th scope="col">{t('admin.state')}</th>
              <th scope="col">{t('card.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(articles.data ?? []).map((a) => {
              const f = fared.get(a.id);
              return (
                <tr key={a.id} className={a.active ? '' : 'row-muted'}>
                  <th scope="row">{a.title}</th>
                  <td>{label('lang', a.language)}</td>
                  <td>{f?.answered ?? 0}</td>
                  <td>{f ? `${f.helpful} / ${f.notHelpful}` : '0 / 0'}</td>
                  <td>{a.active ? t('admin.active') : t('admin.inactive')}</td>
                  <td>
                    <Button small onClick={() => setEditing({ article: a })}>
                      {t('app.edit')}
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Unanswered onWrite={(draft) => setEditing(draft)} />
    </div>
  );
}
