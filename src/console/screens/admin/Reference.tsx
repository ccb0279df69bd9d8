import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import { adminCategorySchema, adminTerritorySchema } from '../../../contracts/admin.schema.ts';
import { api, apiVoid } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Button, Checkbox, ErrorBanner, Loading, SelectField, TextField } from '../../app/ui.tsx';
import { emptyNames, type Names, NamesFields, useChange } from './shared.tsx';

type Territory = z.infer<typeof adminTerritorySchema>;
type Category = z.infer<typeof adminCategorySchema>;

function TerritoryForm({ territory, onDone }: { territory?: Territory; onDone(): void }) {
  const { t, label } = useI18n();
  const change = useChange([['admin-territories'], ['reference']]);
  const [code, setCode] = useState(territory?.code ?? '');
  const [parent, setParent] = useState(territory?.parentCode ?? '');
  const [kind, setKind] = useState(territory?.kind ?? 'district');
  const [names, setNames] = useState<Names>(territory?.names ?? emptyNames);
  const [active, setActive] = useState(territory?.active ?? true);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await change.run(() =>
      territory
        ? apiVoid(`/api/v1/admin/territories/${territory.code}`, { method: 'PATCH', body: { names, active } })
        : apiVoid('/api/v1/admin/territories', { body: { code, parent: parent || null, kind, names } }),
    );
    if (ok) onDone();
  };
  return (
    <form className="stack form-panel" onSubmit={submit}>
      <h2>{territory ? `${t('app.edit')}: ${territory.code}` : t('admin.newTerritory')}</h2>
      <ErrorBanner error={change.error} />
      {!territory ? (
        <div className="entry-grid">
          <TextField
            label={t('admin.code')}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            required
            inputMode="numeric"
          />
          <TextField label={t('admin.parent')} value={parent} onChange={(e) => setParent(e.target.value)} />
          <SelectField
            label={t('admin.kind')}
            value={kind}
            onChange={(e) =>
              setKind(
                e.target.value === 'city'
                  ? 'city'
                  : e.target.value === 'region'
                    ? 'region'
                    : e.target.value === 'city_district'
                      ? 'city_district'
                      : 'district',
              )
            }
          >
            {(['region', 'district', 'city', 'city_district'] as const).map((k) => (
              <option key={k} value={k}>
                {label('territory', k)}
              </option>
            ))}
          </SelectField>
        </div>
      ) : null}
      <NamesFields legend={t('admin.names')} value={names} onChange={setNames} required />
      {territory ? (
        <Checkbox label={t('admin.active')} checked={active} onChange={(e) => setActive(e.target.checked)} />
      ) : null}
      <div className="row">
        <Button kind="primary" type="submit">
          {t('app.save')}
        </Button>
        <Button onClick={onDone}>{t('app.cancel')}</Button>
      </div>
    </form>
  );
}

