import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

/** A free loopback TCP port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resident memory of a process in MB (0 once it has gone). */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}

/** A child process we started, with its output kept for error messages. */
export interface Started {
  child: ChildProcess;
  pid: number;
  url: string;
  output(): string;
  /** Asks it to stop (SIGTERM) and waits; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** Kills it at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

/** Spawns `node --import tsx <script>` with `env` and waits until `GET <url>/readyz`-like probe answers. */
export async function startNode(options: {
  script: string;
  env: NodeJS.ProcessEnv;
  port: number;
  readyPath?: string;
  timeoutMs?: number;
  cwd?: string;
  /** Flags for this process's Node.js, before BENCH_NODE_ARGS (e.g. `--inspect=127.0.0.1:9300`). */
  nodeArgs?: string[];
}): Promise<Started> {
  // BENCH_NODE_ARGS adds flags to the server processes only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  // to see where a figure's time goes (NODE_OPTIONS refuses --cpu-prof).
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), ...extra, '--import', 'tsx', options.script],
    {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 200));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${options.port}`;
  const pid = child.pid ?? 0;
  const started: Started = {
    child,
    pid,
    url,
    output: () => lines.join('\n'),
    exited,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${options.script} exited while starting:\n${started.output()}`);
    try {
      const response = await fetch(`${url}${options.readyPath ?? '/readyz'}`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (response.ok) return started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  await started.kill();
  throw new Error(`${options.script} did not become ready:\n${started.output()}`);
}

/** Percentile of a sample (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

/** Rounds to one decimal for the results file. */
export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
