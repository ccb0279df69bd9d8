import type { AppealCard as Card } from '../../../contracts/console.schema.ts';
import { dateTime, day } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { DaysLeft } from '../../app/ui.tsx';

/** The appeal's legal clock: the deadline, the days left and every intermediate due day. */
export function Clock({ card }: { card: Card }) {
  const { t } = useI18n();
  const c = card.clock;
  return (
    <section
      className={`panel clock ${c.overdue ? 'clock-overdue' : c.dueSoon ? 'clock-soon' : ''}`}
      aria-labelledby="clock-title"
    >
      <h2 id="clock-title">{t('card.clock')}</h2>
      <p className="due">
        <span className="due-label">{t('card.dueOn')}</span> <strong>{day(c.dueOn)}</strong>{' '}
        <DaysLeft days={c.daysLeft} />
      </p>
      <dl className="facts">
        <dt>{t('card.received')}</dt>
        <dd>{dateTime(card.receivedAt)}</dd>
        <dt>{t('card.registrationDue')}</dt>
        <dd>{day(c.registrationDueOn)}</dd>
        <dt>{t('card.handoverDue')}</dt>
        <dd>{day(c.handoverDueOn)}</dd>
        <dt>{t('card.forwardDue')}</dt>
        <dd>{day(c.forwardDueOn)}</dd>
        {c.proposalNoticeDueOn ? (
          <>
            <dt>{t('card.proposalNotice')}</dt>
            <dd>{day(c.proposalNoticeDueOn)}</dd>
          </>
        ) : null}
        {c.infoDueOn ? (
          <>
            <dt>{t('card.infoDue')}</dt>
            <dd>{day(c.infoDueOn)}</dd>
          </>
        ) : null}
        {c.baseDueOn !== c.dueOn ? (
          <>
            <dt>{t('card.baseDue')}</dt>
            <dd>{day(c.baseDueOn)}</dd>
          </>
        ) : null}
        <dt>{t('card.extraStudy')}</dt>
        <dd>{c.extraStudy ? t('card.used') : t('card.notUsed')}</dd>
        <dt>{t('card.headExtension')}</dt>
        <dd>{c.headExtensionUsed ? t('card.used') : t('card.notUsed')}</dd>
      </dl>
    </section>
  );
}
