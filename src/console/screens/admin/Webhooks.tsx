import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { z } from 'zod';
import { integrationSchema } from '../../../contracts/integrations.schema.ts';
import {
  type RegisteredWebhook,
  registeredWebhookSchema,
  type Webhook,
  type WebhookDelivery,
  type WebhookEvent,
  webhookDeliverySchema,
  webhookEvents,
  webhookSchema,
} from '../../../contracts/webhooks.schema.ts';
import { api } from '../../app/api.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Button, Checkbox, Dialog, ErrorBanner, Loading, SelectField, TextField } from '../../app/ui.tsx';
import { useChange } from './shared.tsx';

const accepted = z.object({ ok: z.literal(true) });

/** The secret just registered, shown once: the server keeps it sealed and never shows it again. */
function RegisteredSecret({
  registered,
  onClose,
}: {
  registered: RegisteredWebhook | null;
  onClose(): void;
}) {
  const { t } = useI18n();
  return (
    <Dialog title={t('webhooks.secretTitle')} open={registered !== null} onClose={onClose}>
      {registered ? (
        <>
          <p className="mono">{registered.url}</p>
          <p className="big mono secret-value" data-testid="webhook-secret">
            {registered.secret}
          </p>
          <p className="hint">{t('webhooks.secretNote')}</p>
          <div className="row">
            <Button onClick={() => void navigator.clipboard?.writeText(registered.secret)}>
              {t('app.copy')}
            </Button>
            <Button kind="primary" onClick={onClose}>
              {t('app.close')}
            </Button>
          </div>
        </>
      ) : null}
    </Dialog>
  );
}

