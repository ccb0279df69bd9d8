import { parseArgs } from 'node:util';
import { roles } from '../contracts/enums.ts';
import { verifyAudit } from '../server/audit/audit.ts';
import { AppError, FieldValidationError } from '../server/errors.ts';
import { createUser } from '../server/people/accounts.ts';
import { withDatabase } from './cli-database.ts';
import type { CommandIo } from './main.ts';

async function readStdin(io: CommandIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** `murojaat users create --login L --role R --unit U [--name N] [--subtree] [--password-stdin]` */
export async function runUsers(args: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'create') {
    io.stderr.write(
      'usage: murojaat users create --login L --role R --unit U [--name N] [--subtree] [--password-stdin]\n',
    );
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      login: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
      name: { type: 'string' },
      subtree: { type: 'boolean', default: false },
      'password-stdin': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const role = roles.find((r) => r === values.role);
  if (!values.login || !role || !values.unit) {
    io.stderr.write(`--login, --role (${roles.join(', ')}) and --unit are required\n`);
    return 2;
  }
  const password = values['password-stdin'] ? await readStdin(io) : undefined;
  return withDatabase(io, async ({ db }) => {
    const unit = await db
      .selectFrom('units')
      .select(['id', 'code'])
      .where('code', '=', values.unit ?? '')
      .executeTakeFirst();
    if (!unit) {
      io.stderr.write(
        `No unit with code ${values.unit}. Unit codes look like IIV, IIV-1726, IIV-1726266-APP.\n`,
      );
      return 1;
    }
    try {
      const created = await createUser(db, {
        login: values.login ?? '',
        role,
        unitId: unit.id,
        fullName: values.name,
        scopeSubtree: values.subtree,
        password,
        actor: { id: null, label: 'cli' },
        now: new Date(),
      });
      io.stdout.write(`Created ${values.login?.toLowerCase()} (${role}, ${unit.code}).\n`);
      if (password === undefined) io.stdout.write(`One-time password: ${created.password}\n`);
      return 0;
    } catch (error) {
      if (error instanceof AppError || error instanceof FieldValidationError) {
        io.stderr.write(
          `Not created: ${error instanceof AppError ? error.code : 'invalid login (3–60 of a-z 0-9 . _ -)'}\n`,
        );
        return 1;
      }
      throw error;
    }
  });
}

/** `murojaat audit verify`: recomputes the hash chain and names every edited or missing row. */
export async function runAudit(args: string[], io: CommandIo): Promise<number> {
  if (args[0] !== 'verify') {
    io.stderr.write('usage: murojaat audit verify\n');
    return 2;
  }
  return withDatabase(io, async ({ db }) => {
    const result = await verifyAudit(db);
    if (result.ok) {
      io.stdout.write(`Audit log intact: ${result.checked} entries verified.\n`);
      return 0;
    }
    io.stdout.write(`Audit log BROKEN: ${result.problems.length} problem(s) in ${result.checked} entries.\n`);
    for (const p of result.problems) {
      const text =
        p.problem === 'edited'
          ? 'row was edited (hash mismatch)'
          : p.problem === 'chain_broken'
            ? 'link to the previous row broken (a row before it was deleted or edited)'
            : 'newest rows were removed (chain ends before the anchor)';
      io.stdout.write(`  entry ${p.id}: ${text}\n`);
    }
    return 1;
  });
}
