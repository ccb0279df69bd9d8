// Reads a server process's memory through the V8 inspector protocol (the process is started with
// `--inspect=127.0.0.1:<port>`): a full garbage collection first, then `process.memoryUsage()`. What is
// left after a collection is what the process keeps; RSS alone also counts garbage not yet collected and
// memory the allocator has not handed back, which grows for minutes under load without any leak.

export interface MemoryAfterGc {
  /** JavaScript objects still reachable, MB. */
  heapUsedMb: number;
  /** Memory held by C++ objects bound to JavaScript ones (buffers included), MB. */
  externalMb: number;
  rssMb: number;
}

export interface Inspector {
  memoryAfterGc(): Promise<MemoryAfterGc>;
  close(): void;
}

/** Connects to the first target the inspector at `port` lists. */
export async function connectInspector(port: number): Promise<Inspector> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
    webSocketDebuggerUrl: string;
  }>;
  const address = targets[0]?.webSocketDebuggerUrl;
  if (!address) throw new Error(`no inspector target on port ${port}`);
  const socket = new WebSocket(address);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error(`inspector on port ${port} refused`)), {
      once: true,
    });
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (e: Error) => void }>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
    };
    const call = message.id === undefined ? undefined : waiting.get(message.id);
    if (!call || message.id === undefined) return;
    waiting.delete(message.id);
    if (message.error) call.reject(new Error(message.error.message));
    else call.resolve(message.result);
  });
  const send = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  return {
    async memoryAfterGc() {
      await send('HeapProfiler.collectGarbage');
      const answer = (await send('Runtime.evaluate', {
        expression: 'JSON.stringify(process.memoryUsage())',
        returnByValue: true,
      })) as { result: { value: string } };
      const usage = JSON.parse(answer.result.value) as NodeJS.MemoryUsage;
      return { heapUsedMb: mb(usage.heapUsed), externalMb: mb(usage.external), rssMb: mb(usage.rss) };
    },
    close() {
      socket.close();
    },
  };
}
