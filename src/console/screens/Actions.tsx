import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { z } from 'zod';
import { unfilledPlaceholders } from '../../contracts/answer-placeholders.ts';
import { transitionInputSchema } from '../../contracts/appeal.schema.ts';
import { type AppealCard, assigneesSchema } from '../../contracts/console.schema.ts';
import { type AppealAction, appealStatuses, conclusionReasons } from '../../contracts/enums.ts';
import { fieldErrors } from '../../contracts/validation-messages.ts';
import { ApiError, api } from '../app/api.ts';
import { day } from '../app/format.ts';
import { useI18n } from '../app/i18n.tsx';
import { nameIn, useReference } from '../app/reference.ts';
import { routeSuggestion } from '../app/route-suggestion.ts';
import { useSuggestionReason } from '../app/route-suggestion-reason.ts';
import {
  Button,
  Checkbox,
  ErrorBanner,
  PlaceholderList,
  SelectField,
  TextArea,
  TextField,
} from '../app/ui.tsx';
import { UnitPicker } from '../app/unit-picker.tsx';

const resultSchema = z.object({ status: z.enum(appealStatuses), version: z.number() });

// Actions that need nothing but a decision: taking the appeal happens on the click; an approval, which
// sends the answer to the applicant, asks once more.
const immediate: readonly AppealAction[] = ['accept'];
const oneClick: readonly AppealAction[] = ['approve_answer', 'approve_conclusion', 'info_received'];
const primary: readonly AppealAction[] = [
  'route',
  'accept',
  'approve_answer',
  'approve_conclusion',
  'draft_answer',
];

/** Runs one transition of an appeal, guarded by the version the user saw. */
export function useTransition(card: AppealCard) {
  const queryClient = useQueryClient();
  return async (body: unknown) => {
    const result = await api(`/api/v1/appeals/${card.number}/transitions`, resultSchema, {
      method: 'POST',
      body,
      headers: { 'if-match': String(card.version) },
    });
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['appeal', card.number] }),
      queryClient.invalidateQueries({ queryKey: ['queue'] }),
      queryClient.invalidateQueries({ queryKey: ['counts'] }),
    ]);
    return result;
  };
}

/** Checks a transition with the same schema the server uses, so mistakes show before the request. */
function validate(body: unknown, language: 'uz' | 'oz' | 'ru' | 'en'): Record<string, string> {
  const parsed = transitionInputSchema.safeParse(body);
  if (parsed.success) return {};
  return Object.fromEntries(fieldErrors(parsed.error.issues, language).map((f) => [f.path, f.message]));
}

