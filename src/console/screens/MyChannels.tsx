import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  type MyChannels as Channels,
  emailCodeSentSchema,
  myChannelsSchema,
  telegramLinkSchema,
} from '../../contracts/notifications.schema.ts';
import { api } from '../app/api.ts';
import { dateTime } from '../app/format.ts';
import { useI18n } from '../app/i18n.tsx';
import { Button, Checkbox, ErrorBanner, Loading, TextField } from '../app/ui.tsx';

type TelegramLink = ReturnType<typeof telegramLinkSchema.parse>;

/**
 * Where my notices go besides the console: an e-mail address confirmed by a code sent to it, a Telegram
 * chat linked by a code given to the bot. I choose which receive notices, and can unlink either.
 */
export function MyChannels() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const channels = useQuery({
    queryKey: ['my-channels'],
    queryFn: () => api('/api/v1/me/channels', myChannelsSchema),
  });
  const [error, setError] = useState<unknown>(null);
  const [address, setAddress] = useState('');
  const [codeSent, setCodeSent] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [telegram, setTelegram] = useState<TelegramLink | null>(null);

  const run = async (action: () => Promise<Channels | undefined>) => {
    setError(null);
    try {
      const next = await action();
      if (next) queryClient.setQueryData(['my-channels'], next);
    } catch (failure) {
      setError(failure);
    }
  };
  const sendCode = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const sent = await api('/api/v1/me/channels/email', emailCodeSentSchema, {
        method: 'POST',
        body: { address },
      });
      setCodeSent(sent.expiresAt);
      setCode('');
      return undefined;
    });
  };
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const next = await api('/api/v1/me/channels/email/confirm', myChannelsSchema, {
        method: 'POST',
        body: { code },
      });
      setCodeSent(null);
      setAddress('');
      return next;
    });
  };
  const linkTelegram = () =>
    void run(async () => {
      setTelegram(await api('/api/v1/me/channels/telegram', telegramLinkSchema, { method: 'POST' }));
      return undefined;
    });
  const choose = (channel: 'email' | 'telegram', enabled: boolean) =>
    void run(() =>
      api('/api/v1/me/channels', myChannelsSchema, { method: 'PATCH', body: { [channel]: enabled } }),
    );
  const unlink = (channel: 'email' | 'telegram') =>
    void run(() => api(`/api/v1/me/channels/${channel}`, myChannelsSchema, { method: 'DELETE' }));

  if (channels.isPending) return <Loading />;
  if (channels.error) return <ErrorBanner error={channels.error} />;
  const { email, telegram: chat, available } = channels.data;
  return (
    <section className="panel" aria-labelledby="my-channels-title">
      <h2 id="my-channels-title">{t('myChannels.title')}</h2>
      <p className="hint">{t('myChannels.intro')}</p>
      <ErrorBanner error={error} />

      <h3>{t('myChannels.email')}</h3>
      {email ? (
        <>
          <p>{t('myChannels.emailLinked', { address: email.address })}</p>
          <div className="row">
            <Checkbox
              label={t('myChannels.send')}
              checked={email.enabled}
              onChange={(e) => choose('email', e.currentTarget.checked)}
            />
            <Button kind="danger" small onClick={() => unlink('email')}>
              {t('myChannels.unlink')}
            </Button>
          </div>
        </>
      ) : null}
      {!available.email ? (
        <p className="muted">{t('myChannels.unavailable')}</p>
      ) : codeSent ? (
        <form onSubmit={confirm}>
          <p>{t('myChannels.codeSent', { address, until: dateTime(codeSent) })}</p>
          <TextField
            label={t('myChannels.code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\d{6}"
            required
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
          />
          <Button kind="primary" type="submit">
            {t('myChannels.confirm')}
          </Button>
        </form>
      ) : (
        <form onSubmit={sendCode}>
          <TextField
            label={email ? t('myChannels.emailOther') : t('myChannels.emailAddress')}
            type="email"
            autoComplete="email"
            required
            value={address}
            onChange={(e) => setAddress(e.currentTarget.value)}
          />
          <Button type="submit">{t('myChannels.sendCode')}</Button>
        </form>
      )}

      <h3>{t('myChannels.telegram')}</h3>
      {chat ? (
        <>
          <p>{t('myChannels.telegramLinked', { at: dateTime(chat.linkedAt) })}</p>
          <div className="row">
            <Checkbox
              label={t('myChannels.send')}
              checked={chat.enabled}
              onChange={(e) => choose('telegram', e.currentTarget.checked)}
            />
            <Button kind="danger" small onClick={() => unlink('telegram')}>
              {t('myChannels.unlink')}
            </Button>
          </div>
        </>
      ) : null}
      {!available.telegram ? (
        <p className="muted">{t('myChannels.unavailable')}</p>
      ) : telegram ? (
        <div>
          <p>{t('myChannels.telegramHow', { until: dateTime(telegram.expiresAt) })}</p>
          {telegram.link ? (
            <p>
              <a href={telegram.link} target="_blank" rel="noreferrer">
                {t('myChannels.telegramOpen')}
              </a>
            </p>
          ) : null}
          <p>
            {t('myChannels.telegramType')} <code>{telegram.command}</code>
          </p>
          <Button
            onClick={() => {
              setTelegram(null);
              void channels.refetch();
            }}
          >
            {t('myChannels.telegramDone')}
          </Button>
        </div>
      ) : (
        <Button onClick={linkTelegram}>
          {chat ? t('myChannels.telegramOther') : t('myChannels.telegramLink')}
        </Button>
      )}
    </section>
  );
}
