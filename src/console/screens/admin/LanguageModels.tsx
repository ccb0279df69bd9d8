import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { z } from 'zod';
import { languageModelSchema, nlpSettingsSchema } from '../../../contracts/admin.schema.ts';
import { api, apiVoid } from '../../app/api.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Button, ErrorBanner, Loading, TextField } from '../../app/ui.tsx';
import { useChange } from './shared.tsx';

const percent = (value: number | undefined) => (value === undefined ? '—' : `${(value * 100).toFixed(1)}%`);

/** The language layer's model versions (compare, activate, roll back), the auto-routing threshold, retraining. */
export function LanguageModels() {
  const { t } = useI18n();
  const models = useQuery({
    queryKey: ['nlp-models'],
    queryFn: () => api('/api/v1/nlp/models', languageModelSchema.array()),
  });
  const settings = useQuery({
    queryKey: ['nlp-settings'],
    queryFn: () => api('/api/v1/nlp/settings', nlpSettingsSchema),
  });
  const change = useChange([['nlp-models'], ['nlp-settings']]);
  const [threshold, setThreshold] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [notice, setNotice] = useState('');
  useEffect(() => {
    if (settings.data) setThreshold(String(settings.data.autoRouteThreshold));
  }, [settings.data]);
  const saveThreshold = (event: FormEvent) => {
    event.preventDefault();
    void change.run(() =>
      apiVoid('/api/v1/nlp/settings', { method: 'PUT', body: { autoRouteThreshold: Number(threshold) } }),
    );
  };
  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const body = new FormData();
    body.set('file', file);
    if (await change.run(() => api('/api/v1/nlp/examples/import', z.unknown(), { method: 'POST', body })))
      setNotice(t('model.imported'));
  };
  return (
    <div>
      <ErrorBanner error={change.error ?? models.error} />
      {notice ? (
        <p className="banner banner-ok" role="status">
          {notice}
        </p>
      ) : null}
      <form className="stack form-panel" onSubmit={saveThreshold}>
        <h2>{t('model.threshold')}</h2>
        <p className="hint">{t('model.thresholdNote')}</p>
        <div className="row">
          <TextField
            label={t('model.threshold')}
            type="number"
            min={0.5}
            max={1}
            step={0.01}
            value={threshold}
            onChange={(e) => setThreshold(e.target.value)}
          />
          <Button kind="primary" type="submit">
            {t('app.save')}
          </Button>
        </div>
      </form>
      {models.isPending ? (
        <Loading />
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('model.version')}</th>
              <th scope="col">{t('model.labelSet')}</th>
              <th scope="col">{t('model.created')}</th>
              <th scope="col">{t('model.createdBy')}</th>
              <th scope="col" className="num">
                {t('model.examples')}
              </th>
              <th scope="col" className="num">
                {t('model.accuracy')}
              </th>
              <th scope="col" className="num">
                {t('model.macroF1')}
              </th>
              <th scope="col">{t('model.active')}</th>
            </tr>
          </thead>
          <tbody>
            {models.data?.length === 0 ? (
              <tr>
                <td colSpan={8} className="muted">
                  {t('dash.noData')}
                </td>
              </tr>
            ) : null}
            {(models.data ?? []).map((m) => (
              <tr key={m.version}>
                <th scope="row">{m.version}</th>
                <td>{m.labelSet}</td>
                <td>{dateTime(m.createdAt)}</td>
                <td>{m.createdBy}</td>
                <td className="num">{m.examples}</td>
                <td className="num">{percent(m.evaluation?.accuracy)}</td>
                <td className="num">{percent(m.evaluation?.macroF1)}</td>
                <td>
                  {m.active ? (
                    <strong>{t('model.active')}</strong>
                  ) : (
                    <Button
                      small
                      onClick={() =>
                        void change.run(() =>
                          apiVoid(`/api/v1/nlp/models/${encodeURIComponent(m.version)}/activate`),
                        )
                      }
                    >
                      {t('model.activate')}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row">
        <Button
          onClick={() =>
            void change
              .run(() => apiVoid('/api/v1/nlp/models/retrain'))
              .then((ok) => ok && setNotice(t('model.retrainQueued')))
          }
        >
          {t('model.retrain')}
        </Button>
      </div>
      <form className="stack form-panel" onSubmit={upload}>
        <h2>{t('model.import')}</h2>
        <TextField
          label={t('model.import')}
          type="file"
          accept=".csv,.xlsx"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <Button type="submit" disabled={!file}>
          {t('app.add')}
        </Button>
      </form>
    </div>
  );
}
