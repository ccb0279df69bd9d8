import { useState } from 'react';
import {
  type AppealCard as Card,
  type RevealedApplicant,
  revealedApplicantSchema,
} from '../../../contracts/console.schema.ts';
import { api } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Button, ErrorBanner } from '../../app/ui.tsx';

/** The applicant's kind, and their personal data once a role that may see it reveals it. */
export function Applicant({
  card,
  revealed,
  onReveal,
}: {
  card: Card;
  revealed: RevealedApplicant | null;
  onReveal(a: RevealedApplicant): void;
}) {
  const { t, label } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const reveal = async () => {
    try {
      onReveal(await api(`/api/v1/appeals/${card.number}/applicant`, revealedApplicantSchema));
    } catch (failure) {
      setError(failure);
    }
  };
  const person = revealed?.applicant;
  return (
    <section className="panel" aria-labelledby="applicant-title">
      <h2 id="applicant-title">{t('card.applicant')}</h2>
      <p>{label('applicant', card.applicant.kind)}</p>
      {card.signatories ? <p>{t('card.signatories', { count: card.signatories })}</p> : null}
      <ErrorBanner error={error} />
      {person ? (
        <dl className="facts">
          {person.organization ? (
            <>
              <dt>{t('intake.organization')}</dt>
              <dd>{person.organization}</dd>
            </>
          ) : null}
          {person.lastName ? (
            <>
              <dt>{t('admin.fullName')}</dt>
              <dd>{[person.lastName, person.firstName, person.patronymic].filter(Boolean).join(' ')}</dd>
            </>
          ) : null}
          {person.representative ? (
            <>
              <dt>{t('intake.representative')}</dt>
              <dd>{person.representative}</dd>
            </>
          ) : null}
          {person.address ? (
            <>
              <dt>{t('intake.address')}</dt>
              <dd>{person.address}</dd>
            </>
          ) : null}
          {person.phone ? (
            <>
              <dt>{t('admin.phone')}</dt>
              <dd>{person.phone}</dd>
            </>
          ) : null}
          {person.email ? (
            <>
              <dt>{t('admin.email')}</dt>
              <dd>{person.email}</dd>
            </>
          ) : null}
          {person.pinfl ? (
            <>
              <dt>JSHSHIR</dt>
              <dd>{person.pinfl}</dd>
            </>
          ) : null}
        </dl>
      ) : card.applicant.canReveal ? (
        <>
          <Button onClick={() => void reveal()}>{t('card.reveal')}</Button>
          <p className="hint">{t('card.revealNote')}</p>
        </>
      ) : card.applicant.kind !== 'anonymous' ? (
        <p className="muted">{t('card.noPersonal')}</p>
      ) : null}
    </section>
  );
}
