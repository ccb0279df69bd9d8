import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import {
  appealInputSchema,
  normalizeUzPhone,
  registeredAppealSchema,
} from '../../contracts/appeal.schema.ts';
import { appealListSchema } from '../../contracts/console.schema.ts';
import {
  type AppealForm,
  type AppealType,
  answerChannels,
  answerLanguages,
  appealTypes,
  staffChannels,
} from '../../contracts/enums.ts';
import { limits } from '../../contracts/limits.ts';
import { fieldErrors } from '../../contracts/validation-messages.ts';
import { ApiError, api, query } from '../app/api.ts';
import { date, dateTime } from '../app/format.ts';
import { useI18n } from '../app/i18n.tsx';
import { nameIn, useReference } from '../app/reference.ts';
import { Link, navigate } from '../app/router.tsx';
import { ScreenHelp } from '../app/screen-help.tsx';
import { useTraining } from '../app/training.tsx';
import { Button, Checkbox, ErrorBanner, SelectField, StatusBadge, TextArea, TextField } from '../app/ui.tsx';

type StaffChannel = (typeof staffChannels)[number];
type Kind = 'individual' | 'legal_entity' | 'anonymous';

const formOf: Record<StaffChannel, AppealForm> = {
  hotline: 'oral',
  reception: 'oral',
  post: 'written',
  virtual_reception: 'electronic',
  email: 'electronic',
  sms: 'electronic',
};

const blank = {
  phone: '',
  lastName: '',
  firstName: '',
  patronymic: '',
  organization: '',
  representative: '',
  address: '',
  region: '',
  district: '',
  category: '',
  text: '',
};

