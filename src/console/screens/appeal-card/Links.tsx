import type { AppealCard as Card } from '../../../contracts/console.schema.ts';
import { type RelationKind, relationKinds } from '../../../contracts/enums.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';

const isRelation = (kind: string): kind is RelationKind => relationKinds.some((k) => k === kind);

/** Appeals linked to this one: its parent, its children, those merged into it and related ones. */
export function Links({ card }: { card: Card }) {
  const { t, label } = useI18n();
  const related = card.related ?? [];
  const { parent, children, merged } = card.links;
  if (!parent && children.length === 0 && merged.length === 0 && related.length === 0) return null;
  const item = (n: { number: string; status: string }, kind?: string | null) => (
    <li key={n.number}>
      <Link to={`/appeals/${n.number}`}>{n.number}</Link>{' '}
      <span className="muted">{label('status', n.status)}</span>{' '}
      {kind ? (
        <span className="tag" title={isRelation(kind) ? t(`linkHint.${kind}`) : undefined}>
          {label('link', kind)}
        </span>
      ) : null}
    </li>
  );
  // The server lists each related appeal once, under its strongest kind; the words are explained here once.
  const kindsShown = relationKinds.filter((k) => related.some((r) => r.kind === k));
  return (
    <section className="panel" aria-labelledby="links-title">
      <h2 id="links-title">{t('card.links')}</h2>
      {parent ? (
        <>
          <h3>{t('card.parent')}</h3>
          <ul>{item(parent, parent.kind)}</ul>
        </>
      ) : null}
      {children.length > 0 ? (
        <>
          <h3>{t('card.children')}</h3>
          <ul>{children.map((c) => item(c, c.kind))}</ul>
        </>
      ) : null}
      {merged.length > 0 ? (
        <>
          <h3>{t('card.merged')}</h3>
          <ul>{merged.map((c) => item(c))}</ul>
        </>
      ) : null}
      {related.length > 0 ? (
        <>
          <h3>{t('card.related')}</h3>
          <ul>{related.slice(0, 20).map((c) => item(c, c.kind))}</ul>
          <dl className="link-legend small">
            {kindsShown.map((k) => (
              <div key={k}>
                <dt>{label('link', k)}</dt>
                <dd>{t(`linkHint.${k}`)}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </section>
  );
}
