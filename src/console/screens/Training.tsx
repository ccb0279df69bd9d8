import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { api } from '../app/api.ts';
import { useI18n } from '../app/i18n.tsx';
import { navigate } from '../app/router.tsx';
import { useTraining } from '../app/training.tsx';
import { Button, ErrorBanner } from '../app/ui.tsx';

/** Training mode: explains it, fills the sandbox with demo appeals, switches the console over. */
export function Training() {
  const { t } = useI18n();
  const training = useTraining();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const start = async () => {
    setError(null);
    try {
      const { created } = await api('/api/v1/training/start', z.object({ created: z.number() }), {
        method: 'POST',
      });
      training.set(true);
      await queryClient.invalidateQueries();
      setMessage(t('training.started', { count: created }));
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section aria-labelledby="training-title" className="narrow">
      <h1 id="training-title">{t('training.title')}</h1>
      <p>{t('training.intro')}</p>
      <ErrorBanner error={error} />
      {message ? (
        <p className="banner banner-ok" role="status">
          {message}
        </p>
      ) : null}
      <div className="row">
        <Button kind="primary" onClick={() => void start()}>
          {t('training.start')}
        </Button>
        {training.on ? (
          <Button onClick={() => training.set(false)}>{t('training.off')}</Button>
        ) : (
          <Button onClick={() => training.set(true)}>{t('training.on')}</Button>
        )}
        {training.on ? <Button onClick={() => navigate('/queue/all')}>{t('nav.all')}</Button> : null}
      </div>
    </section>
  );
}
