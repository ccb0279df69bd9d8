import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { z } from 'zod';
import { calendarDayKinds, calendarDaySchema } from '../../../contracts/admin.schema.ts';
import type { ClockSettings } from '../../../server/deadlines/legal-clock.ts';
import { api, apiVoid } from '../../app/api.ts';
import { day } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Button, ErrorBanner, Loading, SelectField, TextField } from '../../app/ui.tsx';
import { emptyNames, type Names, NamesFields, useChange } from './shared.tsx';

// The server validates the settings with the legal clock's own schema; the console reads them loosely.
const clockViewSchema = z.object({
  clock: z.object({
    dayKind: z.enum(['calendar', 'working']),
    dayOffRule: z.enum(['next_working_day', 'none']),
    workingHours: z.object({ start: z.string(), end: z.string() }),
    baseTermDays: z.number(),
    extraStudyMonths: z.number(),
    proposalTermMonths: z.number(),
    proposalNoticeDays: z.number(),
    headExtensionMonths: z.number(),
    forwardDays: z.number(),
    handoverWorkingDays: z.number(),
    infoRequestDays: z.number(),
  }),
  weekend: z.array(z.number()),
});
const weekdays = [
  'weekday.1',
  'weekday.2',
  'weekday.3',
  'weekday.4',
  'weekday.5',
  'weekday.6',
  'weekday.7',
] as const;
type NumericSetting = Exclude<keyof ClockSettings, 'dayKind' | 'dayOffRule' | 'workingHours'>;
const numeric: NumericSetting[] = [
  'baseTermDays',
  'extraStudyMonths',
  'proposalTermMonths',
  'proposalNoticeDays',
  'headExtensionMonths',
  'forwardDays',
  'handoverWorkingDays',
  'infoRequestDays',
];

function ClockForm({ readOnly }: { readOnly: boolean }) {
  const { t } = useI18n();
  const current = useQuery({
    queryKey: ['admin-clock'],
    queryFn: () => api('/api/v1/admin/clock', clockViewSchema),
  });
  const change = useChange([['admin-clock']]);
  const [draft, setDraft] = useState<z.infer<typeof clockViewSchema> | null>(null);
  useEffect(() => {
    if (current.data) setDraft(current.data);
  }, [current.data]);
  if (!draft) return <Loading />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void change.run(() => apiVoid('/api/v1/admin/clock', { method: 'PUT', body: draft }));
  };
  const c = draft.clock;
  return (
    <form className="stack form-panel" onSubmit={submit} aria-labelledby="clock-settings-title">
      <h2 id="clock-settings-title">{t('admin.clock')}</h2>
      <p className="hint">{t('admin.clockNote')}</p>
      <ErrorBanner error={change.error} />
      {change.message ? (
        <p className="banner banner-ok" role="status">
          {change.message}
        </p>
      ) : null}
      <div className="entry-grid">
        <SelectField
          label={t('clock.dayKind')}
          value={c.dayKind}
          onChange={(e) =>
            setDraft({
              ...draft,
              clock: { ...c, dayKind: e.target.value === 'working' ? 'working' : 'calendar' },
            })
          }
        >
          <option value="calendar">{t('clock.dayKind.calendar')}</option>
          <option value="working">{t('clock.dayKind.working')}</option>
        </SelectField>
        <SelectField
          label={t('clock.dayOffRule')}
          value={c.dayOffRule}
          onChange={(e) =>
            setDraft({
              ...draft,
              clock: { ...c, dayOffRule: e.target.value === 'none' ? 'none' : 'next_working_day' },
            })
          }
        >
          <option value="next_working_day">{t('clock.dayOffRule.next_working_day')}</option>
          <option value="none">{t('clock.dayOffRule.none')}</option>
        </SelectField>
        <TextField
          label={t('clock.workingStart')}
          type="time"
          value={c.workingHours.start}
          onChange={(e) =>
            setDraft({
              ...draft,
              clock: { ...c, workingHours: { ...c.workingHours, start: e.target.value } },
            })
          }
        />
        <TextField
          label={t('clock.workingEnd')}
          type="time"
          value={c.workingHours.end}
          onChange={(e) =>
            setDraft({ ...draft, clock: { ...c, workingHours: { ...c.workingHours, end: e.target.value } } })
          }
        />
        {numeric.map((key) => (
          <TextField
            key={key}
            label={t(`clock.${key}`)}
            type="number"
            min={0}
            value={String(c[key])}
            onChange={(e) => setDraft({ ...draft, clock: { ...c, [key]: Number(e.target.value) } })}
          />
        ))}
      </div>
      <fieldset className="radios inline">
        <legend>{t('admin.weekend')}</legend>
        {weekdays.map((key, index) => {
          const d = index + 1;
          return (
            <label key={d}>
              <input
                type="checkbox"
                checked={draft.weekend.includes(d)}
                onChange={(e) =>
                  setDraft({
                    ...draft,
                    weekend: e.target.checked
                      ? [...draft.weekend, d].sort()
                      : draft.weekend.filter((x) => x !== d),
                  })
                }
              />{' '}
              {t(key)}
            </label>
          );
        })}
      </fieldset>
      {!readOnly ? (
        <Button kind="primary" type="submit">
          {t('app.save')}
        </Button>
      ) : null}
    </form>
  );
}

