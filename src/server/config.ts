import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { roles } from '../contracts/enums.ts';
import type { KeySettings } from './security/keyring.ts';

const port = z.coerce.number().int().min(0).max(65_535);

/** Who may tell us the client's address in `X-Forwarded-For`: nobody, these proxies, or the last N hops. */
export type TrustedProxies = false | number | string[];

// Names proxy-addr (Fastify's `trustProxy`) understands for whole address ranges.
const proxyRangeNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (proxyRangeNames.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

const trustProxyHelp =
  'write the addresses or networks of your reverse proxies, comma-separated (e.g. 127.0.0.1 or ' +
  '10.0.0.0/8,fd00::/8), or the number of proxies in front of the server when there are two or more; ' +
  'false when clients connect directly';

// `true` (and its old spelling `1`) trusted whatever any client wrote in X-Forwarded-For, which let anyone
// choose the address the rate limits count: refused, with what to write instead.
const trustProxy = z.string().transform((value, context): TrustedProxies => {
  const text = value.trim().toLowerCase();
  if (text === 'false' || text === '0') return false;
  if (text === 'true' || text === '1') {
    context.addIssue({
      code: 'custom',
      message: `no longer trusts every client's X-Forwarded-For; ${trustProxyHelp}`,
    });
    return z.NEVER;
  }
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  if (entries.every(isProxyAddress)) return entries;
  context.addIssue({ code: 'custom', message: trustProxyHelp });
  return z.NEVER;
});

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL');

const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_MIGRATION_URL: postgresUrl.optional(),
  // A streaming replica of DATABASE_URL's server for the read-heavy paths; further behind than the limit,
  // reads go back to the primary.
  DATABASE_REPLICA_URL: postgresUrl.optional(),
  DATABASE_REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MUROJAAT_DATA_KEY: z
    .string()
    .regex(
      /^[A-Za-z0-9+/=]{43,44}$|^[0-9a-fA-F]{64}$/,
      'must be 32 bytes as base64 (44 chars) or hex (64 chars)',
    )
    .optional(),
  // Several data keys, oldest first (after a key rotation); separated by commas, spaces or new lines.
  MUROJAAT_DATA_KEYS: z.string().trim().min(1).optional(),
  // A shell command whose standard output is the data key, or the keys one a line, oldest first.
  MUROJAAT_DATA_KEY_COMMAND: z.string().trim().min(1).optional(),
  PUBLIC_URL: z.url().optional(),
  TRUST_PROXY: trustProxy.default(false),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  REQUIRE_TOTP_ROLES: z
    .string()
    .default('admin,head')
    .transform((v) =>
      v
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(roles))),
  SMTP_URL: z
    .url()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL (smtps for TLS from the first byte)')
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  SMS_PROVIDER: z.enum(['http', 'eskiz']).optional(),
  SMS_HTTP_URL: z.url().optional(),
  SMS_HTTP_TOKEN: z.string().optional(),
  ESKIZ_API_URL: z.url().default('https://notify.eskiz.uz/api'),
  ESKIZ_EMAIL: z.string().optional(),
  ESKIZ_PASSWORD: z.string().optional(),
  ESKIZ_FROM: z.string().default('4546'),
  ESKIZ_CALLBACK_URL: z.url().optional(),
  // The bot's token as BotFather gives it: digits, a colon, then letters, digits, - and _.
  // Appeals by e-mail: the SMTP port the ministry's mail server hands incoming mail to.
  MAIL_INTAKE_PORT: port.optional(),
  // STARTTLS on that port: the PEM files of its private key and certificate (both, or neither).
  MAIL_INTAKE_TLS_KEY: z.string().min(1).optional(),
  MAIL_INTAKE_TLS_CERT: z.string().min(1).optional(),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, 'must be a bot token as BotFather gives it (123456:ABC…)')
    .optional(),
  TELEGRAM_API_ROOT: z.url().optional(),
  TELEGRAM_WEBHOOK_URL: z.url().startsWith('https://', 'must be an https:// URL').optional(),
  // Prometheus metrics: /metrics on the app with `Authorization: Bearer <METRICS_TOKEN>`, or on its own
  // address METRICS_HOST:METRICS_PORT (the token still asked for when set); off when neither is set.
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (a random secret)').optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  METRICS_PORT: port.optional(),
  // Staff single sign-on through the ministry's OpenID Connect provider (docs/operations.md, "Staff sign-in").
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  OIDC_LABEL: z.string().min(1).max(60).default('OneID'),
  OIDC_REDIRECT_URL: z.url().optional(),
  // Attachments in an S3-compatible store (MinIO on premises) instead of DATA_DIR/attachments.
  S3_URL: z.string().min(1).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).max(200).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).max(500).optional(),
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, 'must be a region name such as us-east-1')
    .default('us-east-1'),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
});

