import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../http/auth.ts';
import { deleteSessionByHandle, sessionsOf } from './people.repository.ts';
import { SESSION_IDLE_MS } from './sessions.ts';

// A staff member's own sessions, to spot one that is not theirs and end it. Times are cut to the minute and
// the place is a network prefix: enough to recognise a device, not to follow a person.

const toMinute = (at: Date) => new Date(Math.floor(at.getTime() / 60_000) * 60_000).toISOString();

/** The caller's live sessions, the current one marked. */
export async function listOwnSessions(ctx: AppContext, session: Session) {
  const now = ctx.clock.now();
  const rows = await sessionsOf(ctx.db, session.user.id, now);
  return rows
    .filter((row) => now.getTime() - row.last_seen_at.getTime() <= SESSION_IDLE_MS)
    .map((row) => ({
      id: row.handle,
      device: row.device_summary,
      network: row.network,
      startedAt: toMinute(row.created_at),
      lastActiveAt: toMinute(row.last_seen_at),
      current: row.handle === session.handle,
    }));
}

/** Ends one of the caller's sessions: its cookie stops working at once. */
export async function endOwnSession(ctx: AppContext, session: Session, handle: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await deleteSessionByHandle(tx, session.user.id, handle))) throw new AppError('SESSION_NOT_FOUND');
    await ctx.audit.append(tx, [
      {
        actor: { id: session.user.id, label: session.user.login },
        action: 'auth.session_ended',
        targetType: 'user',
        targetId: String(session.user.id),
        data: { session: handle, own: handle === session.handle },
        at: now,
      },
    ]);
  });
}
