import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useState } from 'react';
import { type QueueName, queueNames } from '../../contracts/appeal.schema.ts';
import { queueCountsSchema } from '../../contracts/console.schema.ts';
import type { Role } from '../../contracts/enums.ts';
import { api, query } from '../app/api.ts';
import { useI18n } from '../app/i18n.tsx';
import { useLiveUpdates } from '../app/live.ts';
import { Link, navigate, useLocation } from '../app/router.tsx';
import { LanguagePicker, useAuth, useSession } from '../app/session.tsx';
import { useShortcuts } from '../app/shortcuts.ts';
import { useTraining } from '../app/training.tsx';
import { Button, Dialog } from '../app/ui.tsx';
import { NoticeBell } from './MyNotices.tsx';

const intakeRoles: readonly Role[] = ['operator', 'clerk', 'head', 'admin'];
const dashboardRoles: readonly Role[] = ['head', 'internal_security', 'admin', 'analyst'];
// The roles src/server/appeals/campaigns.ts lets read mass appeals.
const campaignRoles: readonly Role[] = ['clerk', 'head', 'internal_security', 'admin', 'analyst'];
// The roles the server lets see undelivered notices (server/notify/notification.policy.ts).
const noticeRoles: readonly Role[] = ['clerk', 'head', 'admin'];
// The roles the server lets take over people who asked the chatbot for a person (knowledge.policy.ts).
const handoffRoles: readonly Role[] = ['operator', 'clerk', 'admin'];
const casework = (role: Role) => role !== 'analyst';
const queueKeys: Record<string, QueueName> = {
  m: 'mine',
  i: 'inbox',
  t: 'triage',
  a: 'approval',
  d: 'due_soon',
  o: 'overdue',
  u: 'urgent',
};

/** Which queues a role works (the rest stay reachable through "all appeals" and filters). */
export function queuesOf(role: Role): readonly QueueName[] {
  switch (role) {
    case 'operator':
      return ['triage', 'urgent'];
    case 'clerk':
      return ['triage', 'inbox', 'due_soon', 'overdue', 'urgent'];
    case 'executor':
      return ['mine', 'inbox', 'due_soon', 'overdue', 'urgent'];
    case 'auditor':
      return [];
    default:
      return queueNames;
  }
}

function QueueNav() {
  const { t } = useI18n();
  const session = useSession();
  const training = useTraining();
  const { path } = useLocation();
  const counts = useQuery({
    queryKey: ['counts', training.on],
    queryFn: () => api(`/api/v1/queues${query({ sandbox: training.on })}`, queueCountsSchema),
  });
  return (
    <ul className="nav-list">
      {queuesOf(session.user.role).map((queue) => {
        const count = counts.data?.counts[queue];
        const current = path === `/queue/${queue}`;
        return (
          <li key={queue}>
            <Link
              to={`/queue/${queue}`}
              aria-current={current ? 'page' : undefined}
              className={`queue-${queue}`}
            >
              <span>{t(`queue.${queue}`)}</span>
              {count !== undefined ? (
                <span
                  className={`count ${count > 0 && (queue === 'overdue' || queue === 'urgent') ? 'count-alert' : ''}`}
                >
                  {count}
                </span>
              ) : null}
            </Link>
          </li>
        );
      })}
      <li>
        <Link to="/queue/all" aria-current={path === '/queue/all' ? 'page' : undefined}>
          {t('nav.all')}
        </Link>
      </li>
    </ul>
  );
}

