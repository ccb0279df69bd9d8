import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import type { QueueName } from '../../contracts/appeal.schema.ts';
import { appealListSchema } from '../../contracts/console.schema.ts';
import { appealStatuses, appealTypes, channels } from '../../contracts/enums.ts';
import { api } from '../app/api.ts';
import { ExportLinks } from '../app/export-links.tsx';
import { date, day } from '../app/format.ts';
import { useI18n } from '../app/i18n.tsx';
import { useRecentlyChanged } from '../app/live.ts';
import { nameIn, useReference } from '../app/reference.ts';
import { Link, navigate, useLocation } from '../app/router.tsx';
import { ScreenHelp } from '../app/screen-help.tsx';
import { useSession } from '../app/session.tsx';
import { useShortcuts } from '../app/shortcuts.ts';
import { useTraining } from '../app/training.tsx';
import {
  Button,
  Checkbox,
  DaysLeft,
  ErrorBanner,
  Loading,
  SelectField,
  StatusBadge,
  TextField,
} from '../app/ui.tsx';
import { UnitPicker } from '../app/unit-picker.tsx';
import { ApprovalReview } from './ApprovalReview.tsx';
import { queuesOf } from './Layout.tsx';

const PAGE_SIZE = 50;
const filterKeys = [
  'status',
  'type',
  'category',
  'territory',
  'unit',
  'owner',
  'outcome',
  'channel',
  'receivedFrom',
  'receivedTo',
  'overdue',
  'repeat',
  'urgent',
  'executor',
  'closedFrom',
  'closedTo',
] as const;
const numberPattern = /^(IIV|DEMO)-\d{4}-\d{7}$/i;
const phonePattern = /^\+?[\d\s()-]{9,}$/;

/** The unit filter: a picker holding its choice until the form is applied, which reads the hidden input. */
function UnitFilter({ label, initial }: { label: string; initial: string | null }) {
  const [unit, setUnit] = useState<string[]>(initial ? [initial] : []);
  return <UnitPicker label={label} name="unit" value={unit} onChange={setUnit} />;
}

