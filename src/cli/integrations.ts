import { parseArgs } from 'node:util';
import { integrationInputSchema, integrationScopes } from '../contracts/integrations.schema.ts';
import { AppError } from '../server/errors.ts';
import {
  createIntegration,
  listIntegrations,
  revokeIntegration,
} from '../server/integrations/integration-keys.ts';
import { DataProtector } from '../server/security/data-protector.ts';
import { loadKeyring } from '../server/security/keyring.ts';
import { withDatabase } from './cli-database.ts';
import type { CommandIo } from './main.ts';

const usage = `usage: murojaat integrations create --name NAME --scopes SCOPE[,SCOPE…]
       murojaat integrations list
       murojaat integrations revoke ID

  create  issues an API key to another system and prints it once (only its hash is kept)
  list    the keys issued: id, name, start of the key, scopes, last use, revoked or not
  revoke  refuses every later call with that key

  scopes: ${integrationScopes.join(', ')}
`;

const cli = { id: null, label: 'cli' };

/** `murojaat integrations create|list|revoke`: API keys of other systems, from the command line. */
export async function runIntegrations(args: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  let values: { name?: string | undefined; scopes?: string | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      options: { name: { type: 'string' }, scopes: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if (sub === 'create') {
    const parsed = integrationInputSchema.safeParse({
      name: values.name ?? '',
      scopes: (values.scopes ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    });
    if (!parsed.success || positionals.length > 0) {
      io.stderr.write(`--name (2–120 characters) and --scopes are required.\n${usage}`);
      return 2;
    }
    return withDatabase(io, async ({ db }, config, audit) => {
      const { keyring } = await loadKeyring(config.keys);
      const issued = await createIntegration({
        db,
        protector: new DataProtector(keyring),
        audit,
        actor: cli,
        input: parsed.data,
        now: new Date(),
      });
      io.stdout.write(
        `Created integration ${issued.id} "${issued.name}" (${issued.scopes.join(', ')}).\n` +
          `API key (shown once, keep it secret): ${issued.key}\n` +
          `Signing secret (shown once, keep it secret): ${issued.signingSecret}\n`,
      );
      return 0;
    });
  }
  if (sub === 'list' && positionals.length === 0) {
    return withDatabase(io, async ({ db }) => {
      const rows = await listIntegrations(db);
      if (rows.length === 0) io.stdout.write('No integrations.\n');
      for (const r of rows) {
        const state = r.revokedAt ? `revoked ${r.revokedAt}` : 'active';
        io.stdout.write(
          `${r.id}\t${r.name}\t${r.keyStart}…\t${r.scopes.join(',')}\tlast used ${r.lastUsedAt ?? 'never'}\t${state}\n`,
        );
      }
      return 0;
    });
  }
  const id = Number(positionals[0]);
  if (sub === 'revoke' && positionals.length === 1 && Number.isInteger(id) && id > 0) {
    return withDatabase(io, async ({ db }, _config, audit) => {
      try {
        const result = await revokeIntegration({ db, audit, actor: cli, id, now: new Date() });
        io.stdout.write(
          result.alreadyRevoked
            ? `Integration ${id} "${result.name}" was already revoked.\n`
            : `Revoked integration ${id} "${result.name}": its key is refused from now on.\n`,
        );
        return 0;
      } catch (error) {
        if (error instanceof AppError && error.code === 'INTEGRATION_NOT_FOUND') {
          io.stderr.write(`No integration with id ${id}.\n`);
          return 1;
        }
        throw error;
      }
    });
  }
  io.stderr.write(usage);
  return 2;
}
