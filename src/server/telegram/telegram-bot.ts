import { createHmac, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Bot, GrammyError, HttpError, webhookCallback } from 'grammy';
import { limits } from '../../contracts/limits.ts';
import type { TelegramConfig } from '../config.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { rateLimitsFor } from '../http/rate-limits.ts';
import type { ChannelAdapter } from '../notify/channel-adapter.ts';
import type { GuessPolicy } from '../security/back-off.ts';
import { createJourney } from './citizen-journey.ts';
import { staffLinkCommands } from './staff-link.ts';
import { claimUpdate, lastUpdateId, releasePollingLease, takePollingLease } from './telegram.repository.ts';
import { telegramChannel } from './telegram-channel.ts';

const TELEGRAM_API_ROOT = 'https://api.telegram.org';
const LEASE_MS = 90_000;

/** The bot's options beyond its configuration. */
export interface TelegramBotOptions {
  ctx: AppContext;
  config: TelegramConfig;
  /** Long-polling wait in seconds (Telegram holds getUpdates open this long when nothing comes). */
  pollTimeoutSeconds?: number;
  /** Wrong access codes a chat may send; the public deployment's limits unless a test says otherwise. */
  codeGuesses?: GuessPolicy | false;
}

/** The secret Telegram sends with each webhook call: derived from the token, so every process agrees on it. */
export function webhookSecret(token: string): string {
  return createHmac('sha256', token).update('murojaat/telegram-webhook/v1').digest('hex');
}

type GrammySignal = Parameters<Bot['api']['getUpdates']>[1];

/**
 * grammY's Node build types its signals with the `abort-controller` shim, which Node's own AbortSignal
 * matches at run time (node-fetch reads only `aborted` and the abort event) but not in its declared types.
 */
function grammySignal(signal: AbortSignal): GrammySignal {
  return signal as unknown as GrammySignal;
}

/** Only a number and an error's code go to the log: never a chat's words, names or phone numbers. */
function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof GrammyError)
    return { error: 'telegram', code: error.error_code, method: error.method };
  if (error instanceof HttpError) return { error: 'telegram-unreachable' };
  if (error instanceof AppError) return { error: error.code };
  return { error: error instanceof Error ? error.name : 'unknown' };
}

/**
 * The Telegram bot: receives updates by long polling (one process at a time, under a lease in the
 * database) or by webhook, hands each one to the citizen journey exactly once (the last update_id lives in
 * the database), and offers the 'telegram' channel that pushes notices to the chat.
 */
export class TelegramBot {
  readonly bot: Bot;
  readonly channel: ChannelAdapter;
  readonly #ctx: AppContext;
  readonly #config: TelegramConfig;
  readonly #pollTimeoutSeconds: number;
  readonly #poller = randomUUID();
  #abort = new AbortController();
  #polling: Promise<void> | undefined;

