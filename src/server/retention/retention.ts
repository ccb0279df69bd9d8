import { appealTypes } from '../../contracts/enums.ts';
import {
  type RetentionRun,
  type RetentionSettings,
  type RetentionView,
  retentionSettingsSchema,
} from '../../contracts/retention.schema.ts';
import { writeSetting } from '../admin/admin.repository.ts';
import type { StaffUser } from '../appeals/appeal.policy.ts';
import { findVisibleAppeal } from '../appeals/get-appeal.ts';
import { type Actor, systemActor } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { localDateOf } from '../deadlines/calendar.ts';
import { AppError, FieldValidationError } from '../errors.ts';
import {
  anonymiseAppeals,
  countDue,
  deleteHold,
  insertHold,
  lockForHold,
  RETENTION_SETTING,
  readRetentionSetting,
  takeDue,
} from './retention.repository.ts';
import { mayHold } from './retention-card.ts';

/**
 * The shipped default: personal data are kept 5 years after the final answer, for every type and outcome.
 * ZRU-445 sets no storage term; 5 years follows the archival practice for citizens' appeals of an
 * operational nature (docs/operations.md, "Retention", says where the figure comes from). The ministry
 * must confirm it; administrators change it in the console.
 */
export const DEFAULT_RETENTION: RetentionSettings = { defaultYears: 5, terms: [] };

/** What replaces the applicant's words, names and notes. */
export const ANONYMISED_MARKER = '[anonymised]';

// Appeals per transaction: short transactions, so intake and staff never wait long on the locks.
const BATCH = 200;

/** The terms in force: the stored setting, or the shipped default when none (or an unreadable one) is stored. */
export async function retentionSettings(ctx: Pick<AppContext, 'db'>): Promise<RetentionSettings> {
  const stored = await readRetentionSetting(ctx.db);
  const parsed = retentionSettingsSchema.safeParse(stored?.value);
  return parsed.success ? parsed.data : DEFAULT_RETENTION;
}

/** The retention terms as an administrator sees them. */
export async function getRetention(ctx: AppContext, admin: StaffUser): Promise<RetentionView> {
  if (admin.role !== 'admin') throw new AppError('FORBIDDEN');
  const stored = await readRetentionSetting(ctx.db);
  const parsed = retentionSettingsSchema.safeParse(stored?.value);
  return {
    ...(parsed.success ? parsed.data : DEFAULT_RETENTION),
    updatedAt: parsed.success && stored ? stored.updated_at.toISOString() : null,
    updatedBy: parsed.success && stored ? (stored.login ?? null) : null,
  };
}

/** An administrator sets the terms; audited with the old and new values. */
export async function setRetention(
  ctx: AppContext,
  admin: StaffUser,
  input: RetentionSettings,
): Promise<void> {
  if (admin.role !== 'admin') throw new AppError('FORBIDDEN');
  const seen = new Set<string>();
  input.terms.forEach((term, i) => {
    const key = `${term.type}/${term.outcome}`;
    if (seen.has(key)) throw new FieldValidationError([{ path: `terms.${i}`, key: 'invalid' }]);
    seen.add(key);
  });
  const before = await retentionSettings(ctx);
  const now = ctx.clock.now();
  const value: RetentionSettings = { defaultYears: input.defaultYears, terms: input.terms };
  await ctx.db.transaction().execute(async (tx) => {
    await writeSetting(tx, RETENTION_SETTING, value, admin.id, now);
    await ctx.audit.append(tx, [
      {
        actor: { id: admin.id, label: admin.login },
        action: 'settings.retention',
        targetType: 'setting',
        targetId: RETENTION_SETTING,
        data: { before, after: value },
        at: now,
      },
    ]);
  });
}

function emptyByType(): Record<(typeof appealTypes)[number], number> {
  return Object.fromEntries(appealTypes.map((t) => [t, 0])) as Record<(typeof appealTypes)[number], number>;
}

/** What a run needs: the database, the clock, the audit trail and where attachment files live. */
export type RetentionContext = Pick<AppContext, 'db' | 'clock' | 'audit' | 'files' | 'log'>;