/** A queue (or all appeals) with server-side filters, sorting and paging, live-updated, keyboard-driven. */
export function Queue({ queue }: { queue: QueueName | undefined }) {
  const { t, label, language } = useI18n();
  const training = useTraining();
  const { path, params } = useLocation();
  const reference = useReference();
  const changed = useRecentlyChanged();
  const searchRef = useRef<HTMLInputElement>(null);
  // The row chosen with the keyboard; a new page or filter starts again at the first row.
  const [selection, setSelection] = useState({ query: '', index: 0 });
  // The approval queue is worked in place: the chosen row's draft beside its appeal, decided there.
  const reviewing = queue === 'approval';
  const [notice, setNotice] = useState('');

  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const sort =
    params.get('sort') ??
    (queue === 'due_soon' || queue === 'overdue' || queue === 'mine' ? 'due_asc' : 'received_desc');
  const apiParams = new URLSearchParams();
  for (const key of [...filterKeys, 'q', 'phone'] as const) {
    const value = params.get(key);
    if (value) apiParams.set(key, value);
  }
  if (queue) apiParams.set('queue', queue);
  apiParams.set('sort', sort);
  apiParams.set('page', String(page));
  apiParams.set('pageSize', String(PAGE_SIZE));
  const apiQuery = apiParams.toString();
  const list = useQuery({
    queryKey: ['queue', training.on, apiQuery],
    queryFn: () =>
      api(`${training.on ? '/api/v1/training/appeals' : '/api/v1/appeals'}?${apiQuery}`, appealListSchema),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  // After a decision the row leaves the queue and the next one takes its place (the last: the one above).
  const selected = Math.max(
    0,
    Math.min(items.length - 1, selection.query === apiQuery ? selection.index : 0),
  );
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));

  const setParams = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    const text = next.toString();
    navigate(`${path}${text ? `?${text}` : ''}`);
  };

  const open = (number: string) => navigate(`/appeals/${number}`);
  const down = () => setSelection({ query: apiQuery, index: Math.min(items.length - 1, selected + 1) });
  const up = () => setSelection({ query: apiQuery, index: Math.max(0, selected - 1) });
  useShortcuts([
    ['/', () => searchRef.current?.focus()],
    ['j', down],
    ['ArrowDown', down],
    ['k', up],
    ['ArrowUp', up],
    [
      'Enter',
      () => {
        const item = items[selected];
        if (item) open(item.number);
      },
    ],
    ['[', () => page > 1 && setParams({ page: String(page - 1) })],
    [']', () => page < pages && setParams({ page: String(page + 1) })],
  ]);

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = String(form.get('q') ?? '').trim();
    if (numberPattern.test(text)) {
      open(text.toUpperCase());
      return;
    }
    const changes: Record<string, string | undefined> = {};
    for (const key of filterKeys) {
      const value = form.get(key);
      changes[key] = value ? String(value) : undefined;
    }
    const isPhone = phonePattern.test(text) && /\d{7}/.test(text.replace(/\D/g, ''));
    setParams({
      ...changes,
      q: isPhone ? undefined : text || undefined,
      phone: isPhone ? text : undefined,
      sort: String(form.get('sort') ?? '') || undefined,
    });
  };

  const categories = reference.data?.categories ?? [];
  const territories = reference.data?.territories ?? [];
  const territoryName = useMemo(
    () => new Map(territories.map((x) => [x.code, nameIn(x.names, language)])),
    [territories, language],
  );
  const categoryName = useMemo(
    () => new Map(categories.map((x) => [x.code, nameIn(x.names, language)])),
    [categories, language],
  );
  const activeFilters = filterKeys.filter((k) => params.get(k)).length;
  const title = queue ? t(`queue.${queue}`) : t('nav.all');

  return (
    <section className="queue" aria-labelledby="queue-title">
      <div className="page-head">
        <h1 id="queue-title">{title}</h1>
        <ScreenHelp topic={queue === 'approval' ? 'approval' : 'queue'} />
        <p className="muted" aria-live="polite">
          {list.data
            ? t('queue.total', { total: `${list.data.total}${list.data.totalCapped ? '+' : ''}` })
            : ''}
        </p>
      </div>
      {training.on ? null : <ExportLinks path="/api/v1/appeals" query={apiQuery} personal />}
      <search>
        <form className="search-bar" onSubmit={search} key={apiQuery}>
          <div className="search-row">
            <TextField
              id="queue-search"
              label={t('queue.searchLabel')}
              name="q"
              type="search"
              placeholder={t('queue.searchPlaceholder')}
              defaultValue={params.get('q') ?? params.get('phone') ?? ''}
              className="grow"
              ref={searchRef}
            />
            <SelectField label={t('queue.sort')} name="sort" defaultValue={sort}>
              {(['received_desc', 'received_asc', 'due_asc', 'due_desc'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`queue.sort.${s}`)}
                </option>
              ))}
            </SelectField>
            <Button kind="primary" type="submit">
              {t('app.search')}
            </Button>
          </div>
          <details className="filters" open={activeFilters > 0}>
            <summary>
              {t('queue.filters')}
              {activeFilters > 0 ? ` (${activeFilters})` : ''}
            </summary>
            <div className="filter-grid">
              <SelectField label={t('filter.status')} name="status" defaultValue={params.get('status') ?? ''}>
                <option value="">{t('app.any')}</option>
                {appealStatuses.map((s) => (
                  <option key={s} value={s}>
                    {label('status', s)}
                  </option>
                ))}
              </SelectField>
              <SelectField label={t('filter.type')} name="type" defaultValue={params.get('type') ?? ''}>
                <option value="">{t('app.any')}</option>
                {appealTypes.map((s) => (
                  <option key={s} value={s}>
                    {label('type', s)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t('filter.category')}
                name="category"
                defaultValue={params.get('category') ?? ''}
              >
                <option value="">{t('app.any')}</option>
                {categories.map((c) => (
                  <option key={c.code} value={c.code}>
                    {nameIn(c.names, language)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t('filter.territory')}
                name="territory"
                defaultValue={params.get('territory') ?? ''}
              >
                <option value="">{t('app.any')}</option>
                {territories
                  .filter((x) => x.kind !== 'country')
                  .map((x) => (
                    <option key={x.code} value={x.code}>
                      {x.parentCode && x.kind !== 'region' ? '\u00a0\u00a0' : ''}
                      {nameIn(x.names, language)}
                    </option>
                  ))}
              </SelectField>
              <UnitFilter label={t('filter.unit')} initial={params.get('unit')} />
              <SelectField
                label={t('filter.channel')}
                name="channel"
                defaultValue={params.get('channel') ?? ''}
              >
                <option value="">{t('app.any')}</option>
                {channels.map((c) => (
                  <option key={c} value={c}>
                    {label('channel', c)}
                  </option>
                ))}
              </SelectField>
              <TextField
                label={t('filter.from')}
                name="receivedFrom"
                type="date"
                defaultValue={params.get('receivedFrom') ?? ''}
              />
              <TextField
                label={t('filter.to')}
                name="receivedTo"
                type="date"
                defaultValue={params.get('receivedTo') ?? ''}
              />
              <div className="filter-checks">
                <Checkbox
                  label={t('filter.overdue')}
                  name="overdue"
                  value="true"
                  defaultChecked={params.get('overdue') === 'true'}
                />
                <Checkbox
                  label={t('filter.repeat')}
                  name="repeat"
                  value="true"
                  defaultChecked={params.get('repeat') === 'true'}
                />
                <Checkbox
                  label={t('filter.urgent')}
                  name="urgent"
                  value="true"
                  defaultChecked={params.get('urgent') === 'true'}
                />
              </div>
              <div className="row">
                <Button type="submit" kind="primary">
                  {t('app.apply')}
                </Button>
                <Button onClick={() => navigate(path)}>{t('app.reset')}</Button>
              </div>
            </div>
          </details>
        </form>
      </search>
      <ErrorBanner error={list.error} />
      {notice ? (
        <p className="banner banner-ok" role="status">
          {notice}
        </p>
      ) : null}
      {list.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="empty">{t('queue.empty')}</p>
      ) : (
        <div className={reviewing ? 'approval-layout' : undefined}>
          <div className="table-wrap">
            <table className="queue-table">
              <thead>
                <tr>
                  <th scope="col">{t('col.number')}</th>
                  {reviewing ? null : <th scope="col">{t('col.status')}</th>}
                  {reviewing ? null : <th scope="col">{t('col.category')}</th>}
                  <th scope="col">{t('col.text')}</th>
                  {reviewing ? null : <th scope="col">{t('col.received')}</th>}
                  <th scope="col">{t('col.due')}</th>
                  {reviewing ? null : <th scope="col">{t('col.unit')}</th>}
                </tr>
              </thead>
              <tbody>
                {items.map((item, index) => (
                  <tr
                    key={item.number}
                    aria-selected={index === selected}
                    ref={index === selected ? (row) => row?.scrollIntoView({ block: 'nearest' }) : undefined}
                    className={`${index === selected ? 'selected' : ''} ${changed(item.number) ? 'row-changed' : ''} ${item.overdue ? 'row-overdue' : ''}`}
                    onClick={(event) => {
                      if (event.target instanceof HTMLAnchorElement) return;
                      if (reviewing) setSelection({ query: apiQuery, index });
                      else open(item.number);
                    }}
                  >
                    <td className="nowrap">
                      <Link to={`/appeals/${item.number}`}>{item.number}</Link>
                      <div className="flags">
                        <span className="tag">{label('type', item.type)}</span>
                        {item.urgent ? <span className="tag tag-urgent">{t('flag.urgent')}</span> : null}
                        {item.aboutOfficer ? (
                          <span className="tag tag-officer">{t('flag.officer')}</span>
                        ) : null}
                        {item.repeat ? <span className="tag">{t('flag.repeat')}</span> : null}
                        {item.duplicateGroup !== null ? (
                          <span
                            className="tag tag-duplicates"
                            title={t('queue.duplicateGroup', { count: item.duplicateGroup })}
                          >
                            <span aria-hidden="true">×{item.duplicateGroup}</span>
                            <span className="sr-only">
                              {t('queue.duplicateGroup', { count: item.duplicateGroup })}
                            </span>
                          </span>
                        ) : null}
                        {item.groupSize !== null ? (
                          <span className="tag tag-group">
                            {t('queue.groupSize', { count: item.groupSize })}
                          </span>
                        ) : null}
                        {item.inGroup ? <span className="tag">{t('queue.inGroup')}</span> : null}
                        {changed(item.number) ? (
                          <span className="tag tag-new">{t('queue.changed')}</span>
                        ) : null}
                      </div>
                    </td>
                    {reviewing ? null : (
                      <td>
                        <StatusBadge status={item.status} executor={item.executorId !== null} />
                      </td>
                    )}
                    {reviewing ? null : (
                      <td>
                        {item.category ? (
                          (categoryName.get(item.category) ?? item.category)
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    )}
                    <td className="excerpt">
                      {item.excerpt}
                      {item.territory ? (
                        <div className="muted small">
                          {territoryName.get(item.territory) ?? item.territory}
                        </div>
                      ) : null}
                    </td>
                    {reviewing ? null : <td className="nowrap">{date(item.receivedAt)}</td>}
                    <td className="nowrap">
                      {day(item.dueOn)}
                      <div>
                        <DaysLeft days={item.daysLeft} />
                      </div>
                    </td>
                    {reviewing ? null : <td className="unit-cell">{item.unit?.name ?? ''}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {reviewing && items[selected] ? (
            <ApprovalReview number={items[selected].number} onDone={setNotice} />
          ) : null}
        </div>
      )}
      {pages > 1 ? (
        <nav className="pager" aria-label={t('queue.page', { page, pages })}>
          <Button disabled={page <= 1} onClick={() => setParams({ page: String(page - 1) })}>
            ← {t('queue.prev')}
          </Button>
          <span>{t('queue.page', { page, pages })}</span>
          <Button disabled={page >= pages} onClick={() => setParams({ page: String(page + 1) })}>
            {t('queue.next')} →
          </Button>
        </nav>
      ) : null}
    </section>
  );
}

/** An address that names no queue (a mistyped or outdated link): says so and offers the queues there are. */
export function UnknownQueue({ name }: { name: string }) {
  const { t } = useI18n();
  const session = useSession();
  return (
    <section className="queue" aria-labelledby="queue-title">
      <h1 id="queue-title">{t('queue.unknown', { name })}</h1>
      <p>{t('queue.unknownHelp')}</p>
      <ul className="queue-choices">
        {queuesOf(session.user.role).map((queue) => (
          <li key={queue}>
            <Link to={`/queue/${queue}`}>{t(`queue.${queue}`)}</Link>
          </li>
        ))}
        <li>
          <Link to="/queue/all">{t('nav.all')}</Link>
        </li>
      </ul>
    </section>
  );
}
