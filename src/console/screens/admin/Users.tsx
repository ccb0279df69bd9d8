import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  type AdminUser,
  adminUserSchema,
  oneTimePasswordSchema,
  userCreateInputSchema,
} from '../../../contracts/admin.schema.ts';
import { roles } from '../../../contracts/enums.ts';
import { fieldErrors } from '../../../contracts/validation-messages.ts';
import { api, apiVoid } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Button, Checkbox, Dialog, ErrorBanner, Loading, SelectField, TextField } from '../../app/ui.tsx';
import { UnitPicker } from '../../app/unit-picker.tsx';

function OneTimePassword({
  value,
  onClose,
}: {
  value: { login: string; oneTimePassword: string } | null;
  onClose(): void;
}) {
  const { t } = useI18n();
  return (
    <Dialog title={t('admin.oneTimePassword')} open={value !== null} onClose={onClose}>
      {value ? (
        <>
          <p>
            {t('auth.login')}: <strong data-testid="otp-login">{value.login}</strong>
          </p>
          <p className="big mono" data-testid="otp-password">
            {value.oneTimePassword}
          </p>
          <p className="hint">{t('admin.oneTimeNote')}</p>
          <div className="row">
            <Button onClick={() => void navigator.clipboard?.writeText(value.oneTimePassword)}>
              {t('app.copy')}
            </Button>
            <Button kind="primary" onClick={onClose}>
              {t('app.close')}
            </Button>
          </div>
        </>
      ) : null}
    </Dialog>
  );
}