function ActionForm({
  card,
  action,
  onDone,
  onCancel,
}: {
  card: AppealCard;
  action: AppealAction;
  onDone(message: string): void;
  onCancel(): void;
}) {
  const { t, label, language } = useI18n();
  const reference = useReference();
  const transition = useTransition(card);
  // The Route form starts from the suggestion the card shows, and from nothing when there is none.
  const suggested = action === 'route' ? routeSuggestion(card) : null;
  const suggestionReason = useSuggestionReason();
  const [units, setUnits] = useState<string[]>(suggested ? [suggested.unit] : []);
  const [values, setValues] = useState<Record<string, string>>({
    urgent: card.urgent ? '' : 'true',
    reason: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  // An approval sends the draft to the applicant as written: one still holding a {{placeholder}} cannot
  // be approved (the server refuses it too), so the head sees why before confirming.
  const awaiting = card.answers.filter((a) => a.kind === 'answer' && a.status === 'draft').at(-1);
  const placeholders = action === 'approve_answer' && awaiting ? unfilledPlaceholders(awaiting.body) : [];
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const assignees = useQuery({
    queryKey: ['assignees', card.number],
    queryFn: () => api(`/api/v1/appeals/${card.number}/assignees`, assigneesSchema),
    enabled: action === 'assign_executor',
  });
  const set = (key: string) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: event.target.value }));
  const text = (key: string) => values[key] ?? '';
  // Actions where the law asks for no reason still let the user give one.
  const optionalReason = (
    <TextArea
      label={`${t('field.reason')} (${t('app.optional')})`}
      rows={2}
      value={text('reason')}
      onChange={set('reason')}
    />
  );
  const optional = (key: string) => (text(key).trim() ? text(key) : undefined);

  const body = (): unknown => {
    switch (action) {
      case 'route':
        return { action, units, reason: optional('reason') };
      case 'assign_executor':
        return { action, executor: text('executor') };
      case 'request_info':
        return { action, reason: text('reason'), from: optional('from') };
      case 'info_received':
        return { action, note: optional('note') };
      case 'record_extra_study':
      case 'request_extension':
      case 'withdraw':
      case 'clear_officer_complaint':
      case 'leave_group':
        return { action, reason: text('reason') };
      case 'extend':
        return { action, reason: text('reason'), until: optional('until') };
      case 'return_answer':
      case 'return_conclusion':
        return { action, comment: text('comment') };
      case 'forward':
        return { action, to: text('to'), reason: text('reason') };
      case 'draft_conclusion':
        return { action, reason: text('conclusionReason') || 'anonymous', body: text('body') };
      case 'merge':
      case 'join_group':
        return { action, into: text('into'), reason: optional('reason') };
      case 'set_category':
        return { action, category: text('category') };
      case 'mark_officer_complaint':
        return { action, unit: units[0] ?? '', officer: optional('officer') };
      case 'mark_urgent':
        return { action, urgent: values.urgent === 'true', reason: optional('reason') };
      default:
        return { action };
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const payload = body();
    const problems = validate(payload, language);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      await transition(payload);
      onDone(t('action.done', { action: label('action', action) }));
    } catch (error) {
      setFailure(error);
      if (error instanceof ApiError)
        setErrors(Object.fromEntries(error.fields.map((f) => [f.path, f.message])));
    } finally {
      setBusy(false);
    }
  };

  const reason = (hint?: string) => (
    <TextArea
      label={t('field.reason')}
      rows={2}
      value={text('reason')}
      onChange={set('reason')}
      error={errors.reason}
      hint={hint}
      required
    />
  );
  let fields: ReactNode = null;
  switch (action) {
    case 'route':
      fields = (
        <>
          <UnitPicker
            label={t('field.units')}
            value={units}
            onChange={setUnits}
            multiple
            required
            error={errors.units}
          />
          {suggested ? (
            <p className="small muted">
              {t('card.suggestionBasis', { reason: suggestionReason(suggested) })}
            </p>
          ) : null}
          {optionalReason}
        </>
      );
      break;
    case 'assign_executor':
      fields = (
        <SelectField
          label={t('field.executor')}
          value={text('executor')}
          onChange={set('executor')}
          error={errors.executor}
          required
        >
          <option value="">—</option>
          {(assignees.data ?? []).map((p) => (
            <option key={p.login} value={p.login}>
              {p.name || p.login} ({label('role', p.role)}, {p.unit.name})
            </option>
          ))}
        </SelectField>
      );
      break;
    case 'request_info':
      fields = (
        <>
          {reason()}
          <TextField
            label={`${t('field.from')} (${t('app.optional')})`}
            value={text('from')}
            onChange={set('from')}
          />
        </>
      );
      break;
    case 'info_received':
      fields = (
        <TextArea
          label={`${t('field.note')} (${t('app.optional')})`}
          rows={2}
          value={text('note')}
          onChange={set('note')}
        />
      );
      break;
    case 'record_extra_study':
      fields = reason(t('hint.extraStudy'));
      break;
    case 'request_extension':
      fields = reason(t('hint.requestExtension'));
      break;
    case 'withdraw':
      fields = reason();
      break;
    case 'leave_group':
      fields = reason(t('hint.leaveGroup'));
      break;
    case 'clear_officer_complaint':
      fields = reason(t('hint.clearOfficer'));
      break;
    case 'extend':
      fields = (
        <>
          {reason(t('hint.extend'))}
          <TextField
            label={t('field.until')}
            type="date"
            value={text('until')}
            onChange={set('until')}
            error={errors.until}
          />
        </>
      );
      break;
    case 'return_answer':
    case 'return_conclusion':
      fields = (
        <TextArea
          label={t('field.comment')}
          rows={3}
          value={text('comment')}
          onChange={set('comment')}
          error={errors.comment}
          required
        />
      );
      break;
    case 'forward':
      fields = (
        <>
          <p className="hint">{t('hint.forward', { date: day(card.clock.forwardDueOn) })}</p>
          <TextField
            label={t('field.forwardTo')}
            value={text('to')}
            onChange={set('to')}
            error={errors.to}
            required
          />
          {reason()}
        </>
      );
      break;
    case 'draft_conclusion':
      fields = (
        <>
          <p className="hint">{t('hint.conclusion')}</p>
          <SelectField
            label={t('field.conclusionReason')}
            value={text('conclusionReason')}
            onChange={set('conclusionReason')}
            required
          >
            {conclusionReasons.map((r) => (
              <option key={r} value={r}>
                {t(`conclusion.${r}`)}
              </option>
            ))}
          </SelectField>
          <TextArea
            label={t('field.body')}
            rows={5}
            value={text('body')}
            onChange={set('body')}
            error={errors.body}
            required
          />
        </>
      );
      break;
    case 'merge':
    case 'join_group':
      fields = (
        <>
          <TextField
            label={t('field.into')}
            value={text('into')}
            onChange={set('into')}
            error={errors.into}
            placeholder="IIV-2026-0000001"
            required
          />
          {optionalReason}
        </>
      );
      break;
    case 'set_category':
      fields = (
        <SelectField
          label={t('field.category')}
          value={text('category')}
          onChange={set('category')}
          error={errors.category}
          required
        >
          <option value="">—</option>
          {(reference.data?.categories ?? []).map((c) => (
            <option key={c.code} value={c.code}>
              {nameIn(c.names, language)}
            </option>
          ))}
        </SelectField>
      );
      break;
    case 'mark_officer_complaint':
      fields = (
        <>
          <UnitPicker
            label={t('card.subject')}
            value={units}
            onChange={setUnits}
            required
            error={errors.unit}
          />
          <TextField label={t('field.officer')} value={text('officer')} onChange={set('officer')} />
        </>
      );
      break;
    case 'mark_urgent':
      fields = (
        <>
          <Checkbox
            label={t('field.urgent')}
            checked={values.urgent === 'true'}
            onChange={(e) => setValues((v) => ({ ...v, urgent: e.target.checked ? 'true' : '' }))}
          />
          {optionalReason}
        </>
      );
      break;
    case 'approve_answer':
      fields =
        placeholders.length > 0 ? (
          <div className="banner banner-error" role="alert">
            <p>{t('action.placeholdersLeft')}</p>
            <PlaceholderList placeholders={placeholders} />
          </div>
        ) : null;
      break;
    default:
      fields = null;
  }

  return (
    <form className="action-form stack" onSubmit={submit} noValidate aria-label={label('action', action)}>
      <h3>{label('action', action)}</h3>
      <ErrorBanner error={failure} />
      {fields}
      <div className="row">
        <Button
          kind={action.startsWith('return') ? 'danger' : 'primary'}
          type="submit"
          disabled={busy || placeholders.length > 0}
          autoFocus={oneClick.includes(action)}
        >
          {oneClick.includes(action) ? t('action.confirm') : label('action', action)}
        </Button>
        <Button onClick={onCancel}>{t('app.cancel')}</Button>
      </div>
    </form>
  );
}

