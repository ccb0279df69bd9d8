import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { z } from 'zod';
import { type SessionView, sessionSchema } from '../../contracts/console.schema.ts';
import { mySessionListSchema, passkeyListSchema, passkeySchema } from '../../contracts/sign-in.schema.ts';
import { ApiError, api, apiVoid } from './api.ts';
import { dateTime } from './format.ts';
import { useI18n } from './i18n.tsx';
import { Button, ErrorBanner, Loading, TextField } from './ui.tsx';

// Passkeys in the console, through @simplewebauthn/browser: signing in with one (alone, or as the second
// factor after the password), adding and removing them, and the list of one's own sessions.

const anyJson = z.any();

/** The browser refused or the person cancelled: said plainly, not as a server error. */
class PasskeyCancelled extends Error {}

async function askAuthenticator<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new PasskeyCancelled(error instanceof Error ? error.name : 'cancelled');
  }
}

/** Signs in with a passkey: alone, or with the login and password already typed (the second factor). */
export async function signInWithPasskey(withPassword?: {
  login: string;
  password: string;
}): Promise<SessionView> {
  const options = await api('/api/v1/auth/passkeys/authenticate/options', anyJson, { method: 'POST' });
  const response = await askAuthenticator(() => startAuthentication({ optionsJSON: options }));
  return api('/api/v1/auth/passkeys/authenticate/verify', sessionSchema, {
    method: 'POST',
    body: { response, ...(withPassword ?? {}) },
  });
}

/** An error banner that also explains a cancelled passkey prompt. */
export function PasskeyError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error instanceof PasskeyCancelled)
    return (
      <p className="banner banner-error" role="alert">
        {t('passkeys.cancelled')}
      </p>
    );
  return <ErrorBanner error={error} />;
}

/** My passkeys: the list, adding one (password again, a name) and removing one. */
export function PasskeysPanel() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['passkeys'],
    queryFn: () => api('/api/v1/auth/passkeys', passkeyListSchema),
  });
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setAdded(null);
    setBusy(true);
    try {
      const options = await api('/api/v1/auth/passkeys/register/options', anyJson, {
        method: 'POST',
        body: { password },
      });
      const response = await askAuthenticator(() => startRegistration({ optionsJSON: options }));
      const passkey = await api('/api/v1/auth/passkeys/register/verify', passkeySchema, {
        method: 'POST',
        body: { name, response },
      });
      setAdded(passkey.name);
      setPassword('');
      setName('');
      await queryClient.invalidateQueries({ queryKey: ['passkeys'] });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  // Removing one asks for the password again, as adding one does.
  const [removing, setRemoving] = useState<number | null>(null);
  const [removePassword, setRemovePassword] = useState('');
  const remove = async (event: FormEvent, id: number) => {
    event.preventDefault();
    setError(null);
    try {
      await apiVoid(`/api/v1/auth/passkeys/${id}`, { method: 'DELETE', body: { password: removePassword } });
      setRemoving(null);
      setRemovePassword('');
      await queryClient.invalidateQueries({ queryKey: ['passkeys'] });
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <div className="stack">
      <p>{t('passkeys.intro')}</p>
      {list.isPending ? <Loading /> : null}
      <ErrorBanner error={list.error} />
      {list.data && list.data.items.length === 0 ? <p className="muted">{t('passkeys.none')}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <ul className="plain">
          {list.data.items.map((p) => (
            <li key={p.id} className="row">
              <strong>{p.name}</strong>
              <span className="muted small">
                {t('passkeys.added', { date: dateTime(p.createdAt) })}
                {p.lastUsedAt ? ` · ${t('passkeys.lastUsed', { date: dateTime(p.lastUsedAt) })}` : ''}
                {p.synced ? ` · ${t('passkeys.synced')}` : ''}
              </span>
              {removing === p.id ? (
                <form onSubmit={(e) => void remove(e, p.id)} className="row" noValidate>
                  <TextField
                    label={t('auth.currentPassword')}
                    type="password"
                    autoComplete="current-password"
                    value={removePassword}
                    onChange={(e) => setRemovePassword(e.target.value)}
                    required
                  />
                  <Button
                    small
                    kind="danger"
                    type="submit"
                    disabled={removePassword === ''}
                    aria-label={t('passkeys.removeNamed', { name: p.name })}
                  >
                    {t('passkeys.remove')}
                  </Button>
                </form>
              ) : (
                <Button
                  small
                  kind="danger"
                  onClick={() => {
                    setRemoving(p.id);
                    setRemovePassword('');
                  }}
                  aria-label={t('passkeys.removeNamed', { name: p.name })}
                >
                  {t('passkeys.remove')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {added ? (
        <p className="banner banner-ok" role="status">
          {t('passkeys.addedOk', { name: added })}
        </p>
      ) : null}
      <PasskeyError error={error} />
      <form onSubmit={add} className="stack" noValidate>
        <TextField
          label={t('passkeys.name')}
          hint={t('passkeys.nameHint')}
          value={name}
          maxLength={60}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <TextField
          label={t('auth.currentPassword')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <Button kind="primary" type="submit" disabled={busy || name.trim() === '' || password === ''}>
          {t('passkeys.add')}
        </Button>
      </form>
    </div>
  );
}

/** My open sessions, with "sign out that device" for each but this one. */
export function SessionsList() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['my-sessions'],
    queryFn: () => api('/api/v1/auth/sessions', mySessionListSchema),
  });
  const [error, setError] = useState<unknown>(null);
  const end = async (id: string) => {
    setError(null);
    try {
      await apiVoid(`/api/v1/auth/sessions/${id}`, { method: 'DELETE' });
      await queryClient.invalidateQueries({ queryKey: ['my-sessions'] });
    } catch (failure) {
      setError(failure);
    }
  };
  if (list.isPending) return <Loading />;
  if (list.error) return <ErrorBanner error={list.error} />;
  return (
    <div className="stack">
      <ErrorBanner error={error} />
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('sessions.device')}</th>
              <th scope="col">{t('sessions.network')}</th>
              <th scope="col">{t('sessions.started')}</th>
              <th scope="col">{t('sessions.lastActive')}</th>
              <th scope="col">
                <span className="sr-only">{t('sessions.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.device || t('sessions.unknownDevice')}
                  {s.current ? <span className="tag">{t('sessions.current')}</span> : null}
                </th>
                <td>{s.network || '—'}</td>
                <td>{dateTime(s.startedAt)}</td>
                <td>{dateTime(s.lastActiveAt)}</td>
                <td>
                  {s.current ? null : (
                    <Button small kind="danger" onClick={() => void end(s.id)}>
                      {t('sessions.end')}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
