import { unsupportedNode } from '../server/node-runtime.ts';
import { runNlp } from './nlp.ts';
import { runAudit, runUsers } from './staff-commands.ts';

/** Standard streams a command reads and writes; tests pass their own. */
export interface CommandIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const usage = `murojaat <command>

  nlp …        language tools: train, predict, eval, langid, translit, duplicates
  users …      staff accounts: create
  audit …      audit log: verify
  channels …   notice channels: report-url (where the SMS gateway reports delivery)
  integrations …  API keys of other systems: create, list, revoke
  keys …       data keys: rotate (a new key, personal fields re-encrypted in the background), status
  seed …       generate realistic appeals for development and benchmarks
  import …     bring historic appeals in from a spreadsheet: --file F --mapping M [--dry-run]
  analytics …  trends and alerts: detect (surges of appeals per territory × category)
  reports …    scheduled monthly reports: run [--month YYYY-MM]
  migrate      apply pending migrations as the owner role, then exit (the first step of an upgrade)
  retention …  anonymise appeals whose retention term ended: run [--dry-run]
  backup --out FILE   a consistent backup of the database and attachments (also while the server runs)
  restore FILE        a backup into an empty DATA_DIR or DATABASE_URL (the data key put back first)
`;

const processIo: CommandIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

/** Runs one command line and returns the process exit code. */
export async function main(argv: string[], io: CommandIo = processIo): Promise<number> {
  const refusal = unsupportedNode(process.versions.node);
  if (refusal) {
    io.stderr.write(`${refusal}\n`);
    return 2;
  }
  const [command, ...rest] = argv;
  switch (command) {
    case 'nlp':
      return runNlp(rest, io);
    case 'users':
      return runUsers(rest, io);
    case 'audit':
      return runAudit(rest, io);
    case 'channels':
      return (await import('./channels.ts')).runChannels(rest, io);
    case 'integrations':
      return (await import('./integrations.ts')).runIntegrations(rest, io);
    case 'keys':
      return (await import('./keys.ts')).runKeys(rest, io);
    case 'analytics':
      return (await import('./analytics.ts')).runAnalytics(rest, io);
    case 'reports':
      return (await import('./reports.ts')).runReports(rest, io);
    case 'retention':
      return (await import('./retention.ts')).runRetentionCommand(rest, io);
    case 'backup':
      return (await import('./backup.ts')).runBackup(rest, io);
    case 'restore':
      return (await import('./backup.ts')).runRestore(rest, io);
    case 'seed':
      return (await import('./seed.ts')).runSeed(rest, io);
    case 'import':
      return (await import('./import.ts')).runImport(rest, io);
    case 'migrate':
      return (await import('./migrate.ts')).runMigrate(rest, io);
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.stdout.write(usage);
      return command === undefined ? 2 : 0;
    default:
      io.stderr.write(`murojaat: unknown command "${command}"\n\n${usage}`);
      return 2;
  }
}
