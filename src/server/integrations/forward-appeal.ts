import { createHash } from 'node:crypto';
import {
  type ForwardedAppeal,
  type ForwardedAppealInput,
  forwardedMaxAgeDays,
} from '../../contracts/forwarded-appeal.schema.ts';
import { parseStatus } from '../appeals/appeal.presenter.ts';
import { registerAppeal } from '../appeals/register-appeal.ts';
import type { AppContext } from '../context.ts';
import { endOfDay } from '../deadlines/calendar.ts';
import { AppError, FieldValidationError } from '../errors.ts';
import { findForwardedAppeal, insertForwardedAppeal } from './forwarded-appeals.repository.ts';
import type { AuthenticatedIntegration } from './integration-keys.ts';

// Another system (the President's Virtual Reception, another body's system) forwards an appeal it received:
// registered through the ordinary registration on the `virtual_reception` channel, its legal clock running from
// the date the sender received it, once per (source, external id) however often it is sent.

/** A forwarded appeal, and whether this request registered it (false: a repeat found the earlier one). */
export interface ForwardResult {
  appeal: ForwardedAppeal;
  created: boolean;
}

const sealContext = (number: string) => `forwarded-access-code:${number}`;

/** JSON with object keys sorted at every level, so that the same content always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** What tells a repeat from a different appeal under the same ids: the validated fields, the date as an instant. */
function bodyHashOf(input: ForwardedAppealInput): Buffer {
  const canonical = canonicalJson({ ...input, receivedAt: new Date(input.receivedAt).toISOString() });
  return createHash('sha256').update(canonical, 'utf8').digest();
}

function isForwardedIdTaken(error: unknown): boolean {
  return (
    error instanceof Error &&
    'code' in error &&
    error.code === '23505' &&
    'constraint' in error &&
    error.constraint === 'forwarded_appeals_pkey'
  );
}

/** The earlier appeal under these ids, or FORWARDED_APPEAL_CONFLICT when it was sent with other content. */
async function findEarlier(
  ctx: AppContext,
  integration: AuthenticatedIntegration,
  input: ForwardedAppealInput,
  bodyHash: Buffer,
): Promise<ForwardedAppeal | undefined> {
  const row = await findForwardedAppeal(ctx.db, input.source, input.externalId);
  if (!row) return undefined;
  if (!row.body_hash.equals(bodyHash)) throw new AppError('FORWARDED_APPEAL_CONFLICT');
  const code =
    integration.scopes.includes('personal-data') && row.access_code_enc
      ? ctx.protector.open(row.access_code_enc, sealContext(row.number))
      : undefined;
  return {
    number: row.number,
    status: parseStatus(row.status),
    source: row.source,
    externalId: row.external_id,
    receivedAt: row.external_received_at.toISOString(),
    dueAt: endOfDay(row.due_on).toISOString(),
    ...(typeof code === 'string' ? { accessCode: code } : {}),
  };
}

/**
 * Registers an appeal forwarded by an integration allowed `appeals:forward`, or finds the one these ids
 * registered before. The access code goes out only to a key also allowed `personal-data`.
 */
export async function forwardAppeal({
  ctx,
  integration,
  input,
}: {
  ctx: AppContext;
  integration: AuthenticatedIntegration;
  input: ForwardedAppealInput;
}): Promise<ForwardResult> {
  const bodyHash = bodyHashOf(input);
  const earlier = await findEarlier(ctx, integration, input, bodyHash);
  if (earlier) return { appeal: earlier, created: false };

  const now = ctx.clock.now();
  const receivedAt = new Date(input.receivedAt);
  if (now.getTime() - receivedAt.getTime() > forwardedMaxAgeDays * 86_400_000)
    throw new FieldValidationError([{ path: 'receivedAt', key: 'invalid' }]);
  const personalData = integration.scopes.includes('personal-data');
  const { source, externalId, receivedAt: _received, ...appeal } = input;
  try {
    const registered = await registerAppeal({
      ctx,
      channel: 'virtual_reception',
      integrationId: integration.id,
      input: appeal,
      forwarded: {
        source,
        externalId,
        receivedAt,
        integrationName: integration.name,
        record: (tx, written, accessCode) =>
          insertForwardedAppeal(tx, {
            source,
            externalId,
            appealId: written.id,
            integrationId: integration.id,
            bodyHash,
            // Kept only for a key that may be told it, so that a retry after a lost answer is told it too.
            accessCodeEnc: personalData ? ctx.protector.seal(accessCode, sealContext(written.number)) : null,
            receivedAt,
            now,
          }),
      },
    });
    return {
      created: true,
      appeal: {
        number: registered.number,
        status: registered.status,
        source,
        externalId,
        receivedAt: registered.receivedAt,
        dueAt: registered.dueAt,
        ...(personalData ? { accessCode: registered.accessCode } : {}),
      },
    };
  } catch (error) {
    // The same appeal sent twice at once: the one that lost the race answers with the one that won.
    if (!isForwardedIdTaken(error)) throw error;
    const winner = await findEarlier(ctx, integration, input, bodyHash);
    if (!winner) throw error;
    return { appeal: winner, created: false };
  }
}
