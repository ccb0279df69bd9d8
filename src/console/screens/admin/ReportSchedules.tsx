import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { z } from 'zod';
import { adminUserSchema } from '../../../contracts/admin.schema.ts';
import { type Role, type UiLanguage, uiLanguages } from '../../../contracts/enums.ts';
import { reportRunSchema, reportScheduleSchema } from '../../../contracts/reports.schema.ts';
import { api } from '../../app/api.ts';
import { dateTime, todayInTashkent } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Button, Checkbox, ErrorBanner, Loading, SelectField, TextField } from '../../app/ui.tsx';
import { UnitPicker } from '../../app/unit-picker.tsx';
import { useChange } from './shared.tsx';

// The roles analytics.policy.ts lets read the hierarchy view: only they may receive a report.
const analyticsRoles: readonly Role[] = ['head', 'internal_security', 'admin', 'analyst'];
const accepted = z.object({ ok: z.literal(true) });

/** The month before the current one, `YYYY-MM`: what a run writes unless told otherwise. */
function previousMonth(): string {
  const [year = 0, month = 1] = todayInTashkent().split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

function NewSchedule({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const change = useChange([['report-schedules']]);
  const users = useQuery({
    queryKey: ['admin-users'],
    queryFn: () => api('/api/v1/admin/users', adminUserSchema.array()),
  });
  const [unit, setUnit] = useState<string[]>([]);
  const [name, setName] = useState('');
  const [language, setLanguage] = useState<UiLanguage>('uz');
  const [recipients, setRecipients] = useState<number[]>([]);
  const candidates = (users.data ?? []).filter((u) => u.active && analyticsRoles.includes(u.role));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await change.run(() =>
      api('/api/v1/admin/report-schedules', reportScheduleSchema, {
        method: 'POST',
        body: { unit: unit[0] ?? '', name, language, recipients },
      }),
    );
    if (ok) onDone();
  };
  return (
    <form className="stack form-panel" onSubmit={submit}>
      <h2>{t('reportSchedules.new')}</h2>
      <ErrorBanner error={change.error} />
      <TextField
        label={t('reportSchedules.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
      />
      <UnitPicker label={t('reportSchedules.unit')} value={unit} onChange={setUnit} required />
      <SelectField
        label={t('reportSchedules.language')}
        value={language}
        onChange={(e) => setLanguage(uiLanguages.find((l) => l === e.target.value) ?? 'uz')}
      >
        {uiLanguages.map((l) => (
          <option key={l} value={l}>
            {t(`lang.${l}`)}
          </option>
        ))}
      </SelectField>
      <fieldset>
        <legend>{t('reportSchedules.recipients')}</legend>
        <p className="hint">{t('reportSchedules.recipientsHint')}</p>
        {users.isPending ? <Loading /> : null}
        {candidates.map((u) => (
          <Checkbox
            key={u.id}
            label={`${u.fullName || u.login} (${u.login}) · ${u.unit?.name ?? ''}`}
            checked={recipients.includes(u.id)}
            onChange={(e) =>
              setRecipients(e.target.checked ? [...recipients, u.id] : recipients.filter((id) => id !== u.id))
            }
          />
        ))}
      </fieldset>
      <div className="row">
        <Button kind="primary" type="submit" disabled={recipients.length === 0 || unit.length === 0}>
          {t('reportSchedules.create')}
        </Button>
        <Button onClick={onDone}>{t('app.cancel')}</Button>
      </div>
    </form>
  );
}

/**
 * Administration → Reports: the monthly reports scheduled per unit, who receives them, the last month
 * written; a new schedule, writing a month now, retiring one. Every change is in the audit log.
 */
export function ReportSchedules() {
  const { t } = useI18n();
  const change = useChange([['report-schedules']]);
  const [adding, setAdding] = useState(false);
  const [months, setMonths] = useState<Record<number, string>>({});
  const [ran, setRan] = useState('');
  const list = useQuery({
    queryKey: ['report-schedules'],
    queryFn: () => api('/api/v1/admin/report-schedules', reportScheduleSchema.array()),
  });
  const runNow = (id: number) =>
    change.run(async () => {
      const month = months[id] || previousMonth();
      const result = await api(
        `/api/v1/admin/report-schedules/${id}/run?month=${encodeURIComponent(month)}`,
        reportRunSchema,
        { method: 'POST' },
      );
      setRan(
        t('reportSchedules.ran', {
          month: result.month,
          generated: String(result.generated),
          existing: String(result.existing),
          skipped: String(result.skipped.length),
        }),
      );
    });
  const retire = (id: number) =>
    change.run(() => api(`/api/v1/admin/report-schedules/${id}`, accepted, { method: 'DELETE' }));
  const rows = list.data ?? [];
  return (
    <div className="stack">
      <p>{t('reportSchedules.intro')}</p>
      {change.message ? (
        <p className="banner banner-ok" role="status">
          {ran || change.message}
        </p>
      ) : null}
      <ErrorBanner error={list.error ?? change.error} />
      {adding ? (
        <NewSchedule onDone={() => setAdding(false)} />
      ) : (
        <div className="row">
          <Button kind="primary" onClick={() => setAdding(true)}>
            {t('reportSchedules.new')}
          </Button>
        </div>
      )}
      {list.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p>{t('reportSchedules.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('reportSchedules.name')}</th>
                <th scope="col">{t('reportSchedules.unit')}</th>
                <th scope="col">{t('reportSchedules.recipients')}</th>
                <th scope="col">{t('reportSchedules.language')}</th>
                <th scope="col">{t('reportSchedules.lastRun')}</th>
                <th scope="col">{t('card.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.name}</th>
                  <td>
                    {s.unit.name} <code>{s.unit.code}</code>
                  </td>
                  <td>{s.recipients.map((r) => r.fullName || r.login).join(', ')}</td>
                  <td>{t(`lang.${s.language}`)}</td>
                  <td>
                    {s.lastRunMonth && s.lastRunAt
                      ? `${s.lastRunMonth} · ${dateTime(s.lastRunAt)}`
                      : t('reportSchedules.never')}
                  </td>
                  <td>
                    <div className="row">
                      <TextField
                        label={t('reportSchedules.runMonth')}
                        type="month"
                        value={months[s.id] ?? previousMonth()}
                        onChange={(e) => setMonths({ ...months, [s.id]: e.target.value })}
                      />
                      <Button small onClick={() => void runNow(s.id)}>
                        {t('reportSchedules.run')}
                      </Button>
                      <Button small kind="danger" onClick={() => void retire(s.id)}>
                        {t('reportSchedules.delete')}
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