  constructor(options: TelegramBotOptions) {
    const { ctx, config } = options;
    this.#ctx = ctx;
    this.#config = config;
    this.#pollTimeoutSeconds = options.pollTimeoutSeconds ?? 30;
    this.bot = new Bot(config.token, {
      client: {
        ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}),
        timeoutSeconds: this.#pollTimeoutSeconds + 30,
      },
    });
    this.channel = {
      ...telegramChannel({ db: ctx.db, api: this.bot.api }),
      // Known once the bot has read its own identity (getMe) at start.
      publicAddress: () => (this.bot.isInited() ? `https://t.me/${this.bot.botInfo.username}` : undefined),
    };
    const codeGuesses = options.codeGuesses ?? rateLimitsFor('on').codeGuesses;
    const journey = createJourney({ ctx, downloadFile: (fileId) => this.#download(fileId), codeGuesses });
    // The claim comes before anything else: an update seen again (a restart, a webhook retried by Telegram,
    // a second process) is dropped here.
    this.bot.use(async (tg, next) => {
      if (await claimUpdate(ctx.db, tg.update.update_id)) await next();
    });
    this.bot.use(staffLinkCommands({ ctx, codeGuesses }));
    this.bot.use(journey);
    this.bot.catch((failure) => {
      this.#ctx.log.error(
        { updateId: failure.ctx.update.update_id, ...describeError(failure.error) },
        'telegram update failed',
      );
    });
  }

  /** The webhook's path on this server, when TELEGRAM_WEBHOOK_URL is set. */
  get webhookPath(): string | undefined {
    return this.#config.webhookUrl ? new URL(this.#config.webhookUrl).pathname : undefined;
  }

  /**
   * Starts receiving in the background: reads the bot's identity, then registers the webhook or starts long
   * polling. Telegram being unreachable does not stop the server: the bot keeps trying, backing off.
   */
  start(): void {
    this.#abort = new AbortController();
    this.#polling = this.#run(this.#abort.signal);
  }

  /** The route handler for the webhook (Telegram's secret header is checked before anything is read). */
  webhookHandler(): (request: FastifyRequest, reply: FastifyReply) => Promise<unknown> {
    return webhookCallback(this.bot, 'fastify', {
      secretToken: webhookSecret(this.#config.token),
      onTimeout: 'return',
      timeoutMilliseconds: 30_000,
    });
  }

  /** Stops polling (the long poll in flight is cut off) and gives the lease up. */
  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#polling;
    this.#polling = undefined;
    await releasePollingLease(this.#ctx.db, this.#poller);
  }

  /** Handles one update (from the webhook route or the poll), at most once however often it arrives. */
  async handleUpdate(update: Parameters<Bot['handleUpdate']>[0]): Promise<void> {
    if (!this.bot.isInited()) await this.bot.init();
    await this.bot.handleUpdate(update);
  }

  async #run(signal: AbortSignal): Promise<void> {
    const db = this.#ctx.db;
    let failures = 0;
    let ready = false;
    while (!signal.aborted) {
      try {
        if (!ready) {
          await this.bot.init();
          const { webhookUrl } = this.#config;
          if (webhookUrl) {
            await this.bot.api.setWebhook(webhookUrl, {
              secret_token: webhookSecret(this.#config.token),
              // One call at a time keeps a chat's updates in order, which its conversation needs.
              max_connections: 1,
              allowed_updates: ['message', 'callback_query'],
            });
            return;
          }
          await this.bot.api.deleteWebhook();
          ready = true;
        }
        const now = this.#ctx.clock.now();
        if (!(await takePollingLease(db, this.#poller, now, new Date(now.getTime() + LEASE_MS)))) {
          // Another process polls; take over if its lease runs out.
          await sleep(LEASE_MS / 3, undefined, { signal });
          continue;
        }
        const offset = (await lastUpdateId(db)) + 1;
        const updates = await this.bot.api.getUpdates(
          { offset, timeout: this.#pollTimeoutSeconds, allowed_updates: ['message', 'callback_query'] },
          grammySignal(signal),
        );
        for (const update of updates) {
          if (signal.aborted) break;
          await this.handleUpdate(update);
        }
        failures = 0;
      } catch (error) {
        if (signal.aborted) break;
        failures += 1;
        this.#ctx.log.warn(describeError(error), 'telegram bot: Bot API call failed');
        await sleep(Math.min(60_000, 500 * 2 ** failures), undefined, { signal }).catch(() => {});
      }
    }
  }

  async #download(fileId: string): Promise<Buffer> {
    const file = await this.bot.api.getFile(fileId);
    if (!file.file_path || (file.file_size ?? 0) > limits.attachmentMaxBytes)
      throw new AppError('PAYLOAD_TOO_LARGE');
    const root = this.#config.apiRoot ?? TELEGRAM_API_ROOT;
    const response = await fetch(`${root}/file/bot${this.#config.token}/${file.file_path}`);
    if (!response.ok) throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED');
    const content = Buffer.from(await response.arrayBuffer());
    if (content.length > limits.attachmentMaxBytes) throw new AppError('PAYLOAD_TOO_LARGE');
    return content;
  }
}
