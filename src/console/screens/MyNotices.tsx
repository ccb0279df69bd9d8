import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { staffNoticeListSchema } from '../../contracts/notifications.schema.ts';
import { api } from '../app/api.ts';
import { dateTime, day } from '../app/format.ts';
import { useI18n } from '../app/i18n.tsx';
import { Link } from '../app/router.tsx';
import { Button, ErrorBanner, Loading } from '../app/ui.tsx';
import { MyChannels } from './MyChannels.tsx';

const changed = z.object({ changed: z.number() });

/** My notices, asked once a minute for the count in the top bar (and by the screen below). */
export function useMyNotices() {
  return useQuery({
    queryKey: ['my-notices'],
    queryFn: () => api('/api/v1/me/notices', staffNoticeListSchema),
    refetchInterval: 60_000,
  });
}

/** The top bar's link to my notices, with how many are unread. */
export function NoticeBell() {
  const { t } = useI18n();
  const notices = useMyNotices();
  const unread = notices.data?.unread ?? 0;
  return (
    <Link to="/my-notices" className="bell" aria-label={t('myNotices.bell', { count: unread })}>
      <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="currentColor">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
      </svg>
      {unread > 0 ? (
        <span className="bell-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
}

/**
 * What concerns me: appeals assigned or returned to me, drafts awaiting my approval, deadlines a few
 * working days away and appeals that went overdue. Unread first; opening one marks it read.
 */
export function MyNotices() {
  const { t, label } = useI18n();
  const queryClient = useQueryClient();
  const notices = useMyNotices();
  const [error, setError] = useState<unknown>(null);
  const read = async (ids: string[]) => {
    if (ids.length === 0) return;
    try {
      await api('/api/v1/me/notices/read', changed, { method: 'POST', body: { ids } });
      await queryClient.invalidateQueries({ queryKey: ['my-notices'] });
    } catch (failure) {
      setError(failure);
    }
  };
  if (notices.isPending) return <Loading />;
  if (notices.error) return <ErrorBanner error={notices.error} />;
  const { items, unread } = notices.data;
  const unreadIds = items.filter((n) => !n.read).map((n) => n.id);
  return (
    <section aria-labelledby="my-notices-title">
      <h1 id="my-notices-title">{t('myNotices.title')}</h1>
      <p className="hint">{t('myNotices.intro')}</p>
      <ErrorBanner error={error} />
      {unread > 0 ? (
        <Button onClick={() => void read(unreadIds.slice(0, 200))}>{t('myNotices.readAll')}</Button>
      ) : null}
      {items.length === 0 ? (
        <p>{t('myNotices.none')}</p>
      ) : (
        <ul className="my-notices">
          {items.map((n) => (
            <li key={n.id} className={n.read ? 'notice-read' : 'notice-unread'}>
              <span className={`tag notice-${n.kind}`}>{t(`myNotices.kind.${n.kind}`)}</span>{' '}
              {n.appeal ? (
                <>
                  <Link to={`/appeals/${n.appeal.number}`} onClick={() => void read(n.read ? [] : [n.id])}>
                    {n.appeal.number}
                  </Link>{' '}
                  <span className="muted">{label('status', n.appeal.status)}</span>{' '}
                  <span className="small">
                    {t('myNotices.due', { date: day(n.appeal.dueOn) })} · {dateTime(n.at)}
                  </span>
                </>
              ) : (
                <>
                  <Link to="/account" onClick={() => void read(n.read ? [] : [n.id])}>
                    {t('myNotices.account', { login: n.account ?? '' })}
                  </Link>{' '}
                  <span className="small">{dateTime(n.at)}</span>
                </>
              )}
              {n.read ? null : <span className="sr-only">{t('myNotices.unread')}</span>}
            </li>
          ))}
        </ul>
      )}
      <MyChannels />
    </section>
  );
}