/** The hotline and reception desk's form: keyboard-fast, with earlier appeals by phone and a read-back. */
export function OperatorEntry() {
  const { t, label, language } = useI18n();
  const training = useTraining();
  const reference = useReference();
  const phoneRef = useRef<HTMLInputElement>(null);
  const [channel, setChannel] = useState<StaffChannel>('hotline');
  const [form, setForm] = useState<AppealForm>('oral');
  const [kind, setKind] = useState<Kind>('individual');
  const [type, setType] = useState<AppealType>('ariza');
  const [values, setValues] = useState(blank);
  const [answerLanguage, setAnswerLanguage] = useState<string>(language);
  const [answerChannel, setAnswerChannel] = useState<string>('sms');
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ number: string; accessCode: string; dueAt: string } | null>(null);
  const [lookup, setLookup] = useState('');

  const set = (key: keyof typeof blank) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: event.target.value, ...(key === 'region' ? { district: '' } : {}) }));

  const earlier = useQuery({
    queryKey: ['earlier', lookup, training.on],
    queryFn: () =>
      api(
        `${training.on ? '/api/v1/training/appeals' : '/api/v1/appeals'}${query({ phone: lookup, pageSize: 10 })}`,
        appealListSchema,
      ),
    enabled: lookup !== '',
  });

  const reset = () => {
    setValues(blank);
    setKind('individual');
    setType('ariza');
    setConsent(false);
    setErrors({});
    setFailure(null);
    setResult(null);
    setLookup('');
    window.setTimeout(() => phoneRef.current?.focus(), 0);
  };

  useEffect(() => {
    const handler = (event: globalThis.KeyboardEvent) => {
      if (event.altKey && (event.key === 'n' || event.key === 'N')) {
        event.preventDefault();
        reset();
      }
    };
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  });

  const input = () => ({
    type,
    channel,
    form,
    applicant:
      kind === 'individual'
        ? {
            kind,
            lastName: values.lastName,
            firstName: values.firstName,
            patronymic: values.patronymic,
            address: values.address,
            phone: values.phone,
          }
        : kind === 'legal_entity'
          ? {
              kind,
              organization: values.organization,
              representative: values.representative,
              address: values.address,
              phone: values.phone,
            }
          : { kind },
    text: values.text,
    territory: values.district || values.region || undefined,
    category: values.category || undefined,
    answerLanguage,
    answerChannel: kind === 'anonymous' ? 'web' : answerChannel,
    consent,
  });

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const body = input();
    const parsed = appealInputSchema.safeParse(body);
    if (!parsed.success) {
      const problems = Object.fromEntries(
        fieldErrors(parsed.error.issues, language).map((f) => [f.path, f.message]),
      );
      setErrors(problems);
      const first = Object.keys(problems)[0];
      if (first) document.getElementById(`entry-${first}`)?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    setFailure(null);
    try {
      const registered = await api(
        training.on ? '/api/v1/training/appeals' : '/api/v1/appeals',
        registeredAppealSchema,
        {
          method: 'POST',
          body,
        },
      );
      setResult(registered);
    } catch (error) {
      setFailure(error);
      if (error instanceof ApiError)
        setErrors(Object.fromEntries(error.fields.map((f) => [f.path, f.message])));
    } finally {
      setBusy(false);
    }
  };

  const shortcut = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  if (result) {
    return (
      <section className="readback" aria-labelledby="readback-title">
        <h1 id="readback-title">{t('intake.registered')}</h1>
        <p>{t('intake.readBack')}</p>
        <dl className="readback-values">
          <dt>{t('intake.number')}</dt>
          <dd className="big" data-testid="registered-number">
            {result.number}
          </dd>
          <dt>{t('intake.code')}</dt>
          <dd className="big spaced" data-testid="registered-code">
            <span aria-hidden="true">
              {result.accessCode.slice(0, 4)} {result.accessCode.slice(4)}
            </span>
            <span className="sr-only">{result.accessCode.split('').join(' ')}</span>
          </dd>
        </dl>
        <p>{t('intake.due', { date: date(result.dueAt) })}</p>
        <div className="row">
          <Button kind="primary" autoFocus onClick={reset}>
            {t('intake.new')}
          </Button>
          <Button onClick={() => navigate(`/appeals/${result.number}`)}>{t('intake.openCard')}</Button>
        </div>
      </section>
    );
  }

  const territories = reference.data?.territories ?? [];
  const regions = territories.filter((x) => x.parentCode === null);
  const districts = territories.filter((x) => x.parentCode === values.region);
  const e = (path: string) => errors[path];
  const phoneValid = normalizeUzPhone(values.phone) !== null;

  return (
    <section aria-labelledby="entry-title">
      <div className="page-head">
        <h1 id="entry-title">{t('intake.title')}</h1>
        <ScreenHelp topic="intake" />
      </div>
      <form className="entry" onSubmit={submit} onKeyDown={shortcut} noValidate>
        <ErrorBanner error={failure} />
        <div className="entry-grid">
          <fieldset className="radios">
            <legend>{t('intake.channel')}</legend>
            {staffChannels.map((c) => (
              <label key={c}>
                <input
                  type="radio"
                  name="channel"
                  checked={channel === c}
                  onChange={() => {
                    setChannel(c);
                    setForm(formOf[c]);
                  }}
                />{' '}
                {label('channel', c)}
              </label>
            ))}
          </fieldset>
          <SelectField
            label={t('intake.form')}
            value={form}
            onChange={(ev) =>
              setForm(
                ev.target.value === 'written'
                  ? 'written'
                  : ev.target.value === 'electronic'
                    ? 'electronic'
                    : 'oral',
              )
            }
          >
            {(['oral', 'written', 'electronic'] as const).map((f) => (
              <option key={f} value={f}>
                {label('form', f)}
              </option>
            ))}
          </SelectField>
          <div className="phone-lookup">
            <TextField
              id="entry-applicant.phone"
              ref={phoneRef}
              label={t('intake.phone')}
              type="tel"
              inputMode="tel"
              autoComplete="off"
              autoFocus
              value={values.phone}
              onChange={set('phone')}
              onBlur={() => phoneValid && setLookup(values.phone)}
              error={e('applicant.phone')}
              placeholder="+998 90 123 45 67"
            />
            <Button disabled={!phoneValid} onClick={() => setLookup(values.phone)}>
              {t('intake.findEarlier')}
            </Button>
          </div>
        </div>
        {lookup && earlier.data ? (
          <div className="earlier" role="status">
            {earlier.data.total === 0 ? (
              <p className="muted">{t('intake.noEarlier')}</p>
            ) : (
              <>
                <p>
                  <strong>{t('intake.earlier', { count: earlier.data.total })}</strong>
                </p>
                <ul>
                  {earlier.data.items.map((item) => (
                    <li key={item.number}>
                      <Link to={`/appeals/${item.number}`}>{item.number}</Link> {dateTime(item.receivedAt)}{' '}
                      <StatusBadge status={item.status} />{' '}
                      <span className="muted small">{item.excerpt.slice(0, 90)}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        ) : null}
        <fieldset className="radios">
          <legend>{t('intake.applicantKind')}</legend>
          {(['individual', 'legal_entity', 'anonymous'] as const).map((k) => (
            <label key={k}>
              <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} />{' '}
              {label('applicant', k)}
            </label>
          ))}
        </fieldset>
        {kind === 'anonymous' ? <p className="banner banner-warn">{t('intake.anonymousNote')}</p> : null}
        {kind === 'individual' ? (
          <div className="entry-grid">
            <TextField
              id="entry-applicant.lastName"
              label={t('intake.lastName')}
              value={values.lastName}
              onChange={set('lastName')}
              error={e('applicant.lastName')}
              required
              autoComplete="off"
            />
            <TextField
              id="entry-applicant.firstName"
              label={t('intake.firstName')}
              value={values.firstName}
              onChange={set('firstName')}
              error={e('applicant.firstName')}
              required
              autoComplete="off"
            />
            <TextField
              id="entry-applicant.patronymic"
              label={t('intake.patronymic')}
              value={values.patronymic}
              onChange={set('patronymic')}
              autoComplete="off"
            />
          </div>
        ) : null}
        {kind === 'legal_entity' ? (
          <div className="entry-grid">
            <TextField
              id="entry-applicant.organization"
              label={t('intake.organization')}
              value={values.organization}
              onChange={set('organization')}
              error={e('applicant.organization')}
              required
            />
            <TextField
              id="entry-applicant.representative"
              label={t('intake.representative')}
              value={values.representative}
              onChange={set('representative')}
            />
          </div>
        ) : null}
        {kind !== 'anonymous' ? (
          <TextField
            id="entry-applicant.address"
            label={t('intake.address')}
            value={values.address}
            onChange={set('address')}
            error={e('applicant.address')}
            required
            autoComplete="off"
          />
        ) : null}
        <div className="entry-grid">
          <SelectField
            id="entry-territory"
            label={t('intake.region')}
            value={values.region}
            onChange={set('region')}
            error={e('territory')}
          >
            <option value="">—</option>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {nameIn(r.names, language)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('intake.district')}
            value={values.district}
            onChange={set('district')}
            disabled={!values.region}
          >
            <option value="">—</option>
            {districts.map((d) => (
              <option key={d.code} value={d.code}>
                {nameIn(d.names, language)}
              </option>
            ))}
          </SelectField>
        </div>
        <fieldset className="radios">
          <legend>{t('intake.type')}</legend>
          {appealTypes.map((x) => (
            <label key={x}>
              <input type="radio" name="type" checked={type === x} onChange={() => setType(x)} />{' '}
              <strong>{label('type', x)}</strong> <span className="muted small">{t(`typeHelp.${x}`)}</span>
            </label>
          ))}
        </fieldset>
        <SelectField
          id="entry-category"
          label={t('intake.category')}
          value={values.category}
          onChange={set('category')}
          error={e('category')}
        >
          <option value="">—</option>
          {(reference.data?.categories ?? []).map((c) => (
            <option key={c.code} value={c.code}>
              {nameIn(c.names, language)}
            </option>
          ))}
        </SelectField>
        <TextArea
          id="entry-text"
          label={t('intake.text')}
          rows={7}
          value={values.text}
          onChange={set('text')}
          error={e('text')}
          maxLength={limits.textMaxChars}
          hint={`${values.text.length} / ${limits.textMaxChars}`}
          required
        />
        <div className="entry-grid">
          <SelectField
            label={t('intake.answerLanguage')}
            value={answerLanguage}
            onChange={(ev) => setAnswerLanguage(ev.target.value)}
          >
            {answerLanguages.map((l) => (
              <option key={l} value={l}>
                {label('lang', l)}
              </option>
            ))}
          </SelectField>
          {kind !== 'anonymous' ? (
            <SelectField
              label={t('intake.answerChannel')}
              value={answerChannel}
              onChange={(ev) => setAnswerChannel(ev.target.value)}
            >
              {answerChannels.map((c) => (
                <option key={c} value={c}>
                  {label('channel', c)}
                </option>
              ))}
            </SelectField>
          ) : null}
        </div>
        <Checkbox
          id="entry-consent"
          label={t('intake.consent')}
          checked={consent}
          onChange={(ev) => setConsent(ev.target.checked)}
        />
        {e('consent') ? <p className="error-text">{e('consent')}</p> : null}
        <Button kind="primary" type="submit" disabled={busy}>
          {t('intake.submit')}
        </Button>
      </form>
    </section>
  );
}
