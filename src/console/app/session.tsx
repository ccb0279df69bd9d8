import { useQuery, useQueryClient } from '@tanstack/react-query';
import { toString as qrSvg } from 'qrcode';
import {
  createContext,
  type FormEvent,
  Fragment,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { z } from 'zod';
import { type SessionView, sessionSchema, totpSetupSchema } from '../../contracts/console.schema.ts';
import { ApiError, api, apiVoid, configureApi, lastRequestAt } from './api.ts';
import { useI18n } from './i18n.tsx';
import { PasskeyError, signInWithPasskey } from './passkeys.tsx';
import { Button, Dialog, ErrorBanner, Loading, TextField } from './ui.tsx';

// Who is signed in, and everything around it: sign-in with password and TOTP, the forced password change
// and TOTP enrolment, the idle timeout with its warning, and signing in again without losing the page.

// The server ends a session after 30 minutes without requests (src/server/people/sessions.ts). The console
// counts the person's own activity instead, so live refreshes do not keep an unattended screen open.
const IDLE_MS = 30 * 60_000;
const WARN_MS = 2 * 60_000;
const KEEPALIVE_MS = 5 * 60_000;

type AuthState =
  | { status: 'loading' }
  | { status: 'unreachable' }
  | { status: 'signed-out'; notice?: 'idle' }
  | { status: 'signed-in'; session: SessionView };

interface Auth {
  state: AuthState;
  /** The session ended under an open page: a sign-in dialog covers it until the person is back. */
  reauth: boolean;
  /**
   * The one-time password the person has just signed in with, kept in memory only until they replace it,
   * so the forced change does not ask them to type it again (a reload forgets it; then the form asks).
   */
  oneTimePassword: string | undefined;
  signedIn(session: SessionView, typedPassword?: string): void;
  forgetOneTimePassword(): void;
  refresh(): Promise<void>;
  signOut(options?: { everywhere?: boolean; notice?: 'idle' }): Promise<void>;
}

const Context = createContext<Auth | undefined>(undefined);

/** The signed-in session (inside the gate, where there always is one). */
export function useSession(): SessionView {
  const auth = useContext(Context);
  if (auth?.state.status !== 'signed-in') throw new Error('useSession outside a signed-in screen');
  return auth.state.session;
}

/** Sign-in state and actions. */
export function useAuth(): Auth {
  const auth = useContext(Context);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** Holds the session and keeps the API client's CSRF token in step with it. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const [reauth, setReauth] = useState(false);
  const [oneTimePassword, setOneTimePassword] = useState<string | undefined>(undefined);
  const queryClient = useQueryClient();
  const stateRef = useRef(state);
  stateRef.current = state;

  const signedIn = useCallback((session: SessionView, typedPassword?: string) => {
    const previous = stateRef.current;
    if (typedPassword !== undefined)
      setOneTimePassword(session.mustChangePassword ? typedPassword : undefined);
    configureApi({ csrf: session.csrfToken });
    if (previous.status === 'signed-in' && previous.session.user.login !== session.user.login) {
      // Someone else signed in over an expired page: nothing of the previous person's screen may remain.
      window.location.reload();
      return;
    }
    setReauth(false);
    setState({ status: 'signed-in', session });
  }, []);

  const refresh = useCallback(async () => {
    try {
      signedIn(await api('/api/v1/auth/me', sessionSchema));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') setState({ status: 'signed-out' });
      else throw error;
    }
  }, [signedIn]);

  const signOut = useCallback(
    async (options: { everywhere?: boolean; notice?: 'idle' } = {}) => {
      await apiVoid('/api/v1/auth/logout', { body: { everywhere: options.everywhere ?? false } }).catch(
        () => {},
      );
      queryClient.clear();
      setReauth(false);
      setOneTimePassword(undefined);
      setState(options.notice ? { status: 'signed-out', notice: options.notice } : { status: 'signed-out' });
    },
    [queryClient],
  );

  useEffect(() => {
    configureApi({
      onUnauthenticated: () => {
        if (stateRef.current.status === 'signed-in') setReauth(true);
      },
    });
    // A server that does not answer right now is not a signed-out person: retry, keep the session.
    let retry: number | undefined;
    const start = () =>
      void refresh().catch(() => {
        setState({ status: 'unreachable' });
        retry = window.setTimeout(start, 3000);
      });
    start();
    return () => window.clearTimeout(retry);
  }, [refresh]);

  const value = useMemo<Auth>(
    () => ({
      state,
      reauth,
      oneTimePassword,
      signedIn,
      forgetOneTimePassword: () => setOneTimePassword(undefined),
      refresh,
      signOut,
    }),
    [state, reauth, oneTimePassword, signedIn, refresh, signOut],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** Shows sign-in, the forced password change or TOTP enrolment until the session may work. */
export function Gate({ children }: { children: ReactNode }) {
  const { state, reauth } = useAuth();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'unreachable') return <Unreachable />;
  if (state.status === 'signed-out') return <SignInScreen notice={state.notice} />;
  if (state.session.mustChangePassword) return <ChangePasswordScreen forced />;
  if (state.session.totpSetupRequired) return <TotpSetupScreen forced />;
  return (
    <>
      {children}
      <IdleWatch />
      {reauth ? <ReauthDialog login={state.session.user.login} /> : null}
    </>
  );
}

function Unreachable() {
  const { t } = useI18n();
  return (
    <p className="banner banner-error" role="alert">
      {t('app.error')} — {t('app.retry')}…
    </p>
  );
}

function SignInForm({ login: fixedLogin, onDone }: { login?: string; onDone?: () => void }) {
  const { t } = useI18n();
  const { signedIn } = useAuth();
  const [login, setLogin] = useState(fixedLogin ?? '');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api('/api/v1/auth/login', sessionSchema, {
        method: 'POST',
        body: { login, password, ...(needTotp ? { totp } : {}) },
      });
      signedIn(session, password);
      onDone?.();
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'SECOND_FACTOR_REQUIRED') setNeedTotp(true);
      else setError(failure);
    } finally {
      setBusy(false);
    }
  };
  // A passkey alone, or after the right password as the second factor.
  const withPasskey = async () => {
    setBusy(true);
    setError(null);
    try {
      const session = await signInWithPasskey(needTotp ? { login, password } : undefined);
      signedIn(session);
      onDone?.();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="stack" noValidate>
      <PasskeyError error={error} />
      <TextField
        label={t('auth.login')}
        name="login"
        autoComplete="username"
        value={login}
        onChange={(e) => setLogin(e.target.value)}
        required
        readOnly={fixedLogin !== undefined}
        autoFocus={fixedLogin === undefined}
      />
      <TextField
        label={t('auth.password')}
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
        autoFocus={fixedLogin !== undefined}
      />
      {needTotp ? (
        <TextField
          autoFocus
          label={t('auth.totp')}
          hint={t('auth.totpNeeded')}
          name="totp"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          value={totp}
          onChange={(e) => setTotp(e.target.value.replace(/\D/g, ''))}
          required
        />
      ) : null}
      <Button kind="primary" type="submit" disabled={busy}>
        {t('auth.submit')}
      </Button>
      {needTotp ? <p className="hint">{t('auth.orPasskey')}</p> : null}
      <Button onClick={() => void withPasskey()} disabled={busy}>
        {needTotp ? t('auth.usePasskey') : t('auth.signInWithPasskey')}
      </Button>
    </form>
  );
}