/** Where /metrics is served, if anywhere. */
export type MetricsConfig =
  | { where: 'off' }
  | { where: 'app'; token: string }
  | { where: 'own-port'; host: string; port: number; token: string | undefined };

/** The outside channels an administrator configured; a channel left out sends nothing. */
export interface ChannelsConfig {
  email: { url: string; from: string } | undefined;
  sms:
    | { provider: 'http'; url: string; token: string | undefined }
    | {
        provider: 'eskiz';
        apiUrl: string;
        email: string;
        password: string;
        from: string;
        callbackUrl: string | undefined;
      }
    | undefined;
}

/** Validated process configuration; every field has a safe default for a first start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** The request role's PostgreSQL server; the embedded database when unset. */
  databaseUrl: string | undefined;
  /** The owner's (migrations, pg-boss's schema); `databaseUrl` does both when unset. */
  databaseMigrationUrl: string | undefined;
  /** DATABASE_REPLICA_URL and how far behind it may be (DATABASE_REPLICA_MAX_LAG_SECONDS). */
  replica: { url: string; maxLagSeconds: number } | undefined;
  role: 'all' | 'api' | 'worker';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Where the data keys come from (MUROJAAT_DATA_KEY, MUROJAAT_DATA_KEYS, MUROJAAT_DATA_KEY_COMMAND or DATA_DIR). */
  keys: KeySettings;
  publicUrl: string | undefined;
  /** Reverse proxies whose `X-Forwarded-For` names the client (TRUST_PROXY). */
  trustProxy: TrustedProxies;
  dbPoolSize: number;
  /** Roles that must set up TOTP before working; `REQUIRE_TOTP_ROLES=` (empty) turns it off. */
  requireTotpRoles: string[];
  /** SMTP_URL + MAIL_FROM, SMS_PROVIDER and its settings. */
  channels: ChannelsConfig;
  /** METRICS_TOKEN, METRICS_HOST, METRICS_PORT. */
  metrics: MetricsConfig;
  /** The Telegram bot, when TELEGRAM_BOT_TOKEN turns it on. */
  telegram: TelegramConfig | undefined;
  /** Staff single sign-on, when OIDC_ISSUER turns it on. */
  oidc: OidcConfig | undefined;
  /** MAIL_INTAKE_PORT: appeals arrive by SMTP on this port of `host`; no listener when unset. */
  mailIntakePort: number | undefined;
  /** MAIL_INTAKE_TLS_KEY + MAIL_INTAKE_TLS_CERT: the intake port offers STARTTLS with this key pair. */
  mailIntakeTls: MailIntakeTls | undefined;
  /** S3_URL and its credentials: attachments go to that bucket; DATA_DIR/attachments when unset. */
  s3: S3Config | undefined;
}

/** An S3-compatible bucket (MinIO, Ceph RGW, AWS S3) the attachments are kept in. */
export interface S3Config {
  /** The server's origin, `http(s)://host[:port]`. */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** `host/bucket/key` (MinIO's default) rather than `bucket.host/key`. */
  forcePathStyle: boolean;
}

const s3UrlHelp = 'must be http(s)://host[:port]/bucket, e.g. http://127.0.0.1:9000/murojaat';

function s3Of(e: z.infer<typeof envSchema>): S3Config | undefined {
  const { S3_URL: url, S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey } = e;
  if (!url && !accessKeyId && !secretAccessKey) return undefined;
  if (!url || !accessKeyId || !secretAccessKey) {
    throw new ConfigError(['S3_URL, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: give all three']);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not echoed: a malformed URL may still hold a password.
    throw new ConfigError([`S3_URL is not a URL: it ${s3UrlHelp}`]);
  }
  // Credentials in the URL would be logged and copied with it: they have their own variables.
  if (parsed.username || parsed.password) {
    throw new ConfigError([
      'S3_URL holds a user name or password: give them as S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY instead',
    ]);
  }
  const bucket = parsed.pathname.replace(/^\/+|\/+$/g, '');
  const shown = `${parsed.origin}${parsed.pathname}`;
  if (
    !['http:', 'https:'].includes(parsed.protocol) ||
    parsed.search ||
    parsed.hash ||
    !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)
  ) {
    throw new ConfigError([
      `S3_URL=${JSON.stringify(shown)}: ${s3UrlHelp} (a bucket name of 3-63 lower-case letters, digits, dots and dashes)`,
    ]);
  }
  return {
    endpoint: parsed.origin,
    bucket,
    accessKeyId,
    secretAccessKey,
    region: e.S3_REGION,
    forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
  };
}

