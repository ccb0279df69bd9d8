import type { AppealListQuery } from '../../contracts/appeal.schema.ts';
import { normalizeUzPhone } from '../../contracts/appeal.schema.ts';
import type { UiLanguage } from '../../contracts/enums.ts';
import type { AppContext } from '../context.ts';
import { localDateOf } from '../deadlines/calendar.ts';
import { AppError, FieldValidationError } from '../errors.ts';
import { canOpenAppeals, type StaffUser, scopeOf } from './appeal.policy.ts';
import { presentListRow } from './appeal.presenter.ts';
import { openMemberCounts } from './appeal-groups.repository.ts';
import { overdueFilter, queueFactsOf, queueFilter } from './appeal-queues.ts';
import { countedRepeats, duplicateCounts, listAppeals as listRows } from './appeals.repository.ts';

const RELATED_CHUNK = 5_000;

/** A page of the user's queue: scope first, then the filters, sorted and counted on the server. */
export async function listAppeals(
  ctx: AppContext,
  user: StaffUser,
  query: AppealListQuery,
  language: UiLanguage,
  options: { sandbox?: boolean } = {},
) {
  const { items, total, totalCapped } = await queryAppeals(ctx, user, query, language, options);
  return { items, total, totalCapped, page: query.page, pageSize: query.pageSize };
}

/**
 * The one query behind the queue and its exports: the presented rows, and beside each the row as read
 * (with the sealed applicant when an export asks for it).
 */
export async function queryAppeals(
  ctx: AppContext,
  user: StaffUser,
  query: AppealListQuery,
  language: UiLanguage,
  options: { sandbox?: boolean; withApplicant?: boolean },
) {
  if (!canOpenAppeals(user)) throw new AppError('FORBIDDEN');
  const ref = ctx.reference();
  const unit = query.unit ? ref.units.byCode(query.unit) : undefined;
  if (query.unit && !unit) throw new FieldValidationError([{ path: 'query.unit', key: 'unknownUnit' }]);
  const owner = query.owner ? ref.units.byCode(query.owner) : undefined;
  if (query.owner && !owner) throw new FieldValidationError([{ path: 'query.owner', key: 'unknownUnit' }]);
  const phone = query.phone ? normalizeUzPhone(query.phone) : undefined;
  if (query.phone && !phone) throw new FieldValidationError([{ path: 'query.phone', key: 'phone' }]);
  const today = localDateOf(ctx.clock.now());
  const scope = scopeOf(user, ref.units);
  const { rows, total, totalCapped } = await listRows(ctx.readDb, query, {
    scope,
    today,
    queue: query.queue ? queueFilter(query.queue, queueFactsOf(user, ref.units, today)) : undefined,
    overdue: query.overdue ? overdueFilter(query.overdue, today) : undefined,
    unitId: unit?.id,
    // The ministry's subtree is every unit: no condition rather than thousands of ids.
    ownerUnitIds: owner && owner.id !== ref.units.ministry.id ? ref.units.subtreeIds(owner.id) : undefined,
    textLatin: query.q ? ctx.textReader.latin(query.q) : undefined,
    phoneHashes: phone ? ctx.protector.lookupHashes('phone', phone) : undefined,
    sandbox: options.sandbox,
    withApplicant: options.withApplicant,
  });
  const duplicates = new Map<number, number>();
  const members = new Map<number, number>();
  const repeats = new Set<number>();
  // A page is one chunk; an export's tens of thousands of ids would pass PostgreSQL's 65,535 parameters.
  for (let start = 0; start < rows.length; start += RELATED_CHUNK) {
    const ids = rows.slice(start, start + RELATED_CHUNK).map((row) => row.id);
    const [d, m, r] = await Promise.all([
      duplicateCounts(ctx.readDb, ids, scope),
      openMemberCounts(ctx.readDb, ids, scope),
      countedRepeats(ctx.readDb, ids),
    ]);
    for (const [id, n] of d) duplicates.set(id, n);
    for (const [id, n] of m) members.set(id, n);
    for (const id of r) repeats.add(id);
  }
  return {
    rows,
    items: rows.map((row) =>
      presentListRow(row, ref.units, language, today, {
        duplicates: duplicates.get(row.id) ?? 0,
        groupMembers: members.get(row.id) ?? 0,
        repeat: repeats.has(row.id),
      }),
    ),
    total,
    totalCapped,
  };
}
