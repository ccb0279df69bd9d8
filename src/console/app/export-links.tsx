import { useState } from 'react';
import { personalDataRoles } from '../../contracts/enums.ts';
import { useI18n } from './i18n.tsx';
import { useSession } from './session.tsx';
import { Checkbox } from './ui.tsx';

/**
 * Download links for what the screen shows: the same endpoint and query with `format=csv|xlsx` and the
 * console's language. Where the list can hold personal data and the role may see it, a box adds the
 * applicant's name and phone; the server audits that export and refuses it to other roles.
 */
export function ExportLinks({ path, query, personal }: { path: string; query: string; personal?: boolean }) {
  const { t, language } = useI18n();
  const session = useSession();
  const [withPersonal, setWithPersonal] = useState(false);
  const mayAddPersonal = personal === true && personalDataRoles.includes(session.user.role);
  const href = (format: 'csv' | 'xlsx') => {
    const params = new URLSearchParams(query);
    params.delete('page');
    params.delete('pageSize');
    params.set('format', format);
    params.set('lang', language);
    if (mayAddPersonal && withPersonal) params.set('personal', 'true');
    return `${path}?${params.toString()}`;
  };
  return (
    <div className="row export-links">
      <a className="btn btn-small" href={href('csv')} download>
        {t('export.csv')}
      </a>
      <a className="btn btn-small" href={href('xlsx')} download>
        {t('export.xlsx')}
      </a>
      {mayAddPersonal ? (
        <Checkbox
          label={t('export.personal')}
          checked={withPersonal}
          onChange={(event) => setWithPersonal(event.target.checked)}
        />
      ) : null}
    </div>
  );
}
