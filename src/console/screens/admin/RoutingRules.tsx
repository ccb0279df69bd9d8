import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import {
  type RoutingRuleView,
  routingRuleSchema,
  routingTestResultSchema,
} from '../../../contracts/admin.schema.ts';
import { api, apiVoid } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { nameIn, useReference } from '../../app/reference.ts';
import { Button, Checkbox, ErrorBanner, Loading, SelectField, TextField } from '../../app/ui.tsx';
import { UnitPicker } from '../../app/unit-picker.tsx';
import { useChange } from './shared.tsx';

type Draft = {
  category: string;
  territory: string;
  unit: string[];
  service: string;
  priority: string;
  active: boolean;
  note: string;
};

const toDraft = (rule?: RoutingRuleView): Draft => ({
  category: rule?.category ?? '',
  territory: rule?.territory ?? '',
  unit: rule?.unit ? [rule.unit] : [],
  service: rule?.service ?? '',
  priority: String(rule?.priority ?? 0),
  active: rule?.active ?? true,
  note: rule?.note ?? '',
});

const toInput = (d: Draft) => ({
  category: d.category || null,
  territory: d.territory || null,
  unit: d.unit[0] || null,
  service: d.service || null,
  priority: Number(d.priority) || 0,
  active: d.active,
  note: d.note,
});

