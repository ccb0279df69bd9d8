import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A Telegram Bot API server on loopback for tests: it speaks the HTTP methods the bot uses, with the same
// URLs (/bot<token>/<method>, /file/bot<token>/<path>), bodies (JSON, or multipart when a file is sent) and
// answers ({ ok, result } or { ok: false, error_code, description }) as Telegram's. A test plays the people:
// it queues their updates (messages, contacts, photos, button presses) and reads what the bot sent them.

/** One call the bot made, with its parameters (a sent file as its name and bytes). */
export interface BotCall {
  method: string;
  params: Record<string, unknown>;
  files: Record<string, { filename: string; content: Buffer }>;
}

/** A person in a private chat with the bot (the chat id is the user id, as in Telegram). */
export interface FakeUser {
  id: number;
  firstName: string;
}

interface Waiter {
  offset: number;
  resolve: (updates: unknown[]) => void;
}

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Reads a multipart/form-data body into its fields and files. */
function parseMultipart(body: Buffer, boundary: string): Pick<BotCall, 'params' | 'files'> {
  const params: Record<string, unknown> = {};
  const files: BotCall['files'] = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    // Each part: CRLF, headers, a blank line, the content, CRLF before the next delimiter.
    const part = body.subarray(partStart + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const content = part.subarray(headerEnd + 4);
    const name = /name="([^"]+)"/i.exec(headers)?.[1];
    const filename = /filename="?([^";\r\n]+)"?/i.exec(headers)?.[1];
    if (name && filename) files[name] = { filename, content: Buffer.from(content) };
    else if (name) params[name] = content.toString('utf8');
    start = next;
  }
  return { params, files };
}

/** The fake server; `url` is what TELEGRAM_API_ROOT names. */
export class FakeBotApi {
  readonly token: string;
  readonly calls: BotCall[] = [];
  readonly #server: Server;
  readonly #updates: { update_id: number }[] = [];
  readonly #files = new Map<string, Buffer>();
  #waiter: Waiter | undefined;
  #nextUpdateId = 1000;
  #nextMessageId = 1;
  #listeners: (() => void)[] = [];
  url = '';

