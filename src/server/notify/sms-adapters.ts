import {
  type ChannelAdapter,
  DeliveryError,
  type OutgoingNotice,
  type Recipient,
} from './channel-adapter.ts';

const timeoutMs = 15_000;

/** A gateway's answer to one request: 4xx but 408/429 is final, anything else may pass on a retry. */
function refusal(gateway: string, status: number): DeliveryError {
  const final = status >= 400 && status < 500 && status !== 408 && status !== 429;
  return new DeliveryError(
    `${gateway} answered HTTP ${status}.`,
    final,
    final ? 'refused' : 'unavailable',
    `HTTP ${status}`,
  );
}

function unreachable(gateway: string, error: unknown): DeliveryError {
  const name =
    error instanceof Error && error.name === 'TimeoutError' ? 'no answer in 15 s' : 'no connection';
  return new DeliveryError(`${gateway} could not be reached (${name}).`, false, 'unavailable', 'SMS');
}

/** A message id from a gateway's JSON answer, when it gives one. */
function idIn(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const record: Record<string, unknown> = { ...body };
  for (const key of ['id', 'messageId', 'message_id']) {
    const value = record[key];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return null;
}

async function jsonOf(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function phoneOf(to: Recipient): string {
  if (!to.phone)
    throw new DeliveryError('The appeal has no phone number to send to.', true, 'no_address', 'SMS');
  return to.phone;
}

/**
 * The generic gateway (`SMS_PROVIDER=http`): POSTs `{"to":"+998…","text":"…","id":"…"}` as JSON to
 * `SMS_HTTP_URL`, with `Authorization: Bearer SMS_HTTP_TOKEN` when given; any 2xx means accepted.
 */
export function httpSmsAdapter(options: { url: string; token: string | undefined }): ChannelAdapter {
  const gateway = 'The SMS gateway';
  return {
    channel: 'sms',
    async send(notice: OutgoingNotice, to: Recipient) {
      const phone = phoneOf(to);
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          },
          body: JSON.stringify({ to: phone, text: notice.text, id: String(notice.id) }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw unreachable(gateway, error);
      }
      if (!response.ok) throw refusal(gateway, response.status);
      return { providerId: idIn(await jsonOf(response)) };
    },
  };
}

/**
 * Eskiz (notify.eskiz.uz), per its HTTP API: `auth/login` with the account's e-mail and password gives a
 * bearer token (valid for weeks), `message/sms/send` takes `mobile_phone` (digits, no +), `message`,
 * `from` and `callback_url` as form fields and answers `{"id", "status": "waiting"}`. The token is kept
 * and fetched again when Eskiz answers 401.
 */
export function eskizSmsAdapter(options: {
  apiUrl: string;
  email: string;
  password: string;
  from: string;
  callbackUrl: string | undefined;
}): ChannelAdapter {
  const gateway = 'Eskiz';
  const base = options.apiUrl.replace(/\/$/, '');
  let token: string | null = null;

  async function login(): Promise<string> {
    const form = new FormData();
    form.set('email', options.email);
    form.set('password', options.password);
    let response: Response;
    try {
      response = await fetch(`${base}/auth/login`, {
        method: 'POST',
        body: form,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw unreachable(gateway, error);
    }
    if (response.status === 401) {
      throw new DeliveryError(
        'Eskiz refused the account (check ESKIZ_EMAIL and ESKIZ_PASSWORD).',
        false,
        'account',
        'Eskiz',
      );
    }
    if (!response.ok) throw refusal(gateway, response.status);
    const body = await jsonOf(response);
    const data = typeof body === 'object' && body !== null && 'data' in body ? body.data : null;
    const issued = typeof data === 'object' && data !== null && 'token' in data ? data.token : null;
    if (typeof issued !== 'string')
      throw new DeliveryError('Eskiz gave no token on sign-in.', false, 'account', 'Eskiz');
    token = issued;
    return issued;
  }

  async function post(notice: OutgoingNotice, phone: string, bearer: string): Promise<Response> {
    const form = new FormData();
    form.set('mobile_phone', phone.replace(/\D/g, ''));
    form.set('message', notice.text);
    form.set('from', options.from);
    if (options.callbackUrl) form.set('callback_url', options.callbackUrl);
    try {
      return await fetch(`${base}/message/sms/send`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}` },
        body: form,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw unreachable(gateway, error);
    }
  }

  return {
    channel: 'sms',
    async send(notice: OutgoingNotice, to: Recipient) {
      const phone = phoneOf(to);
      let response = await post(notice, phone, token ?? (await login()));
      // An expired token: sign in again once, then give up for this attempt.
      if (response.status === 401) response = await post(notice, phone, await login());
      if (!response.ok) throw refusal(gateway, response.status);
      return { providerId: idIn(await jsonOf(response)) };
    },
  };
}
