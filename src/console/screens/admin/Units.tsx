import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { type AdminUnit, adminUnitSchema } from '../../../contracts/admin.schema.ts';
import { api, apiVoid } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Button, Checkbox, ErrorBanner, Loading, SelectField, TextField } from '../../app/ui.tsx';
import { emptyNames, type Names, NamesFields, useChange } from './shared.tsx';

function UnitEditor({ unit, readOnly }: { unit: AdminUnit; readOnly: boolean }) {
  const { t, label } = useI18n();
  const change = useChange([['admin-units'], ['units']]);
  const [names, setNames] = useState<Names>(unit.names);
  const [active, setActive] = useState(unit.active);
  const [requisites, setRequisites] = useState(
    unit.requisites ?? { address: '', phone: '', email: '', website: '' },
  );
  const [child, setChild] = useState({
    code: `${unit.code}-`,
    level: 'service',
    service: '',
    territory: unit.territoryCode ?? '',
  });
  const [childNames, setChildNames] = useState<Names>(emptyNames);
  const save = (event: FormEvent) => {
    event.preventDefault();
    void change.run(() =>
      apiVoid(`/api/v1/admin/units/${unit.code}`, { method: 'PATCH', body: { names, active, requisites } }),
    );
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    void change.run(() =>
      apiVoid('/api/v1/admin/units', {
        body: {
          code: child.code,
          parent: unit.code,
          level: child.level,
          service: child.service || null,
          territory: child.territory || null,
          names: childNames,
        },
      }),
    );
  };
  const r = (key: keyof typeof requisites) => (e: { target: { value: string } }) =>
    setRequisites({ ...requisites, [key]: e.target.value });
  return (
    <div className="form-panel">
      <h2>
        {unit.names.uz} <code>{unit.code}</code>{' '}
        <span className="muted small">{label('level', unit.level)}</span>
      </h2>
      <ErrorBanner error={change.error} />
      {change.message ? (
        <p className="banner banner-ok" role="status">
          {change.message}
        </p>
      ) : null}
      <form className="stack" onSubmit={save}>
        <NamesFields legend={t('admin.names')} value={names} onChange={setNames} required />
        <fieldset className="names">
          <legend>{t('admin.requisites')}</legend>
          <TextField label={t('admin.address')} value={requisites.address} onChange={r('address')} />
          <TextField label={t('admin.phone')} value={requisites.phone} onChange={r('phone')} />
          <TextField label={t('admin.email')} value={requisites.email} onChange={r('email')} />
          <TextField label={t('admin.website')} value={requisites.website} onChange={r('website')} />
        </fieldset>
        <Checkbox label={t('admin.active')} checked={active} onChange={(e) => setActive(e.target.checked)} />
        {!readOnly ? (
          <Button kind="primary" type="submit">
            {t('app.save')}
          </Button>
        ) : null}
      </form>
      {!readOnly && unit.level !== 'service' ? (
        <form className="stack" onSubmit={add}>
          <h3>{t('admin.newUnit')}</h3>
          <div className="entry-grid">
            <TextField
              label={t('admin.code')}
              value={child.code}
              onChange={(e) => setChild({ ...child, code: e.target.value })}
              required
            />
            <SelectField
              label={t('admin.level')}
              value={child.level}
              onChange={(e) => setChild({ ...child, level: e.target.value })}
            >
              {(['directorate', 'department', 'service'] as const).map((l) => (
                <option key={l} value={l}>
                  {label('level', l)}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('admin.service')}
              value={child.service}
              onChange={(e) => setChild({ ...child, service: e.target.value })}
              placeholder="investigation"
            />
            <TextField
              label={t('filter.territory')}
              value={child.territory}
              onChange={(e) => setChild({ ...child, territory: e.target.value })}
            />
          </div>
          <NamesFields legend={t('admin.names')} value={childNames} onChange={setChildNames} required />
          <Button type="submit">{t('app.add')}</Button>
        </form>
      ) : null}
    </div>
  );
}

/** The unit tree: find a unit, rename it, set its letterhead requisites, add units below it. */
export function Units({ readOnly }: { readOnly: boolean }) {
  const { t, language } = useI18n();
  const units = useQuery({
    queryKey: ['admin-units'],
    queryFn: () => api('/api/v1/admin/units', adminUnitSchema.array()),
  });
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const depth = useMemo(() => {
    const parents = new Map((units.data ?? []).map((u) => [u.code, u.parentCode]));
    return (code: string) => {
      let n = 0;
      let current = parents.get(code);
      while (current) {
        n += 1;
        current = parents.get(current);
      }
      return n;
    };
  }, [units.data]);
  if (units.isPending) return <Loading />;
  const needle = filter.trim().toLowerCase();
  const matches = (units.data ?? []).filter(
    (u) =>
      !needle ||
      u.code.toLowerCase().includes(needle) ||
      Object.values(u.names).some((n) => n.toLowerCase().includes(needle)),
  );
  const unit = units.data?.find((u) => u.code === selected);
  return (
    <div className="split">
      <div>
        <TextField
          label={t('field.unitSearch')}
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <p className="muted small">
          {matches.length} / {units.data?.length ?? 0}
        </p>
        <ul className="tree">
          {matches.slice(0, 150).map((u) => (
            <li key={u.code} className={`depth-${Math.min(depth(u.code), 4)} ${u.active ? '' : 'row-muted'}`}>
              <button
                type="button"
                className="linklike"
                aria-pressed={u.code === selected}
                onClick={() => setSelected(u.code)}
              >
                {u.names[language]} <code className="small">{u.code}</code>
              </button>
            </li>
          ))}
        </ul>
      </div>
      {unit ? <UnitEditor key={unit.code} unit={unit} readOnly={readOnly} /> : null}
    </div>
  );
}
