import type { AttachmentView } from '../../contracts/console.schema.ts';
import { roles, type UiLanguage } from '../../contracts/enums.ts';
import { canSeePersonalData, type StaffUser } from '../appeals/appeal.policy.ts';
import { findVisibleAppeal } from '../appeals/get-appeal.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { attachmentOf, attachmentsOf, staffOfUnits, workingUnitIds } from './casework.repository.ts';

/**
 * How the console may show a file: inline only an image the server wrote anew itself (it holds pixels
 * and nothing else); a PDF, an office document or any file kept as it came is only downloaded, since a
 * viewer may run what it carries (a PDF's JavaScript, an HTML page hidden in a polyglot).
 */
export function previewOf(file: { reencoded: boolean }): AttachmentView['preview'] {
  return file.reencoded ? 'image' : 'none';
}

/** The files of an appeal the user may open: the applicant's (no answer) and those of its answers. */
export async function listAttachments(
  ctx: AppContext,
  user: StaffUser,
  number: string,
): Promise<AttachmentView[]> {
  const appeal = await findVisibleAppeal(ctx, user, number);
  const rows = await attachmentsOf(ctx.db, appeal.id);
  return rows.map((r) => ({
    id: r.id,
    answerId: r.answer_id,
    filename: r.filename,
    mime: r.mime,
    size: r.size,
    preview: previewOf(r),
  }));
}

/**
 * One attached file. Applicants' files may carry personal data, so only roles that may see it open
 * them, and every opening is audited.
 */
export async function openAttachment(
  ctx: AppContext,
  user: StaffUser,
  number: string,
  id: string,
): Promise<{ filename: string; mime: string; size: number; inline: boolean; content: Buffer }> {
  const appeal = await findVisibleAppeal(ctx, user, number);
  if (!canSeePersonalData(user)) throw new AppError('FORBIDDEN');
  const file = await attachmentOf(ctx.db, appeal.id, id);
  if (!file) throw new AppError('NOT_FOUND');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute((tx) =>
    ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: 'appeal.open_attachment',
        targetType: 'appeal',
        targetId: appeal.number,
        data: { attachment: file.id },
        at: now,
      },
    ]),
  );
  return {
    filename: file.filename,
    mime: file.mime,
    size: file.size,
    inline: previewOf(file) === 'image',
    content: await ctx.files.get(file.id),
  };
}

/** Staff of the units working the appeal whom a head may make its executor. */
export async function assigneesOf(ctx: AppContext, user: StaffUser, number: string, language: UiLanguage) {
  const appeal = await findVisibleAppeal(ctx, user, number);
  const units = ctx.reference().units;
  const working = await workingUnitIds(ctx.db, appeal.id);
  const rows = await staffOfUnits(ctx.db, working.length > 0 ? working : [appeal.owner_unit_id]);
  // The officer a complaint is about is never offered as its executor.
  return rows
    .filter((r) => r.id !== appeal.subject_officer_id)
    .flatMap((r) => {
      const unit = units.byId(r.unit_id);
      const role = roles.find((x) => x === r.role);
      return unit && role
        ? [{ login: r.login, name: r.full_name, role, unit: { code: unit.code, name: unit.names[language] } }]
        : [];
    });
}
