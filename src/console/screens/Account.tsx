import { useState } from 'react';
import { useI18n } from '../app/i18n.tsx';
import { PasskeysPanel, SessionsList } from '../app/passkeys.tsx';
import { ChangePasswordScreen, TotpSetupScreen, useAuth, useSession } from '../app/session.tsx';
import { Button } from '../app/ui.tsx';

/** The signed-in person: who they are, password, two-step sign-in, sessions. */
export function Account() {
  const { t, label, language } = useI18n();
  const session = useSession();
  const { signOut } = useAuth();
  const [enrolling, setEnrolling] = useState(false);
  const u = session.user;
  return (
    <section aria-labelledby="account-title" className="narrow">
      <h1 id="account-title">{t('account.title')}</h1>
      <p>
        {t('account.who', {
          name: u.fullName || u.login,
          login: u.login,
          role: label('role', u.role),
          unit: u.unit ? u.unit.names[language] : '',
        })}
      </p>
      <section className="panel" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t('account.sessions')}</h2>
        <SessionsList />
        <p>{t('account.everywhereNote')}</p>
        <Button kind="danger" onClick={() => void signOut({ everywhere: true })}>
          {t('auth.signOutEverywhere')}
        </Button>
      </section>
      <section className="panel" aria-labelledby="passkeys-title">
        <h2 id="passkeys-title">{t('passkeys.title')}</h2>
        <PasskeysPanel />
      </section>
      <section className="panel" aria-labelledby="password-title">
        <h2 id="password-title">{t('auth.changePassword')}</h2>
        <ChangePasswordScreen />
      </section>
      <section className="panel" aria-labelledby="totp-title">
        <h2 id="totp-title">{t('auth.totpSetup')}</h2>
        {enrolling ? (
          <TotpSetupScreen />
        ) : (
          <Button onClick={() => setEnrolling(true)}>{t('auth.totpSetup')}</Button>
        )}
      </section>
    </section>
  );
}
