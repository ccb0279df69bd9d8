import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DataProtector } from '../server/security/data-protector.ts';

// Two cookies, both sealed with the data key (AES-256-GCM via DataProtector), so any replica can read them
// and nobody can forge or read them in the browser:
// - a CSRF nonce for the signed double-submit check of state-changing forms;
// - the "pass" for appeals this browser has proven it knows (number + access code), so the status page,
//   the receipt and the answer can be plain GET pages (refreshable, language switch keeps the page) without
//   ever putting the access code in a URL.

export const CSRF_COOKIE = 'murojaat_csrf';
export const PASS_COOKIE = 'murojaat_pass';
const CSRF_CONTEXT = 'portal/csrf/v1';
const PASS_CONTEXT = 'portal/pass/v1';
/** How long a pass lasts after the code was last entered. */
const PASS_TTL_MS = 2 * 60 * 60 * 1000;
const PASSES_MAX = 5;

function cookieOptions(request: FastifyRequest) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
  };
}

function seal(protector: DataProtector, value: unknown, context: string): string {
  return protector.seal(value, context).toString('base64url');
}

function open(protector: DataProtector, token: string | undefined, context: string): unknown {
  if (!token || token.length > 4000) return undefined;
  try {
    return protector.open(Buffer.from(token, 'base64url'), context);
  } catch {
    return undefined;
  }
}

function isNonce(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{22}$/.test(value);
}

/**
 * The hidden-field token for a form: it seals the nonce held in the CSRF cookie (set now if missing or
 * damaged). A cross-site page can make the browser send the cookie but can read neither it nor a token.
 */
export function csrfToken(protector: DataProtector, request: FastifyRequest, reply: FastifyReply): string {
  let nonce = request.cookies[CSRF_COOKIE];
  if (!isNonce(nonce)) {
    nonce = randomBytes(16).toString('base64url');
    reply.setCookie(CSRF_COOKIE, nonce, cookieOptions(request));
    // A page rendered later in this same request must see the new nonce too.
    request.cookies[CSRF_COOKIE] = nonce;
  }
  return seal(protector, { n: nonce }, CSRF_CONTEXT);
}

/** True when the form's token seals the very nonce of this browser's CSRF cookie. */
export function csrfValid(protector: DataProtector, request: FastifyRequest, token: unknown): boolean {
  const cookie = request.cookies[CSRF_COOKIE];
  if (!isNonce(cookie) || typeof token !== 'string') return false;
  const opened = open(protector, token, CSRF_CONTEXT);
  const nonce = opened && typeof opened === 'object' && 'n' in opened ? opened.n : undefined;
  if (!isNonce(nonce)) return false;
  return timingSafeEqual(Buffer.from(nonce), Buffer.from(cookie));
}

/** An appeal this browser may show without asking for the code again. */
export interface Pass {
  number: string;
  accessCode: string;
}

interface StoredPass extends Pass {
  until: number;
}

function isStoredPass(value: unknown): value is StoredPass {
  return (
    typeof value === 'object' &&
    value !== null &&
    'number' in value &&
    typeof value.number === 'string' &&
    'accessCode' in value &&
    typeof value.accessCode === 'string' &&
    'until' in value &&
    typeof value.until === 'number'
  );
}

function readPasses(protector: DataProtector, request: FastifyRequest, now: number): StoredPass[] {
  const opened = open(protector, request.cookies[PASS_COOKIE], PASS_CONTEXT);
  if (!Array.isArray(opened)) return [];
  return opened.filter(isStoredPass).filter((p) => p.until > now);
}

/** The pass for one appeal number, if this browser holds a live one. */
export function passFor(
  protector: DataProtector,
  request: FastifyRequest,
  number: string,
  now: number,
): Pass | undefined {
  const found = readPasses(protector, request, now).find((p) => p.number === number);
  return found ? { number: found.number, accessCode: found.accessCode } : undefined;
}

/** Remembers an appeal for this browser (newest first, a few at most), for two hours. */
export function grantPass(
  protector: DataProtector,
  request: FastifyRequest,
  reply: FastifyReply,
  pass: Pass,
  now: number,
): void {
  const others = readPasses(protector, request, now).filter((p) => p.number !== pass.number);
  const passes = [{ ...pass, until: now + PASS_TTL_MS }, ...others].slice(0, PASSES_MAX);
  reply.setCookie(PASS_COOKIE, seal(protector, passes, PASS_CONTEXT), cookieOptions(request));
}

/** Forgets every appeal on this browser (a shared phone, a library computer). */
export function clearPasses(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(PASS_COOKIE, cookieOptions(request));
}