function UserForm({
  user,
  onDone,
  onCancel,
}: {
  user?: AdminUser;
  onDone(otp?: { login: string; oneTimePassword: string }): void;
  onCancel(): void;
}) {
  const { t, label, language } = useI18n();
  const [login, setLogin] = useState(user?.login ?? '');
  const [fullName, setFullName] = useState(user?.fullName ?? '');
  const [role, setRole] = useState<string>(user?.role ?? 'executor');
  const [unit, setUnit] = useState<string[]>(user?.unit ? [user.unit.code] : []);
  const [subtree, setSubtree] = useState(user?.scopeSubtree ?? false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { login, fullName, role, unit: unit[0] ?? '', scopeSubtree: subtree };
    const parsed = userCreateInputSchema.safeParse(body);
    if (!parsed.success) {
      setErrors(
        Object.fromEntries(fieldErrors(parsed.error.issues, language).map((f) => [f.path, f.message])),
      );
      return;
    }
    setFailure(null);
    try {
      if (user) {
        await apiVoid(`/api/v1/admin/users/${user.login}`, {
          method: 'PATCH',
          body: { fullName, role, unit: unit[0], scopeSubtree: subtree },
        });
        onDone();
      } else {
        onDone(await api('/api/v1/users', oneTimePasswordSchema, { method: 'POST', body: parsed.data }));
      }
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <form
      className="stack form-panel"
      onSubmit={submit}
      noValidate
      aria-label={user ? user.login : t('admin.newUser')}
    >
      <h2>{user ? `${t('app.edit')}: ${user.login}` : t('admin.newUser')}</h2>
      <ErrorBanner error={failure} />
      <div className="entry-grid">
        <TextField
          label={t('auth.login')}
          value={login}
          onChange={(e) => setLogin(e.target.value)}
          error={errors.login}
          required
          readOnly={user !== undefined}
          autoComplete="off"
        />
        <TextField
          label={t('admin.fullName')}
          value={fullName}
          onChange={(e) => setFullName(e.target.value)}
        />
        <SelectField label={t('admin.role')} value={role} onChange={(e) => setRole(e.target.value)} required>
          {roles.map((r) => (
            <option key={r} value={r}>
              {label('role', r)}
            </option>
          ))}
        </SelectField>
      </div>
      <UnitPicker label={t('admin.unit')} value={unit} onChange={setUnit} required error={errors.unit} />
      <Checkbox label={t('admin.subtree')} checked={subtree} onChange={(e) => setSubtree(e.target.checked)} />
      <div className="row">
        <Button kind="primary" type="submit">
          {t('app.save')}
        </Button>
        <Button onClick={onCancel}>{t('app.cancel')}</Button>
      </div>
    </form>
  );
}

/** Staff accounts: create (with a one-time password), change role and unit scope, reset 2FA, deactivate. */
export function Users({ readOnly }: { readOnly: boolean }) {
  const { t, label } = useI18n();
  const queryClient = useQueryClient();
  const users = useQuery({
    queryKey: ['admin-users'],
    queryFn: () => api('/api/v1/admin/users', adminUserSchema.array()),
  });
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [otp, setOtp] = useState<{ login: string; oneTimePassword: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin-users'] });
  const act = async (run: () => Promise<void>) => {
    setError(null);
    try {
      await run();
      await refresh();
    } catch (failure) {
      setError(failure);
    }
  };
  const needle = filter.trim().toLowerCase();
  const shown = (users.data ?? []).filter(
    (u) =>
      !needle ||
      `${u.login} ${u.fullName} ${u.unit?.code ?? ''} ${u.unit?.name ?? ''}`.toLowerCase().includes(needle),
  );
  return (
    <div>
      <div className="row">
        <TextField
          label={t('admin.filter')}
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        {!readOnly ? (
          <Button kind="primary" onClick={() => setEditing('new')}>
            {t('admin.newUser')}
          </Button>
        ) : null}
      </div>
      {editing ? (
        <UserForm
          key={editing === 'new' ? 'new' : editing.login}
          user={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(null)}
          onDone={(password) => {
            setEditing(null);
            if (password) setOtp(password);
            void refresh();
          }}
        />
      ) : null}
      <ErrorBanner error={error ?? users.error} />
      {users.isPending ? (
        <Loading />
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('auth.login')}</th>
              <th scope="col">{t('admin.fullName')}</th>
              <th scope="col">{t('admin.role')}</th>
              <th scope="col">{t('admin.unit')}</th>
              <th scope="col">{t('admin.twoFactor')}</th>
              <th scope="col">{t('admin.state')}</th>
              {!readOnly ? <th scope="col">{t('card.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {shown.map((u) => (
              <tr key={u.login} className={u.active ? '' : 'row-muted'}>
                <th scope="row">{u.login}</th>
                <td>{u.fullName}</td>
                <td>{label('role', u.role)}</td>
                <td>
                  {u.unit?.name} <code className="small">{u.unit?.code}</code>
                  {u.scopeSubtree ? ' ⊂' : ''}
                </td>
                <td>{u.totpEnabled ? t('app.yes') : t('app.no')}</td>
                <td>
                  {u.active ? t('admin.active') : t('admin.inactive')}
                  {u.lockedUntil ? `, ${t('admin.locked')}` : ''}
                  {u.mustChangePassword ? `, ${t('admin.mustChange')}` : ''}
                </td>
                {!readOnly ? (
                  <td className="row-actions">
                    <Button small onClick={() => setEditing(u)}>
                      {t('app.edit')}
                    </Button>
                    <Button
                      small
                      onClick={() =>
                        void act(async () =>
                          setOtp(
                            await api(
                              `/api/v1/admin/users/${u.login}/reset-password`,
                              oneTimePasswordSchema,
                              { method: 'POST' },
                            ),
                          ),
                        )
                      }
                    >
                      {t('admin.resetPassword')}
                    </Button>
                    {u.totpEnabled ? (
                      <Button
                        small
                        onClick={() => void act(() => apiVoid(`/api/v1/admin/users/${u.login}/reset-totp`))}
                      >
                        {t('admin.resetTotp')}
                      </Button>
                    ) : null}
                    <Button
                      small
                      kind={u.active ? 'danger' : 'secondary'}
                      onClick={() =>
                        void act(() =>
                          apiVoid(`/api/v1/admin/users/${u.login}`, {
                            method: 'PATCH',
                            body: { active: !u.active },
                          }),
                        )
                      }
                    >
                      {u.active ? t('admin.deactivate') : t('admin.activate')}
                    </Button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <OneTimePassword value={otp} onClose={() => setOtp(null)} />
    </div>
  );
}
