import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import type { S3Config } from '../config.ts';

// The four object calls the attachment store needs, signed with AWS Signature Version 4 by aws4fetch (a
// small, widely used signer over fetch) rather than the whole SDK (two dozen packages) for PUT, GET, HEAD
// and DELETE of one bucket. Any S3-compatible server answers these the same way (MinIO, Ceph RGW, AWS S3).

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
  readonly #signer: AwsClient;

  constructor(config: S3Config) {
    this.#config = config;
    this.#signer = s3Signer(config);
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
    let response: Response;
    try {
      const signed = await this.#signer.sign(url.toString(), {
        method,
        // The payload's hash is signed (aws4fetch would send UNSIGNED-PAYLOAD to S3 without it).
        headers: { 'x-amz-content-sha256': payloadHash(body) },
        body: body ? new Uint8Array(body) : undefined,
      });
      response = await fetch(signed, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
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

/** The hex SHA-256 of a request body (of nothing, for GET, HEAD and DELETE), as Signature Version 4 signs it. */
export function payloadHash(body: Buffer | string | undefined): string {
  return createHash('sha256')
    .update(body ?? '')
    .digest('hex');
}

/**
 * The signer for a bucket's requests: Signature Version 4 for the service "s3" (with the payload's hash in
 * `x-amz-content-sha256`, a body changed on the way is refused by the store), no retries of its own (an outage must
 * answer the citizen at once, not after the library's back-off).
 */
export function s3Signer(config: Pick<S3Config, 'accessKeyId' | 'secretAccessKey' | 'region'>): AwsClient {
  return new AwsClient({
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    region: config.region,
    service: 's3',
    retries: 0,
  });
}
