import { parseArgs } from 'node:util';
import { roles } from '../contracts/enums.ts';
import { type AuditVerification, describeProblem } from '../server/audit/audit-chain.ts';
import {
  checkpointFile,
  signCheckpoint,
  verifyAuditLog,
  writeCheckpoint,
} from '../server/audit/audit-checkpoints.ts';
import { AppError, FieldValidationError } from '../server/errors.ts';
import { createUserInUnit } from '../server/people/accounts.ts';
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
  return withDatabase(io, async ({ db }, _config, audit) => {
    try {
      const created = await createUserInUnit(db, {
        login: values.login ?? '',
        role,
        unitCode: values.unit ?? '',
        fullName: values.name,
        scopeSubtree: values.subtree,
        password,
        actor: { id: null, label: 'cli' },
        now: new Date(),
        audit,
      });
      io.stdout.write(`Created ${values.login?.toLowerCase()} (${role}, ${created.unit.code}).\n`);
      if (password === undefined) io.stdout.write(`One-time password: ${created.password}\n`);
      return 0;
    } catch (error) {
      if (error instanceof AppError && error.code === 'UNIT_NOT_FOUND') {
        io.stderr.write(
          `No unit with code ${values.unit}. Unit codes look like IIV, IIV-1726, IIV-1726266-APP.\n`,
        );
        return 1;
      }
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

const auditUsage = `usage: murojaat audit verify [--checkpoints FILE]...
       murojaat audit checkpoint

  verify      recomputes the keyed chain and compares it with the checkpoints in DATA_DIR and in each
              FILE (a copy kept elsewhere, or the server's log); names every edited or missing row
  checkpoint  verifies, then prints a signed checkpoint of the chain (also added to DATA_DIR's file)
              for an operator to keep apart from the server
`;

/** `murojaat audit verify|checkpoint`: checks the audit chain and names what broke and where. */
export async function runAudit(args: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  let files: string[];
  try {
    const { values } = parseArgs({
      args: rest,
      options: { checkpoints: { type: 'string', multiple: true } },
      strict: true,
    });
    files = values.checkpoints ?? [];
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${auditUsage}`);
    return 2;
  }
  if (sub !== 'verify' && sub !== 'checkpoint') {
    io.stderr.write(auditUsage);
    return 2;
  }
  return withDatabase(io, async ({ db }, config, audit) => {
    const result = await verifyAuditLog({ db, key: audit.key, dataDir: config.dataDir, otherFiles: files });
    if (!result.ok) {
      io.stdout.write(
        `Audit log BROKEN: ${result.problems.length} problem(s) in ${result.checked} entries${details(result)}.\n`,
      );
      for (const problem of result.problems) io.stdout.write(`  ${describeProblem(problem)}\n`);
      return 1;
    }
    if (sub === 'verify') {
      io.stdout.write(`Audit log intact: ${result.checked} entries verified${details(result)}.\n`);
      if (result.checkpoints.valid === 0) {
        io.stderr.write(
          `warning: no checkpoints in ${checkpointFile(config.dataDir)}${files.length > 0 ? ' or the files given' : ''}: ` +
            'a log cut short or rebuilt could not be told from an intact one ' +
            '(docs/decisions/0003-audit-integrity.md).\n',
        );
      }
      return 0;
    }
    if (!result.head) {
      io.stderr.write('The audit log is empty: nothing to checkpoint.\n');
      return 1;
    }
    const checkpoint = signCheckpoint(audit.key, {
      entries: result.checked,
      lastId: result.head.id,
      headHash: result.head.hash,
      keyedFrom: result.keyedFrom ?? 0,
      at: new Date().toISOString(),
    });
    io.stdout.write(`${await writeCheckpoint(config.dataDir, checkpoint)}\n`);
    return 0;
  });
}

function details(result: AuditVerification): string {
  const parts: string[] = [];
  if (result.keyedFrom !== null) parts.push(`keyed from row ${result.keyedFrom}`);
  const newest = result.checkpoints.newest;
  if (newest) {
    parts.push(
      `${result.checkpoints.valid} checkpoint(s), the newest of ${newest.at} with ${newest.entries} entries`,
    );
  }
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}
