import { queueNames } from '../../contracts/appeal.schema.ts';
import type { Role } from '../../contracts/enums.ts';
import { useI18n } from '../app/i18n.tsx';
import { navigate, useLocation } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { Account } from './Account.tsx';
import { Alerts } from './Alerts.tsx';
import { Analytics } from './Analytics.tsx';
import { Admin } from './admin/Admin.tsx';
import { AppealCard } from './appeal-card/AppealCard.tsx';
import { Campaigns } from './Campaigns.tsx';
import { Dashboard } from './Dashboard.tsx';
import { Handoffs } from './Handoffs.tsx';
import { Layout } from './Layout.tsx';
import { MyNotices } from './MyNotices.tsx';
import { Notices } from './Notices.tsx';
import { OperatorEntry } from './OperatorEntry.tsx';
import { Queue, UnknownQueue } from './Queue.tsx';
import { Reports } from './Reports.tsx';
import { Training } from './Training.tsx';
import { Workload } from './Workload.tsx';

/** Where each role starts its day. */
export function homeOf(role: Role): string {
  switch (role) {
    case 'operator':
      return '/intake';
    case 'executor':
      return '/queue/mine';
    case 'head':
      return '/queue/approval';
    case 'internal_security':
      return '/queue/inbox';
    case 'auditor':
      return '/admin/audit';
    case 'analyst':
      return '/dashboard';
    default:
      return '/queue/triage';
  }
}

function Screen() {
  const { path } = useLocation();
  const session = useSession();
  const { t } = useI18n();
  const [, first, second] = path.split('/');
  if (!first) {
    navigate(homeOf(session.user.role), { replace: true });
    return null;
  }
  switch (first) {
    case 'queue': {
      const queue = queueNames.find((q) => q === second);
      // An address naming no queue says so, rather than quietly listing every appeal.
      if (!queue && second && second !== 'all') return <UnknownQueue name={decodeURIComponent(second)} />;
      return <Queue queue={queue} />;
    }
    case 'appeals':
      return second ? <AppealCard number={decodeURIComponent(second).toUpperCase()} /> : null;
    case 'intake':
      return <OperatorEntry />;
    case 'dashboard':
      return <Dashboard />;
    case 'admin':
      return <Admin section={second} />;
    case 'training':
      return <Training />;
    case 'notices':
      return <Notices />;
    case 'my-notices':
      return <MyNotices />;
    case 'handoffs':
      return <Handoffs />;
    case 'alerts':
      return <Alerts />;
    case 'campaigns':
      return <Campaigns role={session.user.role} />;
    case 'analytics':
      return second === 'workload' ? <Workload /> : <Analytics />;
    case 'reports':
      return <Reports />;
    case 'account':
      return <Account />;
    default:
      return <h1>{t('app.notFound')}</h1>;
  }
}

/** The signed-in console: the frame and the screen the URL names. */
export function App() {
  return (
    <Layout>
      <Screen />
    </Layout>
  );
}
