import { PassThrough, Readable } from 'node:stream';
import { main } from '../../cli/main.ts';

/** What points a `murojaat` command at a system: cleared around a run, so only the given values count. */
export const COMMAND_POINTERS = [
  'DATABASE_URL',
  'DATABASE_MIGRATION_URL',
  'DATABASE_REPLICA_URL',
  'DATA_DIR',
  'MUROJAAT_DATA_KEY',
  'MUROJAAT_DATA_KEYS',
  'MUROJAAT_DATA_KEY_COMMAND',
  'S3_URL',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
] as const;

/**
 * Runs `murojaat …` in this process (the command line's own code path, without a process start per case) with
 * only `env` pointing it somewhere; the test process's environment is put back afterwards.
 */
export async function murojaatInProcess(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number; out: string; err: string }> {
  const saved = Object.fromEntries(COMMAND_POINTERS.map((name) => [name, process.env[name]]));
  for (const name of COMMAND_POINTERS) delete process.env[name];
  for (const [name, value] of Object.entries(env)) if (value !== undefined) process.env[name] = value;
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => {
    out += String(chunk);
  });
  stderr.on('data', (chunk) => {
    err += String(chunk);
  });
  try {
    const code = await main(args, { stdin: Readable.from([]), stdout, stderr });
    return { code, out, err };
  } finally {
    for (const name of COMMAND_POINTERS) {
      const value = saved[name];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
