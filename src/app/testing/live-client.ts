import type { Role } from '../../contracts/enums.ts';
import type { TestSystem } from './test-system.ts';

/** One Server-Sent Event as a staff member's browser receives it. */
export interface ReceivedEvent {
  event: string;
  data: unknown;
}

/** A signed-in staff member listening to the live stream over real HTTP. */
export interface LiveListener {
  events: ReceivedEvent[];
  cookie: string;
  csrf: string;
  ended(): boolean;
  close(): Promise<void>;
}

/**
 * Creates a staff account, signs it in over HTTP at `base` (from `t.listen()`) and opens `/api/v1/live`,
 * collecting every event until closed.
 */
export async function listenLive(
  t: TestSystem,
  base: string,
  account: { login: string; role: Role; unit: string; subtree?: boolean },
): Promise<LiveListener> {
  const { login } = account;
  await t.staff(login, account.role, account.unit, { scopeSubtree: account.subtree ?? false });
  const signIn = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: `pw-${login}-long-enough` }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken;
  const controller = new AbortController();
  const response = await fetch(`${base}/api/v1/live`, { headers: { cookie }, signal: controller.signal });
  if (!/text\/event-stream/.test(response.headers.get('content-type') ?? ''))
    throw new Error(`not an event stream: ${response.status}`);
  const events: ReceivedEvent[] = [];
  let ended = false;
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pump = (async () => {
    try {
      while (reader) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let split = buffer.indexOf('\n\n');
        while (split >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
          split = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // The test closed the stream.
    }
    ended = true;
  })();
  return {
    events,
    cookie,
    csrf,
    ended: () => ended,
    close: async () => {
      controller.abort();
      await pump;
    },
  };
}

/** Waits until `check` holds, polling every 25 ms; throws after `ms`. */
export async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
