import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import { auditEntrySchema, auditVerificationSchema } from '../../../contracts/admin.schema.ts';
import { api, query } from '../../app/api.ts';
import { auditActionWords, auditActorWords, auditTargetWords } from '../../app/audit-words.ts';
import { dateTime } from '../../app/format.ts';
import { messages } from '../../app/i18n/index.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Button, ErrorBanner, Loading, SelectField, TextField } from '../../app/ui.tsx';

const PAGE = 100;
// What entries can be about: every kind the messages name.
const targetTypes = Object.keys(messages.uz)
  .filter((key) => key.startsWith('audit.target.'))
  .map((key) => key.slice('audit.target.'.length));

/** The audit trail, newest first, by target; and verification of its hash chain. */
export function AuditLog() {
  const { t, label, words } = useI18n();
  const [filter, setFilter] = useState({ targetType: '', targetId: '' });
  const [applied, setApplied] = useState(filter);
  const [verification, setVerification] = useState<{
    result?: z.infer<typeof auditVerificationSchema>;
    error?: unknown;
    busy?: boolean;
  }>({});
  const entries = useInfiniteQuery({
    queryKey: ['audit', applied],
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      api(
        `/api/v1/audit${query({ ...applied, limit: PAGE, before: pageParam || undefined })}`,
        auditEntrySchema.array(),
      ),
    getNextPageParam: (last) => (last.length === PAGE ? last.at(-1)?.id : undefined),
  });
  const verify = async () => {
    setVerification({ busy: true });
    try {
      setVerification({ result: await api('/api/v1/audit/verify', auditVerificationSchema) });
    } catch (error) {
      setVerification({ error });
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(filter);
  };
  const rows = entries.data?.pages.flat() ?? [];
  return (
    <div>
      <div className="row">
        <Button kind="primary" onClick={() => void verify()} disabled={verification.busy}>
          {t('audit.verify')}
        </Button>
      </div>
      <ErrorBanner error={verification.error} />
      {verification.result ? (
        <p className={`banner ${verification.result.ok ? 'banner-ok' : 'banner-error'}`} role="status">
          {verification.result.ok
            ? t('audit.ok', { count: verification.result.checked })
            : t('audit.broken', {
                count: verification.result.problems.length,
                id: verification.result.problems[0]?.id ?? '',
                problem: verification.result.problems[0]?.problem ?? '',
              })}
        </p>
      ) : null}
      <form className="row" onSubmit={submit}>
        <SelectField
          label={t('audit.targetType')}
          value={filter.targetType}
          onChange={(e) => setFilter({ ...filter, targetType: e.target.value })}
        >
          <option value="">{t('app.any')}</option>
          {targetTypes.map((type) => (
            <option key={type} value={type}>
              {label('audit.target', type)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('audit.targetId')}
          value={filter.targetId}
          onChange={(e) => setFilter({ ...filter, targetId: e.target.value })}
          placeholder="IIV-2026-0000001"
        />
        <Button type="submit">{t('app.apply')}</Button>
      </form>
      <ErrorBanner error={entries.error} />
      {entries.isPending ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table className="data audit">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => {
                const target = auditTargetWords(e, words);
                const { from, to } = e.data;
                return (
                  <tr key={e.id}>
                    <th scope="row">{e.id}</th>
                    <td className="nowrap">{dateTime(e.at)}</td>
                    <td>{auditActorWords(e, words)}</td>
                    <td>
                      {/* A code the console does not know yet stays readable as the code itself. */}
                      {auditActionWords(e.action, words) ?? <code>{e.action}</code>}
                    </td>
                    <td>
                      {target.kind} <span className="nowrap">{target.name}</span>
                    </td>
                    <td>
                      {typeof from === 'string' && typeof to === 'string' && from !== to
                        ? t('audit.statusChange', { from: label('status', from), to: label('status', to) })
                        : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {entries.hasNextPage ? (
        <Button onClick={() => void entries.fetchNextPage()} disabled={entries.isFetchingNextPage}>
          {t('audit.more')}
        </Button>
      ) : null}
    </div>
  );
}
