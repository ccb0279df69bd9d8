import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { z } from 'zod';
import {
  type Integration,
  type IntegrationScope,
  type IssuedIntegration,
  integrationSchema,
  integrationScopes,
  issuedIntegrationSchema,
} from '../../../contracts/integrations.schema.ts';
import { api } from '../../app/api.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Button, Checkbox, Dialog, ErrorBanner, Loading, TextField } from '../../app/ui.tsx';
import { useChange } from './shared.tsx';

const accepted = z.object({ ok: z.literal(true) });

/** The key just issued, shown once: the server keeps only its hash. */
function IssuedKey({ issued, onClose }: { issued: IssuedIntegration | null; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Dialog title={t('integrations.issuedTitle')} open={issued !== null} onClose={onClose}>
      {issued ? (
        <>
          <p>
            <strong>{issued.name}</strong>
          </p>
          <p className="big mono secret-value" data-testid="integration-key">
            {issued.key}
          </p>
          <p>{t('integrations.signingSecret')}</p>
          <p className="mono" data-testid="integration-signing-secret">
            {issued.signingSecret}
          </p>
          <p className="hint">{t('integrations.issuedNote')}</p>
          <div className="row">
            <Button onClick={() => void navigator.clipboard?.writeText(issued.key)}>{t('app.copy')}</Button>
            <Button kind="primary" onClick={onClose}>
              {t('app.close')}
            </Button>
          </div>
        </>
      ) : null}
    </Dialog>
  );
}

function NewIntegration({ onIssued, onDone }: { onIssued(issued: IssuedIntegration): void; onDone(): void }) {
  const { t } = useI18n();
  const change = useChange([['integrations']]);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<IntegrationScope[]>(['open311']);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let issued: IssuedIntegration | undefined;
    const ok = await change.run(async () => {
      issued = await api('/api/v1/admin/integrations', issuedIntegrationSchema, {
        method: 'POST',
        body: { name, scopes },
      });
    });
    if (ok && issued) {
      onIssued(issued);
      onDone();
    }
  };
  return (
    <form className="stack form-panel" onSubmit={submit}>
      <h2>{t('integrations.new')}</h2>
      <ErrorBanner error={change.error} />
      <TextField
        label={t('integrations.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
      />
      <fieldset>
        <legend>{t('integrations.scopes')}</legend>
        {integrationScopes.map((scope) => (
          <Checkbox
            key={scope}
            label={t(`integrations.scope.${scope}`)}
            checked={scopes.includes(scope)}
            onChange={(e) =>
              setScopes(e.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))
            }
          />
        ))}
      </fieldset>
      <div className="row">
        <Button kind="primary" type="submit" disabled={scopes.length === 0}>
          {t('integrations.issue')}
        </Button>
        <Button onClick={onDone}>{t('app.cancel')}</Button>
      </div>
    </form>
  );
}

function Row({ integration, onRevoke }: { integration: Integration; onRevoke(): void }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const revoked = integration.revokedAt !== null;
  return (
    <tr className={revoked ? 'row-muted' : ''}>
      <th scope="row">{integration.name}</th>
      <td className="mono">{integration.keyStart}…</td>
      <td>{integration.scopes.map((s) => t(`integrations.scope.${s}`)).join(', ')}</td>
      <td>
        {dateTime(integration.createdAt)}
        {integration.createdBy ? ` (${integration.createdBy})` : ''}
      </td>
      <td>{integration.lastUsedAt ? dateTime(integration.lastUsedAt) : t('integrations.never')}</td>
      <td>
        {revoked && integration.revokedAt
          ? `${t('integrations.revoked')} ${dateTime(integration.revokedAt)}`
          : t('admin.active')}
      </td>
      <td className="row">
        {revoked ? null : confirming ? (
          <>
            <Button small kind="danger" onClick={onRevoke}>
              {t('integrations.confirmRevoke')}
            </Button>
            <Button small onClick={() => setConfirming(false)}>
              {t('app.cancel')}
            </Button>
          </>
        ) : (
          <Button small onClick={() => setConfirming(true)}>
            {t('integrations.revoke')}
          </Button>
        )}
      </td>
    </tr>
  );
}

/** Other systems' API keys: issue one (shown once), see when each was last used, revoke one at once. */
export function Integrations() {
  const { t } = useI18n();
  const list = useQuery({
    queryKey: ['integrations'],
    queryFn: () => api('/api/v1/admin/integrations', integrationSchema.array()),
  });
  const change = useChange([['integrations']]);
  const [adding, setAdding] = useState(false);
  const [issued, setIssued] = useState<IssuedIntegration | null>(null);
  if (list.isPending) return <Loading />;
  return (
    <div>
      <p>{t('integrations.intro')}</p>
      <Button kind="primary" onClick={() => setAdding(true)}>
        {t('integrations.new')}
      </Button>
      {adding ? <NewIntegration onIssued={setIssued} onDone={() => setAdding(false)} /> : null}
      <IssuedKey issued={issued} onClose={() => setIssued(null)} />
      <ErrorBanner error={list.error ?? change.error} />
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('integrations.name')}</th>
              <th scope="col">{t('integrations.keyStart')}</th>
              <th scope="col">{t('integrations.scopes')}</th>
              <th scope="col">{t('integrations.created')}</th>
              <th scope="col">{t('integrations.lastUsed')}</th>
              <th scope="col">{t('admin.state')}</th>
              <th scope="col">{t('card.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(list.data ?? []).map((integration) => (
              <Row
                key={integration.id}
                integration={integration}
                onRevoke={() =>
                  void change.run(() =>
                    api(`/api/v1/admin/integrations/${integration.id}/revoke`, accepted, { method: 'POST' }),
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
