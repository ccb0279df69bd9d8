import { writeSetting } from '../admin/admin.repository.ts';
import type { StaffUser } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import { autoRouteThreshold } from '../routing/starting-route.ts';

/** Triage's settings as in force: the confidence above which appeals are routed automatically. */
export function triageSettings(ctx: AppContext): { autoRouteThreshold: number } {
  return { autoRouteThreshold: autoRouteThreshold(ctx.reference().settings) };
}

/** An administrator sets the automatic routing threshold; audited, and in force once the reference reloads. */
export async function setAutoRouteThreshold(
  ctx: AppContext,
  admin: StaffUser,
  threshold: number,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await writeSetting(tx, 'triage.autoRouteThreshold', threshold, admin.id, now);
    await ctx.audit.append(tx, [
      {
        actor: { id: admin.id, label: admin.login },
        action: 'settings.update',
        targetType: 'setting',
        targetId: 'triage.autoRouteThreshold',
        data: { value: threshold },
        at: now,
      },
    ]);
  });
  await ctx.reloadReference();
}