  constructor(token = '123456:TEST-token_for-the-fake') {
    this.token = token;
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        json(response, 500, { ok: false, error_code: 500, description: String(error) });
      });
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.#waiter?.resolve([]);
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Updates queued and not yet confirmed by a getUpdates with a higher offset. */
  get pending(): number {
    return this.#updates.length;
  }

  /** The person sends a text message. */
  sendText(user: FakeUser, text: string): number {
    return this.#push({ message: { ...this.#message(user), text } });
  }

  /** The person presses the button of Telegram's contact keyboard (their own number unless told otherwise). */
  sendContact(user: FakeUser, phone: string, ownerId = user.id): number {
    return this.#push({
      message: {
        ...this.#message(user),
        contact: { phone_number: phone, first_name: user.firstName, user_id: ownerId },
      },
    });
  }

  /** The person sends a photo; the bot can fetch its bytes with getFile. */
  sendPhoto(user: FakeUser, content: Buffer, caption?: string): number {
    const fileId = `photo-${this.#files.size + 1}`;
    this.#files.set(fileId, content);
    const size = {
      file_id: fileId,
      file_unique_id: `u-${fileId}`,
      width: 8,
      height: 8,
      file_size: content.length,
    };
    return this.#push({
      message: { ...this.#message(user), photo: [size], ...(caption ? { caption } : {}) },
    });
  }

  /** The person presses an inline button carrying `data`. */
  pressButton(user: FakeUser, data: string): number {
    return this.#push({
      callback_query: {
        id: `cb-${this.#nextUpdateId}`,
        from: { id: user.id, is_bot: false, first_name: user.firstName },
        chat_instance: `ci-${user.id}`,
        message: { message_id: 1, date: 0, chat: { id: user.id, type: 'private' } },
        data,
      },
    });
  }

  /** What the bot said to a chat, in order (messages and documents). */
  sentTo(chatId: number): BotCall[] {
    return this.calls.filter(
      (c) =>
        (c.method === 'sendMessage' || c.method === 'sendDocument') &&
        String(c.params.chat_id) === String(chatId),
    );
  }

  /** Resolves once `check` holds of the calls so far (checked after each call), or fails after `ms`. */
  async waitFor<T>(check: (calls: BotCall[]) => T | undefined | false, ms = 10_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = check(this.calls);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `fake Bot API: waited ${ms} ms; calls: ${this.calls.map((c) => c.method).join(', ')}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#listeners.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until the bot has confirmed every queued update (it asked for a later offset). */
  async waitUntilConsumed(ms = 10_000): Promise<void> {
    await this.waitFor(
      () => this.#updates.length === 0 && this.calls.some((c) => c.method === 'getUpdates'),
      ms,
    );
  }

  #message(user: FakeUser) {
    return {
      message_id: this.#nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: user.id, type: 'private', first_name: user.firstName },
      from: { id: user.id, is_bot: false, first_name: user.firstName },
    };
  }

  #push(update: Record<string, unknown>): number {
    const update_id = this.#nextUpdateId++;
    this.#updates.push({ update_id, ...update });
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = undefined;
      waiter.resolve(this.#confirmAndTake(waiter.offset));
    }
    return update_id;
  }

  /** Telegram forgets updates below the offset the bot asks for: that is how it confirms them. */
  #confirmAndTake(offset: number): unknown[] {
    while ((this.#updates[0]?.update_id ?? Number.POSITIVE_INFINITY) < offset) this.#updates.shift();
    return [...this.#updates];
  }

  #record(call: BotCall): void {
    this.calls.push(call);
    const listeners = this.#listeners;
    this.#listeners = [];
    for (const listener of listeners) listener();
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const filePrefix = `/file/bot${this.token}/`;
    if (url.pathname.startsWith(filePrefix)) {
      const content = this.#files.get(decodeURIComponent(url.pathname.slice(filePrefix.length)));
      if (!content) return json(response, 404, { ok: false, error_code: 404, description: 'Not Found' });
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(content);
      return;
    }
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!match || match[1] !== this.token)
      return json(response, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2] ?? '';
    const body = await readBody(request);
    const type = request.headers['content-type'] ?? '';
    const boundary = /boundary=(.+)$/.exec(type)?.[1];
    const { params, files } = boundary
      ? parseMultipart(body, boundary)
      : {
          params: body.length > 0 ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {},
          files: {},
        };
    if (method !== 'getUpdates') this.#record({ method, params, files });
    const ok = (result: unknown) => json(response, 200, { ok: true, result });
    switch (method) {
      case 'getMe':
        return ok({ id: 42, is_bot: true, first_name: 'Murojaat', username: 'murojaat_test_bot' });
      case 'deleteWebhook':
      case 'setWebhook':
      case 'answerCallbackQuery':
        return ok(true);
      case 'getUpdates':
        return this.#getUpdates(params, ok, response);
      case 'sendMessage':
      case 'sendDocument':
        return ok({
          message_id: this.#nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(params.chat_id), type: 'private' },
          ...(method === 'sendMessage' ? { text: params.text } : {}),
        });
      case 'getFile': {
        const fileId = String(params.file_id);
        const content = this.#files.get(fileId);
        if (!content)
          return json(response, 400, {
            ok: false,
            error_code: 400,
            description: 'Bad Request: invalid file_id',
          });
        return ok({
          file_id: fileId,
          file_unique_id: `u-${fileId}`,
          file_size: content.length,
          file_path: fileId,
        });
      }
      default:
        return json(response, 404, { ok: false, error_code: 404, description: 'Not Found' });
    }
  }

  #getUpdates(
    params: Record<string, unknown>,
    ok: (result: unknown) => void,
    response: ServerResponse,
  ): void {
    // Like Telegram: a second getUpdates while one waits is a conflict.
    if (this.#waiter) {
      json(response, 409, {
        ok: false,
        error_code: 409,
        description: 'Conflict: terminated by other getUpdates request',
      });
      return;
    }
    const offset = Number(params.offset ?? 0);
    const timeout = Number(params.timeout ?? 0);
    this.#record({ method: 'getUpdates', params, files: {} });
    const ready = this.#confirmAndTake(offset);
    if (ready.length > 0 || timeout === 0) {
      ok(ready);
      return;
    }
    const waiter: Waiter = { offset, resolve: (updates) => ok(updates) };
    this.#waiter = waiter;
    const timer = setTimeout(() => {
      if (this.#waiter === waiter) this.#waiter = undefined;
      ok([]);
    }, timeout * 1000);
    // A bot that stops cuts its long poll off: the update that arrives next waits for the next poll.
    response.on('close', () => {
      clearTimeout(timer);
      if (this.#waiter === waiter) this.#waiter = undefined;
    });
    waiter.resolve = (updates) => {
      clearTimeout(timer);
      ok(updates);
    };
  }
}