/** The actions the state machine allows this user, each one step, with a reason where the law needs one. */
export function ActionsPanel({
  card,
  active,
  setActive,
  onDraftAnswer,
  onDone,
}: {
  card: AppealCard;
  active: AppealAction | null;
  setActive(action: AppealAction | null): void;
  onDraftAnswer(): void;
  onDone(message: string): void;
}) {
  const { t, label } = useI18n();
  const transition = useTransition(card);
  const [failure, setFailure] = useState<unknown>(null);
  const start = async (action: AppealAction) => {
    setFailure(null);
    if (action === 'draft_answer') onDraftAnswer();
    else if (!immediate.includes(action)) setActive(action);
    else {
      try {
        await transition({ action });
        onDone(t('action.done', { action: label('action', action) }));
      } catch (error) {
        setFailure(error);
      }
    }
  };
  return (
    <section className="panel" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('card.actions')}</h2>
      {card.allowedActions.length === 0 ? <p className="muted">{t('action.none')}</p> : null}
      <ErrorBanner error={failure} />
      {active && active !== 'draft_answer' ? (
        <ActionForm
          key={active}
          card={card}
          action={active}
          onCancel={() => setActive(null)}
          onDone={(message) => {
            setActive(null);
            onDone(message);
          }}
        />
      ) : (
        <div className="action-buttons">
          {card.allowedActions.map((action) => (
            <Button
              key={action}
              kind={primary.includes(action) ? 'primary' : 'secondary'}
              small={!primary.includes(action)}
              onClick={() => void start(action)}
            >
              {label('action', action)}
            </Button>
          ))}
        </div>
      )}
    </section>
  );
}
