import type { z } from 'zod';
import type { UiLanguage } from '../../contracts/enums.ts';
import { languageTag } from './i18n.tsx';

/**
 * A refusal from the API: the stable code clients branch on, the message, any field problems and the
 * facts it names (`details`, e.g. the placeholders an answer still holds).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { path: string; message: string }[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface ApiState {
  csrf: string;
  language: UiLanguage;
  lastRequestAt: number;
  onUnauthenticated: () => void;
}

const state: ApiState = { csrf: '', language: 'uz', lastRequestAt: Date.now(), onUnauthenticated: () => {} };

/** Sets what every request carries: the CSRF token, the language, and who to tell when the session ends. */
export function configureApi(options: Partial<Omit<ApiState, 'lastRequestAt'>>): void {
  Object.assign(state, options);
}

/** When the last request left (the server's idle timer restarts with each). */
export function lastRequestAt(): number {
  return state.lastRequestAt;
}

function errorOf(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = body.error;
    if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
      const fields =
        'fields' in error && Array.isArray(error.fields)
          ? error.fields.flatMap((f: unknown) =>
              typeof f === 'object' && f !== null && 'path' in f && 'message' in f
                ? [{ path: String(f.path), message: String(f.message) }]
                : [],
            )
          : [];
      const details = 'details' in error && isRecord(error.details) ? error.details : {};
      return new ApiError(status, String(error.code), String(error.message), fields, details);
    }
  }
  return new ApiError(status, 'INTERNAL_ERROR', `HTTP ${status}`);
}

async function send(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { 'accept-language': languageTag(state.language), ...init.headers };
  let body: BodyInit | undefined;
  if (init.body instanceof FormData) body = init.body;
  else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  if (method !== 'GET') headers['x-csrf-token'] = state.csrf;
  state.lastRequestAt = Date.now();
  const response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  if (!response.ok) {
    const error = errorOf(response.status, await response.json().catch(() => null));
    if (error.code === 'UNAUTHENTICATED' && !path.endsWith('/auth/login')) state.onUnauthenticated();
    throw error;
  }
  return response;
}

/** Calls the API and checks the answer against its schema. */
export async function api<T extends z.ZodType>(
  path: string,
  schema: T,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<z.infer<T>> {
  const response = await send(path, init);
  return schema.parse(response.status === 204 ? null : await response.json());
}

/** Calls an endpoint whose answer carries nothing the console reads. */
export async function apiVoid(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<void> {
  await send(path, { method: 'POST', ...init });
}

/** A query string from the set values of an object. */
export function query(values: Record<string, string | number | boolean | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '' && value !== false)
      params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
