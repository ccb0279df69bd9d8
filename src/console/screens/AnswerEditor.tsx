import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { unfilledPlaceholders } from '../../contracts/answer-placeholders.ts';
import { type AppealCard, attachmentListSchema } from '../../contracts/console.schema.ts';
import { answerLanguages, type Outcome, outcomes, type UiLanguage } from '../../contracts/enums.ts';
import { attachmentMimeTypes, limits } from '../../contracts/limits.ts';
import {
  answerTemplateSchema,
  fillTemplate,
  templatePlaceholders,
  unfilledParts,
} from '../../contracts/templates.schema.ts';
import { type Script, transliterateAnswer, wrongScript } from '../app/answer-script.ts';
import { api, query } from '../app/api.ts';
import { day } from '../app/format.ts';
import { messages } from '../app/i18n/index.ts';
import { useI18n } from '../app/i18n.tsx';
import { Button, ErrorBanner, PlaceholderList, SelectField, TextArea, TextField } from '../app/ui.tsx';
import { useTransition } from './Actions.tsx';

/** The letter as the applicant will receive it, in the answer's language. */
function LetterPreview({
  card,
  body,
  outcome,
  enclosures,
}: {
  card: AppealCard;
  body: string;
  outcome: Outcome | '';
  enclosures: string[];
}) {
  const language: UiLanguage =
    card.answerLanguage === 'oz' || card.answerLanguage === 'ru' || card.answerLanguage === 'en'
      ? card.answerLanguage
      : 'uz';
  const words = messages[language];
  return (
    <article
      className="letter"
      lang={language === 'oz' ? 'uz-Cyrl' : language}
      aria-label={messages[language]['editor.preview']}
    >
      <header>
        <p className="letter-ministry">{words['letter.ministry']}</p>
        <p className="letter-unit">{card.unit?.name}</p>
      </header>
      <p className="letter-meta">
        {card.number} · {day(card.clock.today)}
      </p>
      <p className="letter-regarding">
        {words['letter.regarding']
          .replace('{number}', card.number)
          .replace('{date}', day(card.clock.receivedOn))}
      </p>
      <div className="letter-body">{body}</div>
      {outcome ? (
        <p>
          <strong>{words['editor.outcome']}:</strong> {words[`outcome.${outcome}`]}
        </p>
      ) : null}
      {enclosures.length > 0 ? (
        <div>
          <strong>{words['letter.enclosures']}:</strong>
          <ol>
            {enclosures.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ol>
        </div>
      ) : null}
      <p className="letter-rights">{words['letter.rights']}</p>
    </article>
  );
}

/** The files of an appeal and of its answers (one query the card and the editor share). */
export function useAppealFiles(number: string) {
  return useQuery({
    queryKey: ['attachments', number],
    queryFn: () => api(`/api/v1/appeals/${number}/attachments`, attachmentListSchema),
  });
}

/** Sends files to the appeal's answer draft in one multipart request. */
export async function uploadAnswerFiles(number: string, files: File[]): Promise<void> {
  const body = new FormData();
  for (const file of files) body.append('files', file, file.name);
  await api(`/api/v1/appeals/${number}/answer-files`, attachmentListSchema, { method: 'POST', body });
}

/** Drafting the answer: a template for the category and language, the outcome, the text, a preview. */
export function AnswerEditor({
  card,
  seed,
  applicantName,
  onSaved,
  onCancel,
}: {
  card: AppealCard;
  seed: string | null;
  applicantName: string | null;
  onSaved(message: string): void;
  onCancel(): void;
}) {
  const { t, label } = useI18n();
  const transition = useTransition(card);
  const outcomeId = useId();
  const latest = card.answers.filter((a) => a.kind === 'answer').at(-1);
  const [body, setBody] = useState(seed ?? latest?.body ?? '');
  const [outcome, setOutcome] = useState<Outcome | ''>(latest?.outcome ?? '');
  const [templateId, setTemplateId] = useState('');
  const [preview, setPreview] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  // The text as it was before a one-click change of script, to take the change back.
  const [converted, setConverted] = useState<{ before: string; to: Script } | null>(null);
  const queryClient = useQueryClient();
  const appealFiles = useAppealFiles(card.number);
  // A returned draft's files go on with the new one (the server moves them when the draft is saved).
  const carried =
    latest && latest.status !== 'approved'
      ? (appealFiles.data ?? []).filter((f) => f.answerId === latest.id).map((f) => f.filename)
      : [];
  const language = answerLanguages.find((l) => l === card.answerLanguage) ?? 'uz';
  const templates = useQuery({
    queryKey: ['templates', card.category?.code ?? null, language],
    queryFn: () =>
      api(
        `/api/v1/templates${query({ category: card.category?.code, language })}`,
        answerTemplateSchema.array(),
      ),
  });

  useEffect(() => {
    if (seed) setBody(seed);
  }, [seed]);

  const applyTemplate = (id: string) => {
    setTemplateId(id);
    setConverted(null);
    const template = templates.data?.find((x) => String(x.id) === id);
    if (!template) return;
    setBody(
      fillTemplate(template.body, language, {
        number: card.number,
        receivedOn: day(card.clock.receivedOn),
        unit: card.unit?.name,
        category: card.category?.name,
        dueOn: day(card.clock.dueOn),
        today: day(card.clock.today),
        applicantName: applicantName ?? undefined,
      }),
    );
    if (template.outcome) setOutcome(template.outcome);
  };

  // {{placeholders}} stop the draft (the server refuses it too); other parts left to write only warn.
  const placeholders = unfilledPlaceholders(body);
  const unfilled = unfilledParts(body).filter((part) => !placeholders.includes(part));
  // An Uzbek answer drafted in the script the applicant did not ask for.
  const wrong = wrongScript(body, language);
  const convert = (to: Script) => {
    setConverted({ before: body, to });
    setBody(transliterateAnswer(body, to));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!outcome || placeholders.length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      await transition({ action: 'draft_answer', outcome, body });
      // The draft exists now; its files are sent to it. Should that fail, the draft stays and the card
      // offers to attach them again.
      if (files.length > 0) {
        await uploadAnswerFiles(card.number, files);
        await queryClient.invalidateQueries({ queryKey: ['attachments', card.number] });
      }
      onSaved(t('editor.saved'));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel editor" aria-labelledby="editor-title">
      <h2 id="editor-title">{t('editor.title')}</h2>
      {latest?.status === 'returned' && latest.reviewComment ? (
        <p className="banner banner-warn">{t('card.reviewComment', { comment: latest.reviewComment })}</p>
      ) : null}
      <form className="stack" onSubmit={submit} noValidate>
        <ErrorBanner error={failure} />
        <SelectField
          label={t('editor.template')}
          value={templateId}
          onChange={(e) => applyTemplate(e.target.value)}
        >
          <option value="">{t('editor.noTemplate')}</option>
          {(templates.data ?? []).map((x) => (
            <option key={x.id} value={x.id}>
              {x.title}
              {x.category ? '' : ' ·'}
            </option>
          ))}
        </SelectField>
        <fieldset className="radios" aria-describedby={outcome ? undefined : `${outcomeId}-need`}>
          <legend>
            {t('editor.outcome')} <span className="req">({t('app.required')})</span>
          </legend>
          {outcomes.map((o) => (
            <label key={o}>
              <input
                type="radio"
                name="outcome"
                value={o}
                checked={outcome === o}
                onChange={() => setOutcome(o)}
                required
              />{' '}
              {label('outcome', o)}
            </label>
          ))}
        </fieldset>
        <TextArea
          label={t('editor.body')}
          rows={14}
          value={body}
          onChange={(e) => {
            setBody(e.target.value);
            setConverted(null);
          }}
          maxLength={limits.answerMaxChars}
          hint={`${t('editor.chars', { count: body.length, max: limits.answerMaxChars })} · ${t(
            'editor.placeholders',
            {
              list: templatePlaceholders.map((p) => `{{${p}}}`).join(' '),
            },
          )}`}
          required
        />
        {wrong ? (
          <div className="banner banner-warn script-note" role="status">
            <p>{t(wrong === 'latin' ? 'editor.scriptLatin' : 'editor.scriptCyrillic')}</p>
            <Button onClick={() => convert(wrong === 'latin' ? 'cyrillic' : 'latin')}>
              {t(wrong === 'latin' ? 'editor.toCyrillic' : 'editor.toLatin')}
            </Button>
          </div>
        ) : converted ? (
          <div className="banner banner-ok script-note" role="status">
            <p>{t('editor.converted')}</p>
            <Button
              onClick={() => {
                setBody(converted.before);
                setConverted(null);
              }}
            >
              {t('editor.undoConvert')}
            </Button>
          </div>
        ) : null}
        <TextField
          label={t('editor.files')}
          type="file"
          multiple
          accept={attachmentMimeTypes.join(',')}
          hint={t('editor.filesHint', {
            count: limits.attachmentsMaxCount,
            size: `${limits.attachmentMaxBytes / 1024 / 1024} MB`,
          })}
          onChange={(e) => setFiles([...(e.currentTarget.files ?? [])].slice(0, limits.attachmentsMaxCount))}
        />
        {carried.length > 0 ? (
          <p className="small">
            {t('editor.carried')}: {carried.join(', ')}
          </p>
        ) : null}
        {placeholders.length > 0 ? (
          <div className="banner banner-error" role="alert">
            <p>{t('editor.placeholdersLeft')}</p>
            <PlaceholderList placeholders={placeholders} />
          </div>
        ) : null}
        {unfilled.length > 0 ? (
          <p className="banner banner-warn" role="status">
            {t('editor.unfilled', { parts: unfilled.slice(0, 5).join(', ') })}
          </p>
        ) : null}
        <div className="row">
          <Button
            kind="primary"
            type="submit"
            disabled={busy || !outcome || body.trim().length < 10 || placeholders.length > 0}
          >
            {t('editor.save')}
          </Button>
          <Button onClick={() => setPreview((p) => !p)} aria-expanded={preview}>
            {preview ? t('editor.hidePreview') : t('editor.preview')}
          </Button>
          <Button onClick={onCancel}>{t('app.cancel')}</Button>
        </div>
      </form>
      {preview ? (
        <LetterPreview
          card={card}
          body={body}
          outcome={outcome}
          enclosures={[...carried, ...files.map((f) => f.name)]}
        />
      ) : null}
    </section>
  );
}