function LanguagePicker() {
  const { t, language, setLanguage } = useI18n();
  return (
    <nav className="lang-picker" aria-label={t('app.language')}>
      {(['uz', 'oz', 'ru', 'en'] as const).map((l) => (
        <button
          type="button"
          key={l}
          className={l === language ? 'current' : ''}
          aria-pressed={l === language}
          lang={l === 'oz' ? 'uz-Cyrl' : l === 'uz' ? 'uz-Latn' : l}
          onClick={() => setLanguage(l)}
        >
          {t(`lang.${l}`)}
        </button>
      ))}
    </nav>
  );
}

function AuthPage({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="auth-page">
      <header className="auth-header">
        <p className="brand">
          {t('app.name')} <span>{t('app.console')}</span>
        </p>
        <LanguagePicker />
      </header>
      <main id="main" className="auth-card">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}

function SignInScreen({ notice }: { notice?: 'idle' | undefined }) {
  const { t } = useI18n();
  return (
    <AuthPage title={t('auth.title')}>
      {notice === 'idle' ? (
        <p className="banner banner-info" role="status">
          {t('auth.idleEnded')}
        </p>
      ) : null}
      <SingleSignOn />
      <SignInForm />
    </AuthPage>
  );
}

const signOnOptionsSchema = z.object({ sso: z.object({ label: z.string() }).nullable() });
const signOnOutcomes = ['pending', 'failed', 'inactive'] as const;

/**
 * The ministry's sign-on button, when the server has a provider, and what became of the last round trip
 * (the server sends the browser back to /console/?sso=pending|failed|inactive when it did not sign in).
 */
function SingleSignOn() {
  const { t } = useI18n();
  const options = useQuery({
    queryKey: ['auth-options'],
    queryFn: () => api('/api/v1/auth/options', signOnOptionsSchema),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const outcome = signOnOutcomes.find((o) => new URLSearchParams(window.location.search).get('sso') === o);
  const label = options.data?.sso?.label;
  return (
    <>
      {outcome ? (
        <p className={`banner ${outcome === 'pending' ? 'banner-info' : 'banner-error'}`} role="alert">
          {t(`auth.sso.${outcome}`)}
        </p>
      ) : null}
      {label ? (
        <div className="stack">
          <a className="btn btn-primary sso-button" href="/api/v1/auth/sso">
            {t('auth.sso.button', { label })}
          </a>
          <p className="muted small">{t('auth.sso.or')}</p>
        </div>
      ) : null}
    </>
  );
}

/** The password change form: forced after a one-time password, or from the account page. */
export function ChangePasswordScreen({ forced }: { forced?: boolean }) {
  const { t } = useI18n();
  const { refresh, oneTimePassword, forgetOneTimePassword } = useAuth();
  // Forced right after signing in with a one-time password, that password is known: not asked again.
  const [known, setKnown] = useState(forced ? oneTimePassword : undefined);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const mismatch = repeat.length > 0 && next !== repeat;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (next !== repeat) return;
    setError(null);
    try {
      await apiVoid('/api/v1/auth/password', { body: { current: known ?? current, next } });
      forgetOneTimePassword();
      setDone(true);
      setCurrent('');
      setNext('');
      setRepeat('');
      await refresh();
    } catch (failure) {
      // Should the remembered password be refused, the person types the current one after all.
      if (known !== undefined && failure instanceof ApiError && failure.code === 'INVALID_CREDENTIALS')
        setKnown(undefined);
      setError(failure);
    }
  };
  const form = (
    <form onSubmit={submit} className="stack" noValidate>
      <p>{t('auth.changePasswordIntro')}</p>
      <ErrorBanner error={error} />
      {done ? (
        <p className="banner banner-ok" role="status">
          {t('auth.passwordChanged')}
        </p>
      ) : null}
      {known === undefined ? (
        <TextField
          label={t('auth.currentPassword')}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          required
          autoFocus={forced}
        />
      ) : null}
      <TextField
        label={t('auth.newPassword')}
        type="password"
        autoComplete="new-password"
        minLength={12}
        value={next}
        onChange={(e) => setNext(e.target.value)}
        required
        autoFocus={forced && known !== undefined}
      />
      <TextField
        label={t('auth.repeatPassword')}
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
        error={mismatch ? t('auth.passwordsDiffer') : undefined}
        required
      />
      <Button kind="primary" type="submit" disabled={mismatch || next.length < 12}>
        {t('auth.changePassword')}
      </Button>
    </form>
  );
  return forced ? <AuthPage title={t('auth.changePassword')}>{form}</AuthPage> : form;
}

/** TOTP enrolment: the QR code (drawn here, nothing leaves the machine), the key, and a code to confirm. */
export function TotpSetupScreen({ forced }: { forced?: boolean }) {
  const { t } = useI18n();
  const { refresh } = useAuth();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const setup = useQuery({
    queryKey: ['totp-setup'],
    queryFn: async () => {
      const started = await api('/api/v1/auth/totp/setup', totpSetupSchema, { method: 'POST' });
      const svg = await qrSvg(started.otpauthUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      return { ...started, qr: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` };
    },
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await apiVoid('/api/v1/auth/totp/confirm', { body: { code } });
      setDone(true);
      await refresh();
    } catch (failure) {
      setError(failure);
    }
  };
  const already = setup.error instanceof ApiError && setup.error.code === 'INVALID_TRANSITION';
  const body = done ? (
    <p className="banner banner-ok" role="status">
      {t('auth.totpEnabled')}
    </p>
  ) : already ? (
    <p className="banner banner-info">{t('auth.totpAlready')}</p>
  ) : setup.error ? (
    <ErrorBanner error={setup.error} />
  ) : !setup.data ? (
    <Loading />
  ) : (
    <form onSubmit={submit} className="stack" noValidate>
      <p>{t('auth.totpIntro')}</p>
      <img className="qr" src={setup.data.qr} alt={t('auth.totpQr')} width={200} height={200} />
      <p>
        {t('auth.totpSecret')}:{' '}
        <code className="secret">
          {/* Groups of four that a line break never splits: the key is copied by eye, group by group. */}
          {(setup.data.secret.match(/.{1,4}/g) ?? []).map((group, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the groups are positions in one fixed key
            <Fragment key={index}>
              {index > 0 ? ' ' : ''}
              <span className="secret-group">{group}</span>
            </Fragment>
          ))}
        </code>
      </p>
      <ErrorBanner error={error} />
      <TextField
        label={t('auth.totp')}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        value={code}
        onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
        required
        autoFocus={forced}
      />
      <Button kind="primary" type="submit" disabled={code.length !== 6}>
        {t('auth.totpConfirm')}
      </Button>
    </form>
  );
  return forced ? <AuthPage title={t('auth.totpSetup')}>{body}</AuthPage> : body;
}

function ReauthDialog({ login }: { login: string }) {
  const { t } = useI18n();
  return (
    <Dialog title={t('auth.title')} open locked>
      <p className="banner banner-info">{t('auth.expired')}</p>
      <SignInForm login={login} />
    </Dialog>
  );
}

function idleLimit(): number {
  // Tests shorten the timeout; it can never be made longer than the server's.
  const override = Number(localStorage.getItem('murojaat.console.idleMs'));
  return override > 0 && override < IDLE_MS ? override : IDLE_MS;
}

/** Warns before the idle timeout, signs out when it passes, and keeps an active person's session alive. */
function IdleWatch() {
  const { t } = useI18n();
  const { signOut } = useAuth();
  const lastActivity = useRef(Date.now());
  const [remaining, setRemaining] = useState<number | null>(null);

  useEffect(() => {
    const limit = idleLimit();
    const warnAt = limit - Math.min(WARN_MS, limit / 2);
    const active = () => {
      lastActivity.current = Date.now();
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const name of events) window.addEventListener(name, active, { passive: true });
    const timer = window.setInterval(() => {
      const idle = Date.now() - lastActivity.current;
      if (idle >= limit) {
        void signOut({ notice: 'idle' });
        return;
      }
      setRemaining(idle >= warnAt ? Math.ceil((limit - idle) / 1000) : null);
      // Typing a long answer sends no request: tell the server the person is still here.
      if (idle < KEEPALIVE_MS && Date.now() - lastRequestAt() > KEEPALIVE_MS) {
        void api('/api/v1/auth/me', z.unknown()).catch(() => {});
      }
    }, 1000);
    return () => {
      for (const name of events) window.removeEventListener(name, active);
      window.clearInterval(timer);
    };
  }, [signOut]);

  const stay = () => {
    lastActivity.current = Date.now();
    setRemaining(null);
    void api('/api/v1/auth/me', z.unknown()).catch(() => {});
  };
  return (
    <Dialog title={t('auth.timeoutTitle')} open={remaining !== null} onClose={stay}>
      <p role="timer" aria-live="polite">
        {t('auth.timeoutBody', { seconds: remaining ?? 0 })}
      </p>
      <div className="row">
        <Button kind="primary" autoFocus onClick={stay}>
          {t('auth.stay')}
        </Button>
        <Button onClick={() => void signOut()}>{t('auth.signOut')}</Button>
      </div>
    </Dialog>
  );
}

export { LanguagePicker };
