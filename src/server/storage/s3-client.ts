import { createHash, createHmac } from 'node:crypto';
import type { S3Config } from '../config.ts';

// The four object calls the attachment store needs, signed with AWS Signature Version 4 over fetch: a
// whole SDK (two dozen packages) for PUT, GET, HEAD and DELETE of one bucket would be most of the code we
// ship for it. Any S3-compatible server answers these the same way (MinIO, Ceph RGW, AWS S3).

const REQUEST_TIMEOUT_MS = 15_000;

/** The store could not be reached or answered with a server error: nothing is known to be written. */
export class S3UnavailableError extends Error {}

/** The store answered with something other than success or "no such key" (refused credentials …). */
export class S3RequestError extends Error {
  constructor(
    readonly status: number,
    readonly s3Code: string,
  ) {
    super(`The object store answered ${status}${s3Code ? ` ${s3Code}` : ''}.`);
  }
}

/** A minimal client of one S3 bucket. */
export class S3Client {
  readonly #config: S3Config;

  constructor(config: S3Config) {
    this.#config = config;
  }

  /** Writes an object whole; S3 makes it visible only once all of it has arrived. */
  async put(key: string, body: Buffer): Promise<void> {
    await drain(await this.#send('PUT', key, body, [200]));
  }

  /** The object's bytes, or undefined when there is no such object. */
  async get(key: string): Promise<Buffer | undefined> {
    const response = await this.#send('GET', key, undefined, [200, 404]);
    if (response.status === 404) return drain(response);
    return Buffer.from(await response.arrayBuffer());
  }

  /** Whether the object exists. */
  async exists(key: string): Promise<boolean> {
    const response = await this.#send('HEAD', key, undefined, [200, 404]);
    await drain(response);
    return response.status === 200;
  }

  /** Deletes the object; deleting one that is not there succeeds. */
  async delete(key: string): Promise<void> {
    await drain(await this.#send('DELETE', key, undefined, [200, 204, 404]));
  }

  async #send(method: string, key: string, body: Buffer | undefined, expected: number[]): Promise<Response> {
    const url = this.#urlOf(key);
    const headers = signedHeaders(this.#config, method, url, body ?? Buffer.alloc(0), new Date());
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body ? new Uint8Array(body) : undefined,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new S3UnavailableError(
        `The object store at ${this.#config.endpoint} cannot be reached: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (expected.includes(response.status)) return response;
    const text = method === 'HEAD' ? '' : await response.text().catch(() => '');
    const s3Code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1] ?? '';
    if (response.status >= 500)
      throw new S3UnavailableError(`The object store answered ${response.status} ${s3Code}`);
    throw new S3RequestError(response.status, s3Code);
  }

  #urlOf(key: string): URL {
    const { endpoint, bucket, forcePathStyle } = this.#config;
    const path = key.split('/').map(encodeSegment).join('/');
    if (forcePathStyle) return new URL(`${endpoint}/${bucket}/${path}`);
    const origin = new URL(endpoint);
    origin.hostname = `${bucket}.${origin.hostname}`;
    return new URL(`${origin.origin}/${path}`);
  }
}

/** Lets the connection go back to the pool: an unread body would hold it. */
async function drain(response: Response): Promise<undefined> {
  await response.body?.cancel();
  return undefined;
}

/** RFC 3986 percent-encoding of one path segment, as Signature Version 4 canonicalises it. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/**
 * The headers of a request signed with Signature Version 4 (the payload's hash is signed too, so a body
 * changed on the way is refused by the store).
 */
export function signedHeaders(
  config: Pick<S3Config, 'accessKeyId' | 'secretAccessKey' | 'region'>,
  method: string,
  url: URL,
  body: Buffer,
  now: Date,
  extra: Record<string, string> = {},
): Record<string, string> {
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = sha256Hex(body);
  const headers: Record<string, string> = {
    ...extra,
    host: url.host,
    'x-amz-content-sha256': payloadHash,
    'x-amz-date': amzDate,
  };
  const names = Object.keys(headers).sort();
  const canonicalRequest = [
    method,
    url.pathname,
    '',
    ...names.map((name) => `${name}:${headers[name]}`),
    '',
    names.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${day}/${config.region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${config.secretAccessKey}`, day), config.region), 's3'),
    'aws4_request',
  );
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  const { host: _host, ...sent } = headers;
  return {
    ...sent,
    authorization: `AWS4-HMAC-SHA256 Credential=${config.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}
