import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  notificationListSchema,
  notificationSchema,
  type UndeliveredStatus,
  undeliveredStatuses,
} from '../../contracts/notifications.schema.ts';
import { api, query } from '../app/api.ts';
import { dateTime } from '../app/format.ts';
import type { MessageKey } from '../app/i18n/index.ts';
import { useI18n } from '../app/i18n.tsx';
import { Link } from '../app/router.tsx';
import { Button, ErrorBanner, Loading, SelectField } from '../app/ui.tsx';

// The outbox's failure codes (server/notify/channel-adapter.ts) and their words.
const failureKeys: Record<string, MessageKey | undefined> = {
  no_address: 'deliveryFailure.no_address',
  refused: 'deliveryFailure.refused',
  unavailable: 'deliveryFailure.unavailable',
  account: 'deliveryFailure.account',
  blocked: 'deliveryFailure.blocked',
  unexpected: 'deliveryFailure.unexpected',
};

/**
 * Notices to applicants that did not reach them: failed (with the reason), waiting for a channel nobody
 * configured, or waiting to be posted. Staff send one again or record that they posted it.
 */
export function Notices() {
  const { t, label } = useI18n();
  // Why it failed in the reader's language (the English sentence stays in the cell's tooltip, as logged).
  const failureWords = (notice: { error: string | null; errorCode: string | null }) => {
    if (!notice.errorCode) return notice.error ?? '';
    const [code = '', ...rest] = notice.errorCode.split(':');
    const key = failureKeys[code];
    return key ? t(key, { detail: rest.join(':') || '—' }) : (notice.error ?? code);
  };
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<UndeliveredStatus>('failed');
  const [outcome, setOutcome] = useState<{ message?: string; error?: unknown }>({});
  const [busy, setBusy] = useState<number | null>(null);
  const notices = useQuery({
    queryKey: ['notifications', status],
    queryFn: () => api(`/api/v1/notifications${query({ status })}`, notificationListSchema),
  });
  const act = async (id: number, action: 'resend' | 'mark-posted') => {
    setBusy(id);
    try {
      await api(`/api/v1/notifications/${id}/${action}`, notificationSchema, { method: 'POST' });
      setOutcome({ message: t(action === 'resend' ? 'notices.queued' : 'notices.posted') });
      await queryClient.invalidateQueries({ queryKey: ['notifications'] });
    } catch (error) {
      setOutcome({ error });
    } finally {
      setBusy(null);
    }
  };
  const rows = notices.data ?? [];
  return (
    <section aria-labelledby="notices-title">
      <h1 id="notices-title">{t('notices.title')}</h1>
      <p>{t('notices.intro')}</p>
      <div className="row">
        <SelectField
          label={t('notices.show')}
          value={status}
          onChange={(e) => {
            const chosen = undeliveredStatuses.find((s) => s === e.target.value);
            if (chosen) setStatus(chosen);
            setOutcome({});
          }}
        >
          {undeliveredStatuses.map((s) => (
            <option key={s} value={s}>
              {label('notices.status', s)}
            </option>
          ))}
        </SelectField>
      </div>
      {outcome.message ? (
        <p className="banner banner-ok" role="status">
          {outcome.message}
        </p>
      ) : null}
      <ErrorBanner error={outcome.error ?? notices.error} />
      {notices.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p>{t('notices.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data notices">
            <thead>
              <tr>
                <th scope="col">{t('notices.appeal')}</th>
                <th scope="col">{t('notices.notice')}</th>
                <th scope="col">{t('notices.channel')}</th>
                <th scope="col">{t('notices.created')}</th>
                <th scope="col">{t('notices.attempts')}</th>
                <th scope="col">{t('notices.reason')}</th>
                <th scope="col">{t('notices.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((notice) => (
                <tr key={notice.id}>
                  <td>
                    <Link to={`/appeals/${notice.appealNumber}`}>{notice.appealNumber}</Link>
                  </td>
                  <td>{label('notice.template', notice.template)}</td>
                  <td>{label('channel', notice.channel)}</td>
                  <td>{dateTime(notice.createdAt)}</td>
                  <td>{notice.attempts}</td>
                  <td title={notice.error ?? undefined}>{failureWords(notice)}</td>
                  <td className="row">
                    {notice.status !== 'awaiting_post' ? (
                      <Button
                        small
                        disabled={busy === notice.id}
                        onClick={() => void act(notice.id, 'resend')}
                      >
                        {t('notices.resend')}
                      </Button>
                    ) : null}
                    <Button
                      small
                      disabled={busy === notice.id}
                      onClick={() => void act(notice.id, 'mark-posted')}
                    >
                      {t('notices.markPosted')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