/** The console's frame: header, menu with queue counts, live status, training banner, shortcut help. */
export function Layout({ children }: { children: ReactNode }) {
  const { t, label } = useI18n();
  const session = useSession();
  const { signOut, refresh } = useAuth();
  const training = useTraining();
  const { path } = useLocation();
  const [help, setHelp] = useState(false);
  const role = session.user.role;
  const onSignedOut = useCallback(() => void refresh().catch(() => {}), [refresh]);
  const connected = useLiveUpdates(training.on, onSignedOut, casework(role));

  const bindings: [string, () => void][] = [['?', () => setHelp(true)]];
  if (intakeRoles.includes(role)) bindings.push(['n', () => navigate('/intake')]);
  for (const [key, queue] of Object.entries(queueKeys))
    bindings.push([`g ${key}`, () => navigate(`/queue/${queue}`)]);
  useShortcuts(bindings);

  const link = (to: string, text: string) => (
    <Link to={to} aria-current={path.startsWith(to) ? 'page' : undefined}>
      {text}
    </Link>
  );
  return (
    <div className={`shell ${training.on ? 'shell-training' : ''}`}>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          {t('app.name')} <span>{t('app.console')}</span>
        </Link>
        {casework(role) ? (
          <span
            className={`live ${connected ? 'live-on' : 'live-off'}`}
            role="status"
            title={connected ? t('app.live') : t('app.offline')}
          >
            <span className="sr-only">{connected ? t('app.live') : t('app.offline')}</span>
          </span>
        ) : null}
        <div className="topbar-right">
          <LanguagePicker />
          {casework(role) ? <NoticeBell /> : null}
          <Link to="/account" className="who">
            <span className="who-name">{session.user.fullName || session.user.login}</span>
            <span className="who-role">{label('role', role)}</span>
          </Link>
          <Button small onClick={() => void signOut()}>
            {t('auth.signOut')}
          </Button>
        </div>
      </header>
      {training.on ? (
        <div className="training-banner" role="note">
          <span>{t('app.training')}</span>
          <Button small onClick={() => training.set(false)}>
            {t('app.trainingOff')}
          </Button>
        </div>
      ) : null}
      <div className="body">
        <nav className="sidebar" aria-label={t('nav.main')}>
          {casework(role) && role !== 'auditor' ? (
            <>
              <h2 className="nav-heading">{t('nav.queues')}</h2>
              <QueueNav />
            </>
          ) : null}
          <ul className="nav-list">
            {intakeRoles.includes(role) ? <li>{link('/intake', t('nav.intake'))}</li> : null}
            {dashboardRoles.includes(role) ? <li>{link('/dashboard', t('nav.dashboard'))}</li> : null}
            {/* The roles analytics.policy.ts lets read surge alerts: the same as the dashboard's. */}
            {dashboardRoles.includes(role) ? <li>{link('/alerts', t('nav.alerts'))}</li> : null}
            {campaignRoles.includes(role) ? <li>{link('/campaigns', t('nav.campaigns'))}</li> : null}
            {dashboardRoles.includes(role) ? <li>{link('/analytics', t('nav.analytics'))}</li> : null}
            {dashboardRoles.includes(role) ? <li>{link('/reports', t('nav.reports'))}</li> : null}
            {noticeRoles.includes(role) ? <li>{link('/notices', t('nav.notices'))}</li> : null}
            {handoffRoles.includes(role) ? <li>{link('/handoffs', t('nav.handoffs'))}</li> : null}
            {role === 'admin' || role === 'auditor' ? <li>{link('/admin', t('nav.admin'))}</li> : null}
            {casework(role) ? <li>{link('/training', t('nav.training'))}</li> : null}
            <li>{link('/account', t('nav.account'))}</li>
          </ul>
          <p className="nav-hint">{t('app.shortcutsHint')}</p>
        </nav>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
      <Dialog title={t('help.title')} open={help} onClose={() => setHelp(false)}>
        <dl className="shortcuts">
          <dt>/</dt>
          <dd>{t('help.search')}</dd>
          <dt>j / k, ↓ / ↑</dt>
          <dd>{t('help.move')}</dd>
          <dt>Enter</dt>
          <dd>{t('help.open')}</dd>
          <dt>[ / ]</dt>
          <dd>{t('help.pages')}</dd>
          <dt>g m, g i, g t, g a, g d, g o, g u</dt>
          <dd>{t('help.queues')}</dd>
          <dt>n</dt>
          <dd>{t('help.intake')}</dd>
          <dt>a, r, e, p</dt>
          <dd>{t('help.cardActions')}</dd>
          <dt>?</dt>
          <dd>{t('help.help')}</dd>
          <dt>Esc</dt>
          <dd>{t('help.escape')}</dd>
        </dl>
        <Button onClick={() => setHelp(false)}>{t('app.close')}</Button>
      </Dialog>
    </div>
  );
}
