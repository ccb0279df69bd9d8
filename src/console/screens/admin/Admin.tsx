import type { MessageKey } from '../../app/i18n/index.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { ScreenHelp } from '../../app/screen-help.tsx';
import { useSession } from '../../app/session.tsx';
import { AuditLog } from './AuditLog.tsx';
import { CalendarSettings } from './CalendarSettings.tsx';
import { Integrations } from './Integrations.tsx';
import { Knowledge } from './Knowledge.tsx';
import { LanguageModels } from './LanguageModels.tsx';
import { Categories, Territories } from './Reference.tsx';
import { ReportSchedules } from './ReportSchedules.tsx';
import { RetentionSettings } from './RetentionSettings.tsx';
import { RoutingRules } from './RoutingRules.tsx';
import { SignOnIdentities } from './SignOnIdentities.tsx';
import { Templates } from './Templates.tsx';
import { Units } from './Units.tsx';
import { Users } from './Users.tsx';
import { Webhooks } from './Webhooks.tsx';

const sections: { id: string; title: MessageKey; auditor: boolean }[] = [
  { id: 'users', title: 'admin.users', auditor: true },
  { id: 'units', title: 'admin.units', auditor: true },
  { id: 'territories', title: 'admin.territories', auditor: true },
  { id: 'categories', title: 'admin.categories', auditor: true },
  { id: 'routing', title: 'admin.routing', auditor: true },
  { id: 'templates', title: 'admin.templates', auditor: false },
  { id: 'knowledge', title: 'admin.knowledge', auditor: false },
  { id: 'calendar', title: 'admin.calendar', auditor: true },
  { id: 'language', title: 'admin.language', auditor: false },
  { id: 'integrations', title: 'admin.integrations', auditor: false },
  { id: 'webhooks', title: 'admin.webhooks', auditor: false },
  { id: 'reports', title: 'admin.reports', auditor: false },
  { id: 'retention', title: 'admin.retention', auditor: false },
  { id: 'sso', title: 'admin.sso', auditor: true },
  { id: 'audit', title: 'admin.audit', auditor: true },
];

/** Administration: one section per kind of data, each with its list and forms. */
export function Admin({ section }: { section: string | undefined }) {
  const { t } = useI18n();
  const session = useSession();
  const visible = sections.filter((s) => session.user.role === 'admin' || s.auditor);
  const current = visible.find((s) => s.id === section) ?? visible[0];
  const readOnly = session.user.role !== 'admin';
  return (
    <section aria-labelledby="admin-title">
      <div className="page-head">
        <h1 id="admin-title">{t('admin.title')}</h1>
        <ScreenHelp topic="admin" />
      </div>
      <nav className="tabs-nav" aria-label={t('admin.title')}>
        {visible.map((s) => (
          <Link key={s.id} to={`/admin/${s.id}`} aria-current={s.id === current?.id ? 'page' : undefined}>
            {t(s.title)}
          </Link>
        ))}
      </nav>
      <div className="admin-body">
        {current?.id === 'users' ? <Users readOnly={readOnly} /> : null}
        {current?.id === 'units' ? <Units readOnly={readOnly} /> : null}
        {current?.id === 'territories' ? <Territories readOnly={readOnly} /> : null}
        {current?.id === 'categories' ? <Categories readOnly={readOnly} /> : null}
        {current?.id === 'routing' ? <RoutingRules readOnly={readOnly} /> : null}
        {current?.id === 'templates' ? <Templates /> : null}
        {current?.id === 'knowledge' ? <Knowledge /> : null}
        {current?.id === 'calendar' ? <CalendarSettings readOnly={readOnly} /> : null}
        {current?.id === 'language' ? <LanguageModels /> : null}
        {current?.id === 'integrations' ? <Integrations /> : null}
        {current?.id === 'webhooks' ? <Webhooks /> : null}
        {current?.id === 'reports' ? <ReportSchedules /> : null}
        {current?.id === 'retention' ? <RetentionSettings /> : null}
        {current?.id === 'sso' ? <SignOnIdentities readOnly={readOnly} /> : null}
        {current?.id === 'audit' ? <AuditLog /> : null}
      </div>
    </section>
  );
}