/** The PEM key pair the e-mail intake offers STARTTLS with. */
export interface MailIntakeTls {
  key: Buffer;
  cert: Buffer;
}

/** The ministry's OpenID Connect provider and this server's registration with it. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The button's words: "Sign in with <label>". */
  label: string;
  /** Where the provider sends the browser back: OIDC_REDIRECT_URL, else PUBLIC_URL + the callback path. */
  redirectUrl: string;
}

export const OIDC_CALLBACK_PATH = '/api/v1/auth/sso/callback';

function oidcOf(e: z.infer<typeof envSchema>): OidcConfig | undefined {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = e;
  if (!issuer && !clientId && !clientSecret) return undefined;
  if (!issuer || !clientId || !clientSecret) {
    throw new ConfigError(['OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together: give all three']);
  }
  const redirectUrl =
    e.OIDC_REDIRECT_URL ??
    (e.PUBLIC_URL ? `${e.PUBLIC_URL.replace(/\/+$/, '')}${OIDC_CALLBACK_PATH}` : undefined);
  if (!redirectUrl) {
    throw new ConfigError([
      `OIDC_ISSUER is set without PUBLIC_URL or OIDC_REDIRECT_URL: the provider needs the address it sends staff back to (…${OIDC_CALLBACK_PATH})`,
    ]);
  }
  if (!new URL(redirectUrl).pathname.endsWith(OIDC_CALLBACK_PATH)) {
    throw new ConfigError([`OIDC_REDIRECT_URL must end with ${OIDC_CALLBACK_PATH}`]);
  }
  return { issuer, clientId, clientSecret, label: e.OIDC_LABEL, redirectUrl };
}

/** How the bot reaches the Bot API: Telegram's own by default, or a self-hosted server. */
export interface TelegramConfig {
  token: string;
  /** TELEGRAM_API_ROOT; grammY's default (Telegram's servers) when unset. */
  apiRoot: string | undefined;
  /** TELEGRAM_WEBHOOK_URL: updates arrive there instead of by long polling. */
  webhookUrl: string | undefined;
}

