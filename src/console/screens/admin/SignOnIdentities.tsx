import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { adminUserSchema, staffIdentitySchema } from '../../../contracts/admin.schema.ts';
import { api, apiVoid } from '../../app/api.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Button, ErrorBanner, Loading, SelectField } from '../../app/ui.tsx';

/**
 * The people the ministry's sign-on provider vouched for: those waiting first, each matched by an
 * administrator to a staff account (which carries the unit and the role), or forgotten.
 */
export function SignOnIdentities({ readOnly }: { readOnly: boolean }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const identities = useQuery({
    queryKey: ['admin-identities'],
    queryFn: () => api('/api/v1/admin/identities', staffIdentitySchema.array()),
  });
  const users = useQuery({
    queryKey: ['admin-users'],
    queryFn: () => api('/api/v1/admin/users', adminUserSchema.array()),
    enabled: !readOnly,
  });
  const [chosen, setChosen] = useState<Record<number, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const act = async (run: () => Promise<void>) => {
    setFailure(null);
    try {
      await run();
      await client.invalidateQueries({ queryKey: ['admin-identities'] });
    } catch (error) {
      setFailure(error);
    }
  };
  if (identities.isPending) return <Loading />;
  const rows = identities.data ?? [];
  const accounts = (users.data ?? []).filter((u) => u.active);
  return (
    <div className="stack">
      <p>{t('admin.sso.intro')}</p>
      <ErrorBanner error={identities.error ?? failure} />
      {rows.length === 0 ? (
        <p className="muted">{t('admin.sso.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('admin.sso.person')}</th>
                <th scope="col">{t('admin.sso.subject')}</th>
                <th scope="col">{t('admin.sso.lastSeen')}</th>
                <th scope="col">{t('admin.sso.account')}</th>
                {readOnly ? null : <th scope="col">{t('admin.sso.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    {row.name ?? '—'}
                    {row.email ? <div className="muted small">{row.email}</div> : null}
                  </td>
                  <td className="mono small">{row.subject}</td>
                  <td>{dateTime(row.lastSeenAt)}</td>
                  <td>{row.login ?? <strong>{t('admin.sso.waiting')}</strong>}</td>
                  {readOnly ? null : (
                    <td>
                      <div className="row">
                        <SelectField
                          label={t('admin.sso.matchTo')}
                          value={chosen[row.id] ?? row.login ?? ''}
                          onChange={(e) => setChosen({ ...chosen, [row.id]: e.target.value })}
                        >
                          <option value="">—</option>
                          {accounts.map((u) => (
                            <option key={u.login} value={u.login}>
                              {u.login}
                              {u.fullName ? ` · ${u.fullName}` : ''}
                            </option>
                          ))}
                        </SelectField>
                        <Button
                          disabled={!chosen[row.id] || chosen[row.id] === row.login}
                          onClick={() =>
                            act(() =>
                              apiVoid(`/api/v1/admin/identities/${row.id}`, {
                                method: 'PUT',
                                body: { login: chosen[row.id] },
                              }),
                            )
                          }
                        >
                          {t('admin.sso.match')}
                        </Button>
                        <Button
                          onClick={() =>
                            act(() => apiVoid(`/api/v1/admin/identities/${row.id}`, { method: 'DELETE' }))
                          }
                        >
                          {row.login ? t('admin.sso.unmatch') : t('admin.sso.forget')}
                        </Button>
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