/**
 * Anonymises every closed appeal whose term ended and that is not on hold, in short batches, then writes
 * one audit entry with the counts. A dry run only counts (and writes nothing). Running again finds nothing
 * more to do: anonymised appeals are marked and never taken twice.
 */
export async function runRetention(
  ctx: RetentionContext,
  options: { dryRun?: boolean; actor?: Actor } = {},
): Promise<RetentionRun> {
  const settings = await retentionSettings(ctx);
  const now = ctx.clock.now();
  const byType = emptyByType();
  if (options.dryRun) {
    let skippedForHold = 0;
    for (const row of await countDue(ctx.db, settings, now)) {
      if (row.held) skippedForHold += row.n;
      else byType[row.type] += row.n;
    }
    const anonymised = Object.values(byType).reduce((a, b) => a + b, 0);
    return { dryRun: true, anonymised, byType, skippedForHold, filesDeleted: 0 };
  }
  let anonymised = 0;
  let filesDeleted = 0;
  for (;;) {
    const { taken, files } = await ctx.db.transaction().execute(async (tx) => {
      const due = await takeDue(tx, settings, now, BATCH);
      const fileIds = await anonymiseAppeals(
        tx,
        due.map((d) => d.id),
        ANONYMISED_MARKER,
        now,
      );
      return { taken: due, files: fileIds };
    });
    // The rows are gone with the commit; the bytes follow (a crash, or a store that is down, leaves files
    // nothing points to: logged, and S3 objects are encrypted).
    const deleted = await Promise.all(
      files.map((id) =>
        ctx.files.delete(id).then(
          () => 1,
          () => {
            ctx.log.warn({ attachment: id }, 'An anonymised appeal’s file was not deleted.');
            return 0;
          },
        ),
      ),
    );
    filesDeleted += deleted.reduce((sum: number, n) => sum + n, 0);
    for (const appeal of taken) byType[appeal.type] += 1;
    anonymised += taken.length;
    if (taken.length < BATCH) break;
  }
  const skippedForHold = (await countDue(ctx.db, settings, now))
    .filter((r) => r.held)
    .reduce((sum, r) => sum + r.n, 0);
  const run: RetentionRun = { dryRun: false, anonymised, byType, skippedForHold, filesDeleted };
  await ctx.db.transaction().execute((tx) =>
    ctx.audit.append(tx, [
      {
        actor: options.actor ?? systemActor,
        action: 'retention.run',
        targetType: 'retention',
        targetId: localDateOf(now),
        data: { anonymised, byType, skippedForHold, filesDeleted, settings },
        at: now,
      },
    ]),
  );
  return run;
}

/** Puts an appeal the user can see on legal hold, with a reason; audited. */
export async function placeHold(
  ctx: AppContext,
  user: StaffUser,
  number: string,
  reason: string,
): Promise<void> {
  if (!mayHold(user)) throw new AppError('FORBIDDEN');
  const appeal = await findVisibleAppeal(ctx, user, number);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const locked = await lockForHold(tx, appeal.id);
    if (!locked) throw new AppError('APPEAL_NOT_FOUND');
    if (locked.anonymised) throw new AppError('APPEAL_ANONYMISED');
    if (!(await insertHold(tx, { appealId: appeal.id, reason, userId: user.id, at: now })))
      throw new AppError('APPEAL_ON_HOLD');
    await ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: 'retention.hold',
        targetType: 'appeal',
        targetId: appeal.number,
        data: { reason },
        at: now,
      },
    ]);
  });
}

/** Lifts an appeal's legal hold; audited with the reason it had. */
export async function liftHold(ctx: AppContext, user: StaffUser, number: string): Promise<void> {
  if (!mayHold(user)) throw new AppError('FORBIDDEN');
  const appeal = await findVisibleAppeal(ctx, user, number);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await lockForHold(tx, appeal.id))) throw new AppError('APPEAL_NOT_FOUND');
    const reason = await deleteHold(tx, appeal.id);
    if (reason === undefined) throw new AppError('HOLD_NOT_FOUND');
    await ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: 'retention.unhold',
        targetType: 'appeal',
        targetId: appeal.number,
        data: { reason },
        at: now,
      },
    ]);
  });
}
