import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import type { AppealCard as Card } from '../../../contracts/console.schema.ts';
import { finalStatuses } from '../../../contracts/enums.ts';
import { ApiError, api } from '../../app/api.ts';
import { day } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { Button } from '../../app/ui.tsx';

const isOpen = (status: string) => !finalStatuses.some((s) => s === status);
const joined = z.object({ status: z.string(), version: z.number() });

/**
 * Duplicates worked as one. On a member: which appeal it is answered with. On any open appeal a clerk may
 * group: its group (answered with this appeal's answer) and the identical appeals still outside it, each
 * with a button to add it, or all at once.
 */
export function Group({ card }: { card: Card }) {
  const { t, label } = useI18n();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const { memberOf, members, dueOn } = card.group;
  // Grouping is a clerk's action: shown where the user may take it on this appeal.
  const mayGroup = card.allowedActions.includes('join_group') && memberOf === null;
  const candidates = mayGroup
    ? (card.related ?? []).filter((r) => r.kind !== 'repeat' && isOpen(r.status))
    : [];

  const add = async (numbers: string[]) => {
    setBusy(true);
    setMessage(null);
    const refused: string[] = [];
    // One by one: each joins in its own transaction, and one refusal does not undo the others.
    for (const number of numbers) {
      try {
        await api(`/api/v1/appeals/${number}/transitions`, joined, {
          method: 'POST',
          body: { action: 'join_group', into: card.number },
        });
      } catch (failure) {
        refused.push(`${number}: ${failure instanceof ApiError ? failure.message : t('app.error')}`);
      }
    }
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['appeal'] }),
      queryClient.invalidateQueries({ queryKey: ['queue'] }),
      queryClient.invalidateQueries({ queryKey: ['counts'] }),
    ]);
    setBusy(false);
    setMessage(
      refused.length > 0
        ? { ok: false, text: refused.join(' · ') }
        : { ok: true, text: t('group.added', { count: numbers.length }) },
    );
  };

  if (memberOf) {
    return (
      <section className="panel" aria-labelledby="group-title">
        <h2 id="group-title">{t('group.title')}</h2>
        <p className="banner banner-info">
          {memberOf.number ? (
            <>
              {t('group.memberOf')} {/* An appeal number is one word: never broken at its hyphens. */}
              <Link className="nowrap" to={`/appeals/${memberOf.number}`}>
                {memberOf.number}
              </Link>{' '}
              <span className="muted">{label('status', memberOf.status ?? '')}</span>
            </>
          ) : (
            t('group.memberOfHidden')
          )}
        </p>
        <p className="hint">{t('group.memberHint')}</p>
      </section>
    );
  }
  if (members.length === 0 && candidates.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="group-title">
      <h2 id="group-title">{t('group.title')}</h2>
      {members.length > 0 ? (
        <>
          <p>{t('group.leadHint', { count: members.length + 1 })}</p>
          {dueOn ? <p className="small">{t('group.dueOn', { date: day(dueOn) })}</p> : null}
          <ul>
            {members.map((m) => (
              <li key={m.number}>
                <Link to={`/appeals/${m.number}`}>{m.number}</Link>{' '}
                <span className="muted">{label('status', m.status)}</span>{' '}
                <span className="small">{t('group.memberDue', { date: day(m.dueOn) })}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {candidates.length > 0 ? (
        <>
          <h3>{t('group.candidates')}</h3>
          <ul className="group-candidates">
            {candidates.map((c) => (
              <li key={c.number}>
                <Link to={`/appeals/${c.number}`}>{c.number}</Link>{' '}
                <span className="muted">{label('status', c.status)}</span>{' '}
                <Button disabled={busy} onClick={() => void add([c.number])}>
                  {t('group.addOne')}
                </Button>
              </li>
            ))}
          </ul>
          {candidates.length > 1 ? (
            <Button kind="primary" disabled={busy} onClick={() => void add(candidates.map((c) => c.number))}>
              {t('group.addAll', { count: candidates.length })}
            </Button>
          ) : null}
          <p className="hint small">{t('group.candidatesHint')}</p>
        </>
      ) : null}
      {message ? (
        <p className={message.ok ? 'banner banner-ok' : 'banner banner-error'} role="status">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
