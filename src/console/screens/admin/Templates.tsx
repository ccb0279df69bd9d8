import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { answerLanguages, outcomes } from '../../../contracts/enums.ts';
import {
  type AnswerTemplate,
  answerTemplateSchema,
  templatePlaceholders,
} from '../../../contracts/templates.schema.ts';
import { api } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { nameIn, useReference } from '../../app/reference.ts';
import { Button, Checkbox, ErrorBanner, Loading, SelectField, TextArea, TextField } from '../../app/ui.tsx';
import { useChange } from './shared.tsx';

const saved = answerTemplateSchema.pick({ id: true });

function TemplateForm({ template, onDone }: { template?: AnswerTemplate; onDone(): void }) {
  const { t, label, language } = useI18n();
  const reference = useReference();
  const change = useChange([['admin-templates'], ['templates']]);
  const [form, setForm] = useState({
    category: template?.category ?? '',
    language: template?.language ?? 'uz',
    outcome: template?.outcome ?? '',
    title: template?.title ?? '',
    body: template?.body ?? '',
    active: template?.active ?? true,
  });
  const set =
    (key: 'category' | 'language' | 'outcome' | 'title' | 'body') => (e: { target: { value: string } }) =>
      setForm({ ...form, [key]: e.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { ...form, category: form.category || null, outcome: form.outcome || null };
    const ok = await change.run(() =>
      template
        ? api(`/api/v1/templates/${template.id}`, saved, { method: 'PUT', body })
        : api('/api/v1/templates', saved, { method: 'POST', body }),
    );
    if (ok) onDone();
  };
  return (
    <form className="stack form-panel" onSubmit={submit}>
      <h2>{template ? `${t('app.edit')}: ${template.title}` : t('admin.newTemplate')}</h2>
      <ErrorBanner error={change.error} />
      <div className="entry-grid">
        <SelectField label={t('filter.category')} value={form.category} onChange={set('category')}>
          <option value="">{t('admin.anyCategory')}</option>
          {(reference.data?.categories ?? []).map((c) => (
            <option key={c.code} value={c.code}>
              {nameIn(c.names, language)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('intake.answerLanguage')} value={form.language} onChange={set('language')}>
          {answerLanguages.map((l) => (
            <option key={l} value={l}>
              {label('lang', l)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('editor.outcome')} value={form.outcome} onChange={set('outcome')}>
          <option value="">{t('admin.anyOutcome')}</option>
          {outcomes.map((o) => (
            <option key={o} value={o}>
              {label('outcome', o)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField label={t('admin.title2')} value={form.title} onChange={set('title')} required />
      <TextArea
        label={t('editor.body')}
        rows={10}
        value={form.body}
        onChange={set('body')}
        hint={t('editor.placeholders', { list: templatePlaceholders.map((p) => `{{${p}}}`).join(' ') })}
        required
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

/** Answer templates per category, language and outcome, with placeholders. */
export function Templates() {
  const { t, label, language } = useI18n();
  const reference = useReference();
  const list = useQuery({
    queryKey: ['admin-templates'],
    queryFn: () => api('/api/v1/templates?all=true', answerTemplateSchema.array()),
  });
  const [editing, setEditing] = useState<AnswerTemplate | 'new' | null>(null);
  if (list.isPending) return <Loading />;
  const categoryName = (code: string | null) =>
    code
      ? nameIn(reference.data?.categories.find((c) => c.code === code)?.names, language) || code
      : t('admin.anyCategory');
  return (
    <div>
      <Button kind="primary" onClick={() => setEditing('new')}>
        {t('admin.newTemplate')}
      </Button>
      {editing ? (
        <TemplateForm
          key={editing === 'new' ? 'new' : editing.id}
          template={editing === 'new' ? undefined : editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
      <ErrorBanner error={list.error} />
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('admin.title2')}</th>
            <th scope="col">{t('filter.category')}</th>
            <th scope="col">{t('intake.answerLanguage')}</th>
            <th scope="col">{t('editor.outcome')}</th>
            <th scope="col">{t('admin.state')}</th>
            <th scope="col">{t('card.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((x) => (
            <tr key={x.id} className={x.active ? '' : 'row-muted'}>
              <th scope="row">{x.title}</th>
              <td>{categoryName(x.category)}</td>
              <td>{label('lang', x.language)}</td>
              <td>{x.outcome ? label('outcome', x.outcome) : t('admin.anyOutcome')}</td>
              <td>{x.active ? t('admin.active') : t('admin.inactive')}</td>
              <td>
                <Button small onClick={() => setEditing(x)}>
                  {t('app.edit')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
