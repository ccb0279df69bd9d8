import type { TrackInput } from '../../contracts/appeal.schema.ts';
import type { AttachmentView } from '../../contracts/console.schema.ts';
import { limits } from '../../contracts/limits.ts';
import type { StaffUser } from '../appeals/appeal.policy.ts';
import { latestDraft } from '../appeals/appeal-actions.ts';
import { roleMayTake } from '../appeals/appeal-lifecycle.ts';
import { lockById } from '../appeals/appeals.repository.ts';
import { discardAttachments, type StoredAttachment } from '../appeals/attachments.ts';
import { findVisibleAppeal } from '../appeals/get-appeal.ts';
import { findOwnAppeal } from '../appeals/track-appeal.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { previewOf } from './appeal-extras.ts';
import {
  approvedAnswerFile,
  countAnswerFiles,
  insertAttachments,
  removeAnswerFile,
} from './casework.repository.ts';

// Files that go out with the answer: the executor attaches them to the draft, the head sees them when
// approving, and once approved the applicant downloads them with the appeal's number and access code.

/** The answer draft awaiting the head's decision, locked with its appeal. */
async function lockedDraft(tx: Db, appealId: number) {
  const appeal = await lockById(tx, appealId);
  if (appeal?.status !== 'answer_drafted') throw new AppError('INVALID_TRANSITION');
  const draft = await latestDraft(tx, appealId, 'answer');
  return { appeal, draftId: draft.id };
}

function mayEditAnswer(user: StaffUser): void {
  if (!roleMayTake('draft_answer', user.role)) throw new AppError('FORBIDDEN');
}

/** Ties uploaded files to the appeal's answer draft; the files are removed again if that fails. */
export async function attachToDraftAnswer(
  ctx: AppContext,
  user: StaffUser,
  number: string,
  files: StoredAttachment[],
): Promise<AttachmentView[]> {
  try {
    mayEditAnswer(user);
    const visible = await findVisibleAppeal(ctx, user, number);
    if (files.length === 0) throw new AppError('MALFORMED_REQUEST');
    const now = ctx.clock.now();
    await ctx.db.transaction().execute(async (tx) => {
      const { appeal, draftId } = await lockedDraft(tx, visible.id);
      const held = await countAnswerFiles(tx, draftId);
      if (held + files.length > limits.attachmentsMaxCount) throw new AppError('TOO_MANY_ATTACHMENTS');
      await insertAttachments(
        tx,
        files.map((f) => ({
          id: f.id,
          appeal_id: appeal.id,
          answer_id: draftId,
          filename: f.filename,
          mime: f.mime,
          size: f.size,
          sha256: f.sha256,
          reencoded: f.reencoded,
          sealed_key_id: f.sealedKeyId,
          created_at: now,
        })),
      );
      await ctx.audit.append(tx, [
        {
          actor: { id: user.id, label: user.login },
          action: 'answer.attach_files',
          targetType: 'appeal',
          targetId: appeal.number,
          data: { answer: draftId, files: files.map((f) => ({ id: f.id, mime: f.mime, size: f.size })) },
          at: now,
        },
      ]);
    });
    return files.map((f) => ({
      id: f.id,
      answerId: null,
      filename: f.filename,
      mime: f.mime,
      size: f.size,
      preview: previewOf(f),
    }));
  } catch (error) {
    await discardAttachments(ctx.files, files);
    throw error;
  }
}

/** Takes a file off the answer draft (only while it is a draft) and deletes its bytes. */
export async function removeFromDraftAnswer(
  ctx: AppContext,
  user: StaffUser,
  number: string,
  id: string,
): Promise<void> {
  mayEditAnswer(user);
  const visible = await findVisibleAppeal(ctx, user, number);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const { appeal, draftId } = await lockedDraft(tx, visible.id);
    if (!(await removeAnswerFile(tx, draftId, id))) throw new AppError('NOT_FOUND');
    await ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: 'answer.remove_file',
        targetType: 'appeal',
        targetId: appeal.number,
        data: { answer: draftId, file: id },
        at: now,
      },
    ]);
  });
  await discardAttachments(ctx.files, [{ id }]);
}

/** A file of the approved answer, for the applicant who holds the number and access code. */
export async function openAnswerFile(
  ctx: AppContext,
  pass: TrackInput,
  id: string,
): Promise<{ filename: string; mime: string; size: number; content: Buffer }> {
  const appeal = await findOwnAppeal(ctx, pass);
  const file = await approvedAnswerFile(ctx.db, appeal.id, id);
  if (!file) throw new AppError('NOT_FOUND');
  return {
    filename: file.filename,
    mime: file.mime,
    size: file.size,
    content: await ctx.files.get(file.id),
  };
}