/** Thrown with one line per bad variable, so the operator can fix them all at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

// Values that are never echoed in an error: tokens and data keys.
const secretNames = new Set([
  'TELEGRAM_BOT_TOKEN',
  'METRICS_TOKEN',
  'MUROJAAT_DATA_KEY',
  'MUROJAAT_DATA_KEYS',
  'MUROJAAT_DATA_KEY_COMMAND',
  'OIDC_CLIENT_SECRET',
  'S3_SECRET_ACCESS_KEY',
]);

/** Reads and validates the environment; empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty means unset, except where empty is a meaningful answer ("no roles need TOTP").
  const present = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => v !== undefined && (v !== '' || k === 'REQUIRE_TOTP_ROLES')),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        // A secret is named, never echoed.
        const shown = secretNames.has(name) ? '…' : (present[name] ?? '');
        return `${name}=${JSON.stringify(shown)}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  if (e.DATABASE_REPLICA_URL && !e.DATABASE_URL) {
    throw new ConfigError([
      'DATABASE_REPLICA_URL is set without DATABASE_URL: a replica is of a PostgreSQL server, not of the embedded database',
    ]);
  }
  if (e.DATABASE_MIGRATION_URL && !e.DATABASE_URL) {
    throw new ConfigError([
      'DATABASE_MIGRATION_URL is set without DATABASE_URL: give both (the owner and the request role), or neither for the embedded database',
    ]);
  }
  return {
    oidc: oidcOf(e),
    s3: s3Of(e),
    channels: channelsOf(e),
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseMigrationUrl: e.DATABASE_MIGRATION_URL,
    replica: e.DATABASE_REPLICA_URL
      ? { url: e.DATABASE_REPLICA_URL, maxLagSeconds: e.DATABASE_REPLICA_MAX_LAG_SECONDS }
      : undefined,
    role: e.ROLE,
    logLevel: e.LOG_LEVEL,
    keys: {
      dataKey: e.MUROJAAT_DATA_KEY,
      dataKeys: e.MUROJAAT_DATA_KEYS,
      dataKeyCommand: e.MUROJAAT_DATA_KEY_COMMAND,
      dataDir: path.resolve(e.DATA_DIR),
    },
    publicUrl: e.PUBLIC_URL,
    trustProxy: e.TRUST_PROXY,
    dbPoolSize: e.DB_POOL_SIZE,
    requireTotpRoles: e.REQUIRE_TOTP_ROLES,
    metrics:
      e.METRICS_PORT !== undefined
        ? { where: 'own-port', host: e.METRICS_HOST, port: e.METRICS_PORT, token: e.METRICS_TOKEN }
        : e.METRICS_TOKEN
          ? { where: 'app', token: e.METRICS_TOKEN }
          : { where: 'off' },
    mailIntakePort: e.MAIL_INTAKE_PORT,
    mailIntakeTls: mailIntakeTlsOf(e),
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT?.replace(/\/+$/, ''),
          webhookUrl: e.TELEGRAM_WEBHOOK_URL,
        }
      : undefined,
  };
}

function mailIntakeTlsOf(e: z.infer<typeof envSchema>): MailIntakeTls | undefined {
  const { MAIL_INTAKE_TLS_KEY: keyFile, MAIL_INTAKE_TLS_CERT: certFile } = e;
  if (!keyFile && !certFile) return undefined;
  if (!keyFile || !certFile) {
    throw new ConfigError(['MAIL_INTAKE_TLS_KEY and MAIL_INTAKE_TLS_CERT go together: give both PEM files']);
  }
  const read = (name: string, file: string): Buffer => {
    try {
      return readFileSync(file);
    } catch {
      throw new ConfigError([`${name}: cannot read ${file}`]);
    }
  };
  return { key: read('MAIL_INTAKE_TLS_KEY', keyFile), cert: read('MAIL_INTAKE_TLS_CERT', certFile) };
}

function channelsOf(e: z.infer<typeof envSchema>): ChannelsConfig {
  const problems: string[] = [];
  if (e.SMTP_URL && !e.MAIL_FROM) problems.push('SMTP_URL is set without MAIL_FROM: give the sender address');
  if (e.SMS_PROVIDER === 'http' && !e.SMS_HTTP_URL) {
    problems.push('SMS_PROVIDER=http needs SMS_HTTP_URL, the gateway that takes {"to","text","id"} as JSON');
  }
  if (e.SMS_PROVIDER === 'eskiz' && !(e.ESKIZ_EMAIL && e.ESKIZ_PASSWORD)) {
    problems.push('SMS_PROVIDER=eskiz needs ESKIZ_EMAIL and ESKIZ_PASSWORD (the account at my.eskiz.uz)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const email = e.SMTP_URL && e.MAIL_FROM ? { url: e.SMTP_URL, from: e.MAIL_FROM } : undefined;
  if (e.SMS_PROVIDER === 'http' && e.SMS_HTTP_URL) {
    return { email, sms: { provider: 'http', url: e.SMS_HTTP_URL, token: e.SMS_HTTP_TOKEN } };
  }
  if (e.SMS_PROVIDER === 'eskiz' && e.ESKIZ_EMAIL && e.ESKIZ_PASSWORD) {
    return {
      email,
      sms: {
        provider: 'eskiz',
        apiUrl: e.ESKIZ_API_URL,
        email: e.ESKIZ_EMAIL,
        password: e.ESKIZ_PASSWORD,
        from: e.ESKIZ_FROM,
        callbackUrl: e.ESKIZ_CALLBACK_URL,
      },
    };
  }
  return { email, sms: undefined };
}
