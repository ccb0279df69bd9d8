import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { z } from 'zod';
import { appealTypes } from '../../../contracts/enums.ts';
import {
  type RetentionRun,
  type RetentionTerm,
  retentionOutcomes,
  retentionRunSchema,
  retentionViewSchema,
} from '../../../contracts/retention.schema.ts';
import { api } from '../../app/api.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Button, ErrorBanner, fieldError, Loading, TextField } from '../../app/ui.tsx';
import { useChange } from './shared.tsx';

const cellKey = (type: string, outcome: string) => `${type}/${outcome}`;

/**
 * Administration → Retention: how many years after the final answer the personal data of each type ×
 * outcome are kept (an empty cell takes the default), and what a run would anonymise now.
 */
export function RetentionSettings() {
  const { t, label } = useI18n();
  const change = useChange([['retention']]);
  const view = useQuery({
    queryKey: ['retention'],
    queryFn: () => api('/api/v1/admin/retention', retentionViewSchema),
  });
  const [defaultYears, setDefaultYears] = useState('');
  const [cells, setCells] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<RetentionRun | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  useEffect(() => {
    if (!view.data) return;
    setDefaultYears(String(view.data.defaultYears));
    setCells(
      Object.fromEntries(
        view.data.terms.map((term) => [cellKey(term.type, term.outcome), String(term.years)]),
      ),
    );
  }, [view.data]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const terms: RetentionTerm[] = appealTypes.flatMap((type) =>
      retentionOutcomes.flatMap((outcome) => {
        const value = cells[cellKey(type, outcome)]?.trim() ?? '';
        return value === '' ? [] : [{ type, outcome, years: Number(value) }];
      }),
    );
    void change.run(() =>
      api('/api/v1/admin/retention', z.null(), {
        method: 'PUT',
        body: { defaultYears: Number(defaultYears), terms },
      }),
    );
  };
  const check = async () => {
    setPreviewError(null);
    try {
      setPreview(await api('/api/v1/admin/retention/preview', retentionRunSchema));
    } catch (failure) {
      setPreviewError(failure);
    }
  };
  if (view.isPending) return <Loading />;
  const outcomeName = (o: string) =>
    o === 'satisfied' || o === 'explained' || o === 'rejected' ? label('outcome', o) : label('status', o);
  return (
    <div className="stack">
      <p>{t('retention.intro')}</p>
      <p className="hint">
        {view.data?.updatedAt
          ? t('retention.updated', { at: dateTime(view.data.updatedAt), by: view.data.updatedBy ?? '—' })
          : t('retention.shipped')}
      </p>
      {change.message ? (
        <p className="banner banner-ok" role="status">
          {change.message}
        </p>
      ) : null}
      <ErrorBanner error={view.error ?? change.error} />
      <form className="stack form-panel" onSubmit={save}>
        <TextField
          label={t('retention.defaultYears')}
          type="number"
          min={1}
          max={75}
          step={1}
          value={defaultYears}
          onChange={(e) => setDefaultYears(e.target.value)}
          error={fieldError(change.error, 'defaultYears')}
          required
        />
        <div className="table-wrap">
          <table className="data">
            <caption>{t('retention.matrix')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('retention.type')}</th>
                {retentionOutcomes.map((o) => (
                  <th key={o} scope="col">
                    {outcomeName(o)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {appealTypes.map((type) => (
                <tr key={type}>
                  <th scope="row">{label('type', type)}</th>
                  {retentionOutcomes.map((outcome) => (
                    <td key={outcome}>
                      <TextField
                        label={`${label('type', type)} · ${outcomeName(outcome)}`}
                        className="field-compact"
                        type="number"
                        min={1}
                        max={75}
                        step={1}
                        placeholder={defaultYears}
                        value={cells[cellKey(type, outcome)] ?? ''}
                        onChange={(e) => setCells({ ...cells, [cellKey(type, outcome)]: e.target.value })}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="hint">{t('retention.emptyCell')}</p>
        <div className="row">
          <Button kind="primary" type="submit">
            {t('app.save')}
          </Button>
        </div>
      </form>
      <div className="stack">
        <div className="row">
          <Button onClick={() => void check()}>{t('retention.preview')}</Button>
        </div>
        <ErrorBanner error={previewError} />
        {preview ? (
          <p role="status">
            {t('retention.previewResult', {
              anonymised: String(preview.anonymised),
              ariza: String(preview.byType.ariza ?? 0),
              taklif: String(preview.byType.taklif ?? 0),
              shikoyat: String(preview.byType.shikoyat ?? 0),
              held: String(preview.skippedForHold),
            })}
          </p>
        ) : null}
      </div>
    </div>
  );
}