function NewWebhook({ onRegistered, onDone }: { onRegistered(r: RegisteredWebhook): void; onDone(): void }) {
  const { t } = useI18n();
  const integrations = useQuery({
    queryKey: ['integrations'],
    queryFn: () => api('/api/v1/admin/integrations', integrationSchema.array()),
  });
  const receivers = (integrations.data ?? []).filter(
    (i) => i.revokedAt === null && i.scopes.includes('webhooks'),
  );
  const change = useChange([['webhooks']]);
  const [integrationId, setIntegrationId] = useState('');
  const [url, setUrl] = useState('https://');
  const [secret, setSecret] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['registered', 'answered']);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let registered: RegisteredWebhook | undefined;
    const ok = await change.run(async () => {
      registered = await api('/api/v1/admin/webhooks', registeredWebhookSchema, {
        method: 'POST',
        body: {
          integrationId: Number(integrationId || receivers[0]?.id),
          url,
          events,
          ...(secret ? { secret } : {}),
        },
      });
    });
    if (ok && registered) {
      onRegistered(registered);
      onDone();
    }
  };
  return (
    <form className="stack form-panel" onSubmit={submit}>
      <h2>{t('webhooks.new')}</h2>
      <ErrorBanner error={change.error} />
      {receivers.length === 0 ? <p className="hint">{t('webhooks.noIntegration')}</p> : null}
      <SelectField
        label={t('webhooks.integration')}
        hint={t('webhooks.integrationHint')}
        value={integrationId}
        onChange={(e) => setIntegrationId(e.target.value)}
        required
      >
        {receivers.map((i) => (
          <option key={i.id} value={i.id}>
            {i.name}
            {i.scopes.includes('personal-data') ? ` (${t('webhooks.personalData')})` : ''}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('webhooks.url')}
        hint={t('webhooks.urlHint')}
        type="url"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        required
      />
      <TextField
        label={t('webhooks.secret')}
        hint={t('webhooks.secretHint')}
        value={secret}
        minLength={16}
        autoComplete="off"
        onChange={(e) => setSecret(e.target.value)}
      />
      <fieldset>
        <legend>{t('webhooks.events')}</legend>
        {webhookEvents.map((name) => (
          <Checkbox
            key={name}
            label={t(`event.${name}`)}
            checked={events.includes(name)}
            onChange={(e) =>
              setEvents(e.target.checked ? [...events, name] : events.filter((x) => x !== name))
            }
          />
        ))}
      </fieldset>
      <div className="row">
        <Button kind="primary" type="submit" disabled={events.length === 0 || receivers.length === 0}>
          {t('webhooks.register')}
        </Button>
        <Button onClick={onDone}>{t('app.cancel')}</Button>
      </div>
    </form>
  );
}

function deliveryState(t: ReturnType<typeof useI18n>['t'], d: WebhookDelivery): string {
  const code = d.responseCode === null ? '' : ` · HTTP ${d.responseCode}`;
  return `${t(`webhooks.status.${d.status}`)}${code}`;
}

/** The latest deliveries of one subscription, with the receiver's answer and a re-send for finished ones. */
function Deliveries({ webhook }: { webhook: Webhook }) {
  const { t } = useI18n();
  const list = useQuery({
    queryKey: ['webhooks', webhook.id, 'deliveries'],
    queryFn: () => api(`/api/v1/admin/webhooks/${webhook.id}/deliveries`, webhookDeliverySchema.array()),
  });
  const change = useChange([['webhooks']]);
  if (list.isPending) return <Loading />;
  return (
    <div className="stack">
      <ErrorBanner error={list.error ?? change.error} />
      {change.message ? <p role="status">{change.message}</p> : null}
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('webhooks.event')}</th>
              <th scope="col">{t('webhooks.appeal')}</th>
              <th scope="col">{t('admin.state')}</th>
              <th scope="col">{t('webhooks.attempts')}</th>
              <th scope="col">{t('webhooks.response')}</th>
              <th scope="col">{t('webhooks.lastAttempt')}</th>
              <th scope="col">{t('card.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(list.data ?? []).map((d) => (
              <tr key={d.id}>
                <td>{t(`event.${d.event}`)}</td>
                <td className="mono">{d.appealNumber}</td>
                <td>{deliveryState(t, d)}</td>
                <td>{d.attempts}</td>
                <td className="mono">{d.error ?? d.responseExcerpt ?? ''}</td>
                <td>{d.lastAttemptAt ? dateTime(d.lastAttemptAt) : ''}</td>
                <td>
                  {d.status === 'failed' || d.status === 'delivered' ? (
                    <Button
                      small
                      onClick={() =>
                        void change.run(() =>
                          api(`/api/v1/admin/webhook-deliveries/${d.id}/resend`, accepted, {
                            method: 'POST',
                          }),
                        )
                      }
                    >
                      {t('webhooks.resend')}
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Row({ webhook, onSwitch }: { webhook: Webhook; onSwitch(): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const last = webhook.lastDelivery;
  return (
    <>
      <tr className={webhook.active ? '' : 'row-muted'}>
        <th scope="row" className="mono">
          {webhook.url}
        </th>
        <td>
          {webhook.integrationName}
          {webhook.personalData ? ` (${t('webhooks.personalData')})` : ''}
        </td>
        <td>{webhook.events.map((e) => t(`event.${e}`)).join(', ')}</td>
        <td>
          {last
            ? `${deliveryState(t, last)} · ${dateTime(last.lastAttemptAt ?? last.createdAt)}`
            : t('integrations.never')}
        </td>
        <td>{webhook.active ? t('admin.active') : t('webhooks.off')}</td>
        <td className="row">
          <Button small onClick={() => setOpen(!open)} aria-expanded={open}>
            {t('webhooks.deliveries')}
          </Button>
          <Button small onClick={onSwitch}>
            {webhook.active ? t('webhooks.switchOff') : t('webhooks.switchOn')}
          </Button>
        </td>
      </tr>
      {open ? (
        <tr>
          <td colSpan={6}>
            <Deliveries webhook={webhook} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** Webhooks: other systems told of appeals' public steps, signed, retried, with each receiver's last answer. */
export function Webhooks() {
  const { t } = useI18n();
  const list = useQuery({
    queryKey: ['webhooks'],
    queryFn: () => api('/api/v1/admin/webhooks', webhookSchema.array()),
  });
  const change = useChange([['webhooks']]);
  const [adding, setAdding] = useState(false);
  const [registered, setRegistered] = useState<RegisteredWebhook | null>(null);
  if (list.isPending) return <Loading />;
  return (
    <div>
      <p>{t('webhooks.intro')}</p>
      <Button kind="primary" onClick={() => setAdding(true)}>
        {t('webhooks.new')}
      </Button>
      {adding ? <NewWebhook onRegistered={setRegistered} onDone={() => setAdding(false)} /> : null}
      <RegisteredSecret registered={registered} onClose={() => setRegistered(null)} />
      <ErrorBanner error={list.error ?? change.error} />
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('webhooks.url')}</th>
              <th scope="col">{t('webhooks.integration')}</th>
              <th scope="col">{t('webhooks.events')}</th>
              <th scope="col">{t('webhooks.lastDelivery')}</th>
              <th scope="col">{t('admin.state')}</th>
              <th scope="col">{t('card.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(list.data ?? []).map((webhook) => (
              <Row
                key={webhook.id}
                webhook={webhook}
                onSwitch={() =>
                  void change.run(() =>
                    api(`/api/v1/admin/webhooks/${webhook.id}/active`, accepted, {
                      method: 'POST',
                      body: { active: !webhook.active },
                    }),
                  )
                }
              />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