/** Territories (regions, districts, cities): names in four languages, on or off. */
export function Territories({ readOnly }: { readOnly: boolean }) {
  const { t, label, language } = useI18n();
  const list = useQuery({
    queryKey: ['admin-territories'],
    queryFn: () => api('/api/v1/admin/territories', adminTerritorySchema.array()),
  });
  const [editing, setEditing] = useState<Territory | 'new' | null>(null);
  const [filter, setFilter] = useState('');
  if (list.isPending) return <Loading />;
  const needle = filter.trim().toLowerCase();
  const shown = (list.data ?? []).filter(
    (x) =>
      !needle ||
      x.code.includes(needle) ||
      Object.values(x.names).some((n) => n.toLowerCase().includes(needle)),
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
            {t('admin.newTerritory')}
          </Button>
        ) : null}
      </div>
      {editing ? (
        <TerritoryForm
          key={editing === 'new' ? 'new' : editing.code}
          territory={editing === 'new' ? undefined : editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('admin.code')}</th>
            <th scope="col">{t('admin.names')}</th>
            <th scope="col">{t('admin.kind')}</th>
            <th scope="col">{t('admin.state')}</th>
            {!readOnly ? <th scope="col">{t('card.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {shown.slice(0, 300).map((x) => (
            <tr key={x.code} className={x.active ? '' : 'row-muted'}>
              <th scope="row">{x.code}</th>
              <td>{x.names[language]}</td>
              <td>{label('territory', x.kind)}</td>
              <td>{x.active ? t('admin.active') : t('admin.inactive')}</td>
              {!readOnly ? (
                <td>
                  <Button small onClick={() => setEditing(x)}>
                    {t('app.edit')}
                  </Button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CategoryForm({ category, onDone }: { category?: Category; onDone(): void }) {
  const { t } = useI18n();
  const change = useChange([['admin-categories'], ['reference']]);
  const [code, setCode] = useState(category?.code ?? '');
  const [service, setService] = useState(category?.service ?? 'appeals');
  const [officer, setOfficer] = useState(category?.officerComplaint ?? false);
  const [names, setNames] = useState<Names>(category?.names ?? emptyNames);
  const [descriptions, setDescriptions] = useState<Names>(category?.descriptions ?? emptyNames);
  const [active, setActive] = useState(category?.active ?? true);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await change.run(() =>
      category
        ? apiVoid(`/api/v1/admin/categories/${category.code}`, {
            method: 'PATCH',
            body: { service, officerComplaint: officer, names, descriptions, active },
          })
        : apiVoid('/api/v1/admin/categories', {
            body: { code, service, officerComplaint: officer, names, descriptions },
          }),
    );
    if (ok) onDone();
  };
  return (
    <form className="stack form-panel" onSubmit={submit}>
      <h2>{category ? `${t('app.edit')}: ${category.code}` : t('admin.newCategory')}</h2>
      <ErrorBanner error={change.error} />
      <div className="entry-grid">
        <TextField
          label={t('admin.code')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          required
          readOnly={category !== undefined}
        />
        <TextField
          label={t('admin.service')}
          value={service}
          onChange={(e) => setService(e.target.value)}
          required
        />
      </div>
      <Checkbox
        label={t('admin.officerComplaint')}
        checked={officer}
        onChange={(e) => setOfficer(e.target.checked)}
      />
      <NamesFields legend={t('admin.names')} value={names} onChange={setNames} required />
      <NamesFields legend={t('admin.descriptions')} value={descriptions} onChange={setDescriptions} />
      {category ? (
        <Checkbox label={t('admin.active')} checked={active} onChange={(e) => setActive(e.target.checked)} />
      ) : null}
      <div className="row">
        <Button kind="primary" type="submit">
          {t('app.save')}
        </Button>
        <Button onClick={onDone}>{t('app.cancel')}</Button>
      </div>
    </form>
  );
}

/** Categories of the taxonomy: names, default service, officer-complaint flag, on or off. */
export function Categories({ readOnly }: { readOnly: boolean }) {
  const { t, language } = useI18n();
  const list = useQuery({
    queryKey: ['admin-categories'],
    queryFn: () => api('/api/v1/admin/categories', adminCategorySchema.array()),
  });
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  if (list.isPending) return <Loading />;
  return (
    <div>
      {!readOnly ? (
        <Button kind="primary" onClick={() => setEditing('new')}>
          {t('admin.newCategory')}
        </Button>
      ) : null}
      {editing ? (
        <CategoryForm
          key={editing === 'new' ? 'new' : editing.code}
          category={editing === 'new' ? undefined : editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('admin.code')}</th>
            <th scope="col">{t('admin.names')}</th>
            <th scope="col">{t('admin.service')}</th>
            <th scope="col">{t('admin.officerComplaint')}</th>
            <th scope="col">{t('admin.state')}</th>
            {!readOnly ? <th scope="col">{t('card.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((c) => (
            <tr key={c.code} className={c.active ? '' : 'row-muted'}>
              <th scope="row">{c.code}</th>
              <td>{c.names[language]}</td>
              <td>{c.service}</td>
              <td>{c.officerComplaint ? t('app.yes') : t('app.no')}</td>
              <td>{c.active ? t('admin.active') : t('admin.inactive')}</td>
              {!readOnly ? (
                <td>
                  <Button small onClick={() => setEditing(c)}>
                    {t('app.edit')}
                  </Button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