/** Routing rules: category × territory → a unit or a service, with a box to test a rule before saving it. */
export function RoutingRules({ readOnly }: { readOnly: boolean }) {
  const { t, label, language } = useI18n();
  const reference = useReference();
  const rules = useQuery({
    queryKey: ['admin-rules'],
    queryFn: () => api('/api/v1/admin/routing-rules', routingRuleSchema.array()),
  });
  const change = useChange([['admin-rules']]);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft>(toDraft());
  const [facts, setFacts] = useState({ category: '', territory: '' });
  const [withDraft, setWithDraft] = useState(true);
  const [test, setTest] = useState<{ result?: z.infer<typeof routingTestResultSchema>; error?: unknown }>({});
  const categories = reference.data?.categories ?? [];
  const territories = (reference.data?.territories ?? []).filter((x) => x.kind !== 'country');
  const categoryName = (code: string | null) =>
    code ? nameIn(categories.find((c) => c.code === code)?.names, language) || code : t('app.any');
  const territoryName = (code: string | null) =>
    code ? nameIn(territories.find((c) => c.code === code)?.names, language) || code : t('app.any');

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await change.run(() =>
      editing === 'new'
        ? api('/api/v1/admin/routing-rules', routingRuleSchema.pick({ id: true }), {
            method: 'POST',
            body: toInput(draft),
          })
        : apiVoid(`/api/v1/admin/routing-rules/${editing}`, { method: 'PUT', body: toInput(draft) }),
    );
    if (ok) setEditing(null);
  };
  const runTest = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const result = await api('/api/v1/admin/routing-rules/test', routingTestResultSchema, {
        method: 'POST',
        body: {
          category: facts.category || null,
          territory: facts.territory || null,
          ...(withDraft && editing !== null
            ? { rule: toInput(draft), ...(typeof editing === 'number' ? { replaces: editing } : {}) }
            : {}),
        },
      });
      setTest({ result });
    } catch (error) {
      setTest({ error });
    }
  };
  const set = (key: keyof Draft) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: e.target.value });
  const categorySelect = (value: string, onChange: (e: { target: { value: string } }) => void) => (
    <SelectField label={t('filter.category')} value={value} onChange={onChange}>
      <option value="">{t('app.any')}</option>
      {categories.map((c) => (
        <option key={c.code} value={c.code}>
          {nameIn(c.names, language)}
        </option>
      ))}
    </SelectField>
  );
  const territorySelect = (value: string, onChange: (e: { target: { value: string } }) => void) => (
    <SelectField label={t('filter.territory')} value={value} onChange={onChange}>
      <option value="">{t('app.any')}</option>
      {territories.map((x) => (
        <option key={x.code} value={x.code}>
          {x.kind === 'region' ? '' : '\u00a0\u00a0'}
          {nameIn(x.names, language)}
        </option>
      ))}
    </SelectField>
  );

  return (
    <div>
      {!readOnly ? (
        <Button
          kind="primary"
          onClick={() => {
            setDraft(toDraft());
            setEditing('new');
          }}
        >
          {t('admin.newRule')}
        </Button>
      ) : null}
      <ErrorBanner error={change.error} />
      {editing !== null ? (
        <form className="stack form-panel" onSubmit={save}>
          <h2>{editing === 'new' ? t('admin.newRule') : `${t('app.edit')}: #${editing}`}</h2>
          <div className="entry-grid">
            {categorySelect(draft.category, set('category'))}
            {territorySelect(draft.territory, set('territory'))}
            <TextField
              label={t('admin.priority')}
              type="number"
              value={draft.priority}
              onChange={set('priority')}
            />
          </div>
          <p className="hint">{t('admin.ruleTarget')}</p>
          <div className="entry-grid">
            <UnitPicker
              label={t('admin.unit')}
              value={draft.unit}
              onChange={(unit) => setDraft({ ...draft, unit })}
            />
            <TextField
              label={t('admin.service')}
              value={draft.service}
              onChange={set('service')}
              placeholder="investigation"
            />
          </div>
          <TextField label={t('admin.note')} value={draft.note} onChange={set('note')} />
          <Checkbox
            label={t('admin.active')}
            checked={draft.active}
            onChange={(e) => setDraft({ ...draft, active: e.target.checked })}
          />
          <div className="row">
            <Button kind="primary" type="submit">
              {t('app.save')}
            </Button>
            <Button onClick={() => setEditing(null)}>{t('app.cancel')}</Button>
          </div>
        </form>
      ) : null}
      <form className="stack form-panel test-box" onSubmit={runTest} aria-labelledby="test-title">
        <h2 id="test-title">{t('admin.testRule')}</h2>
        <div className="entry-grid">
          {categorySelect(facts.category, (e) => setFacts({ ...facts, category: e.target.value }))}
          {territorySelect(facts.territory, (e) => setFacts({ ...facts, territory: e.target.value }))}
        </div>
        {editing !== null ? (
          <Checkbox
            label={t('admin.testWith')}
            checked={withDraft}
            onChange={(e) => setWithDraft(e.target.checked)}
          />
        ) : null}
        <Button type="submit">{t('admin.testRule')}</Button>
        <ErrorBanner error={test.error} />
        {test.result ? (
          <div className="banner banner-info" role="status">
            <p>
              <strong>{t('admin.testResult', { unit: test.result.unit.name })}</strong>{' '}
              <code>{test.result.unit.code}</code>
            </p>
            <p className="small">
              {test.result.basis === 'rule' && test.result.ruleId !== null
                ? t('basis.rule', { id: test.result.ruleId })
                : label('basis', test.result.basis)}
            </p>
            {editing !== null && withDraft ? (
              <p className="small">
                {test.result.decidedByTestedRule ? t('admin.testByRule') : t('admin.testNotByRule')}
              </p>
            ) : null}
          </div>
        ) : null}
      </form>
      {rules.isPending ? (
        <Loading />
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('filter.category')}</th>
              <th scope="col">{t('filter.territory')}</th>
              <th scope="col">{t('admin.ruleTarget')}</th>
              <th scope="col">{t('admin.priority')}</th>
              <th scope="col">{t('admin.state')}</th>
              <th scope="col">{t('admin.note')}</th>
              {!readOnly ? <th scope="col">{t('card.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rules.data?.length === 0 ? (
              <tr>
                <td colSpan={readOnly ? 7 : 8} className="muted">
                  {t('dash.noData')}
                </td>
              </tr>
            ) : null}
            {(rules.data ?? []).map((r) => (
              <tr key={r.id} className={r.active ? '' : 'row-muted'}>
                <th scope="row">{r.id}</th>
                <td>{categoryName(r.category)}</td>
                <td>{territoryName(r.territory)}</td>
                <td>
                  <code>{r.unit ?? r.service}</code>
                </td>
                <td>{r.priority}</td>
                <td>{r.active ? t('admin.active') : t('admin.inactive')}</td>
                <td>{r.note}</td>
                {!readOnly ? (
                  <td>
                    <Button
                      small
                      onClick={() => {
                        setDraft(toDraft(r));
                        setEditing(r.id);
                      }}
                    >
                      {t('app.edit')}
                    </Button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
