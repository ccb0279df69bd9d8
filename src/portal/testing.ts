import type { TestSystem } from '../app/testing/test-system.ts';

// Helpers the portal's tests share: a browser-like session (cookies carried between requests) and
// multipart bodies built by hand, as a browser would send them.

/** A tiny PNG (1×1), judged an image by its content. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A Linux program: refused whatever its name says. */
export const elfProgram = Buffer.concat([
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
  Buffer.alloc(64),
]);

/** A file part of a multipart body. */
export interface FilePart {
  name: string;
  filename: string;
  type: string;
  content: Buffer;
}

/** A multipart/form-data body with fields first and files last, as the portal's form sends it. */
export function multipart(
  fields: Record<string, string>,
  files: FilePart[] = [],
): { headers: Record<string, string>; payload: Buffer } {
  const boundary = `----murojaat${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\n` +
          `Content-Type: ${file.type}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(chunks),
  };
}

/** The value of a hidden or text input in a page, by name. */
export function inputValue(page: string, name: string): string | undefined {
  const match = new RegExp(`<input[^>]*name="${name.replace(/\./g, '\\.')}"[^>]*value="([^"]*)"`).exec(page);
  return match?.[1]
    ?.replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/** A browser-like session against an in-process app: it keeps cookies between requests. */
export class PortalSession {
  readonly cookies: Record<string, string> = {};
  constructor(private readonly t: TestSystem) {}

  async request(options: {
    method: 'GET' | 'POST';
    url: string;
    headers?: Record<string, string>;
    payload?: string | Buffer | Record<string, string>;
  }) {
    const response = await this.t.request({ ...options, cookies: { ...this.cookies } });
    for (const cookie of response.cookies) {
      if (cookie.value === '' || cookie.maxAge === 0) delete this.cookies[cookie.name];
      else this.cookies[cookie.name] = cookie.value;
    }
    return response;
  }

  /** Opens a page with a form and returns its CSRF token. */
  async csrf(url: string): Promise<string> {
    const page = await this.request({ method: 'GET', url });
    return inputValue(page.body, '_csrf') ?? '';
  }
}