/** The holiday calendar of a year and the legal clock's settings. */
export function CalendarSettings({ readOnly }: { readOnly: boolean }) {
  const { t, label, language } = useI18n();
  const [year, setYear] = useState(new Date().getFullYear());
  const days = useQuery({
    queryKey: ['admin-calendar', year],
    queryFn: () => api(`/api/v1/admin/calendar?year=${year}`, calendarDaySchema.array()),
  });
  const change = useChange([['admin-calendar']]);
  const [newDay, setNewDay] = useState({ day: '', kind: 'additional_day_off' });
  const [names, setNames] = useState<Names>(emptyNames);
  const add = (event: FormEvent) => {
    event.preventDefault();
    void change.run(() =>
      apiVoid(`/api/v1/admin/calendar/${newDay.day}`, { method: 'PUT', body: { kind: newDay.kind, names } }),
    );
  };
  return (
    <div>
      <ClockForm readOnly={readOnly} />
      <div className="row">
        <SelectField
          label={t('admin.year')}
          value={String(year)}
          onChange={(e) => setYear(Number(e.target.value))}
        >
          {[year - 1, year, year + 1, year + 2].map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorBanner error={change.error ?? days.error} />
      {days.isPending ? (
        <Loading />
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('admin.day')}</th>
              <th scope="col">{t('admin.dayKind')}</th>
              <th scope="col">{t('admin.names')}</th>
              <th scope="col">{t('admin.estimated')}</th>
              {!readOnly ? <th scope="col">{t('card.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {(days.data ?? []).map((d) => (
              <tr key={d.day}>
                <th scope="row">{day(d.day)}</th>
                <td>{label('dayKind', d.kind)}</td>
                <td>{d.names[language]}</td>
                <td>{d.estimated ? t('app.yes') : ''}</td>
                {!readOnly ? (
                  <td>
                    <Button
                      small
                      kind="danger"
                      onClick={() =>
                        void change.run(() =>
                          apiVoid(`/api/v1/admin/calendar/${d.day}`, { method: 'DELETE' }),
                        )
                      }
                    >
                      {t('admin.remove')}
                    </Button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!readOnly ? (
        <form className="stack form-panel" onSubmit={add}>
          <h2>{t('admin.newDay')}</h2>
          <div className="entry-grid">
            <TextField
              label={t('admin.day')}
              type="date"
              value={newDay.day}
              onChange={(e) => setNewDay({ ...newDay, day: e.target.value })}
              required
            />
            <SelectField
              label={t('admin.dayKind')}
              value={newDay.kind}
              onChange={(e) => setNewDay({ ...newDay, kind: e.target.value })}
            >
              {calendarDayKinds.map((k) => (
                <option key={k} value={k}>
                  {label('dayKind', k)}
                </option>
              ))}
            </SelectField>
          </div>
          <NamesFields legend={t('admin.names')} value={names} onChange={setNames} />
          <Button type="submit" disabled={!newDay.day}>
            {t('app.add')}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
