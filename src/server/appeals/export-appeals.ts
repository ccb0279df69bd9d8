import { z } from 'zod';
import type { AppealListQuery } from '../../contracts/appeal.schema.ts';
import type { UiLanguage } from '../../contracts/enums.ts';
import { type ExportFormat, exportWords } from '../../contracts/export-words.ts';
import type { AppContext } from '../context.ts';
import { localDateOf } from '../deadlines/calendar.ts';
import { AppError } from '../errors.ts';
import type { Cell, Table } from '../exports/table-file.ts';
import { canOpenAppeals, canSeePersonalData, type StaffUser } from './appeal.policy.ts';
import { queryAppeals } from './list-appeals.ts';

/** The most appeals one file holds; a wider export is refused rather than cut short. */
export const EXPORT_ROW_CAP = 50_000;

// What an export reads of the sealed applicant: a name and a phone, nothing else leaves.
const sealedApplicant = z.union([
  z.object({
    kind: z.literal('individual'),
    lastName: z.string(),
    firstName: z.string(),
    patronymic: z.string().optional(),
    phone: z.string().optional(),
  }),
  z.object({ kind: z.literal('legal_entity'), organization: z.string(), phone: z.string().optional() }),
]);

/**
 * Every appeal of the queue the user filtered, as the queue's table shows it, for a CSV or XLSX file:
 * the same query, scope and sort as the screen, all pages. With `personal`, the applicant's name and phone
 * are added for roles that may see them, and the export is written to the audit trail.
 */
export async function exportAppeals(options: {
  ctx: AppContext;
  user: StaffUser;
  query: AppealListQuery;
  format: ExportFormat;
  personal: boolean;
  language: UiLanguage;
}): Promise<Table> {
  const { ctx, user, query, format, personal, language } = options;
  if (!canOpenAppeals(user)) throw new AppError('FORBIDDEN');
  if (personal && !canSeePersonalData(user)) throw new AppError('FORBIDDEN');
  const { rows, items } = await queryAppeals(
    ctx,
    user,
    { ...query, page: 1, pageSize: EXPORT_ROW_CAP + 1 },
    language,
    { withApplicant: personal },
  );
  if (items.length > EXPORT_ROW_CAP) throw new AppError('EXPORT_TOO_LARGE');

  const ref = ctx.reference();
  const words = exportWords[language];
  const flag = (on: boolean): Cell => (on ? words.yes : null);
  const header: Cell[] = [
    words.columns.number,
    words.columns.type,
    words.columns.status,
    words.columns.category,
    words.columns.text,
    words.columns.territory,
    words.columns.received,
    words.columns.due,
    words.columns.daysLeft,
    words.columns.unit,
    words.columns.urgent,
    words.columns.aboutOfficer,
    words.columns.repeat,
    ...(personal ? [words.columns.applicant, words.columns.phone] : []),
  ];
  const body = items.map((item, index): Cell[] => {
    const category = item.category ? ref.categories.get(item.category) : undefined;
    const territory = item.territory ? ref.territories.get(item.territory) : undefined;
    const line: Cell[] = [
      item.number,
      words.types[item.type],
      words.statuses[item.status],
      category ? category.names[language] : item.category,
      item.excerpt,
      territory ? territory.names[language] : item.territory,
      localDateOf(new Date(item.receivedAt)),
      item.dueOn,
      item.daysLeft,
      item.unit?.name ?? null,
      flag(item.urgent),
      flag(item.aboutOfficer),
      flag(item.repeat),
    ];
    if (!personal) return line;
    const sealed = rows[index]?.applicant_enc;
    const parsed = sealedApplicant.safeParse(sealed ? ctx.protector.open(sealed, item.number) : null);
    const applicant = parsed.success ? parsed.data : undefined;
    const name =
      applicant?.kind === 'individual'
        ? [applicant.lastName, applicant.firstName, applicant.patronymic].filter(Boolean).join(' ')
        : (applicant?.organization ?? null);
    return [...line, name, applicant?.phone ?? null];
  });

  if (personal) {
    const { phone, page: _page, pageSize: _pageSize, ...filters } = query;
    await ctx.db.transaction().execute((tx) =>
      ctx.audit.append(tx, [
        {
          actor: { id: user.id, label: user.login },
          action: 'appeals.export_personal',
          targetType: 'appeal_list',
          targetId: format,
          // The phone searched for is personal data itself: the trail notes only that there was one.
          data: { filters: { ...filters, ...(phone ? { phone: true } : {}) }, rows: items.length, format },
          at: ctx.clock.now(),
        },
      ]),
    );
  }
  return [header, ...body];
}
