import * as oidc from 'openid-client';
import type { OidcConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** What the browser carries (sealed) between leaving for the provider and coming back. */
export interface PendingSignOn {
  state: string;
  nonce: string;
  verifier: string;
  /** Epoch milliseconds after which the round trip is refused. */
  until: number;
}

/** The person the provider vouched for. */
export interface VouchedIdentity {
  issuer: string;
  subject: string;
  name: string | null;
  email: string | null;
}

/** How long a staff member may spend at the provider's sign-in page. */
export const SIGN_ON_TTL_MS = 10 * 60_000;

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);

const text = (value: unknown, max: number): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : null;

/**
 * Staff single sign-on through the ministry's OpenID Connect provider: the authorisation code flow with PKCE,
 * a state and a nonce, the ID token checked by openid-client (signature, issuer, audience, expiry, nonce).
 * The provider's metadata is discovered on first use and kept; a failed discovery is tried again next time.
 */
export class SingleSignOn {
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(
    readonly config: OidcConfig,
    private readonly log: Logger,
  ) {}

  private discover(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      const issuer = new URL(this.config.issuer);
      // Plain HTTP only to a provider on this machine (a test or a sidecar); a ministry's is HTTPS.
      const insecure = issuer.protocol === 'http:' && loopback.has(issuer.hostname);
      this.configuration = oidc
        .discovery(
          issuer,
          this.config.clientId,
          { redirect_uris: [this.config.redirectUrl], response_types: ['code'] },
          oidc.ClientSecretPost(this.config.clientSecret),
          insecure ? { execute: [oidc.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
        )
        .catch((error: unknown) => {
          this.configuration = undefined;
          this.log.warn({ err: error }, 'single sign-on: the provider could not be reached');
          throw new AppError('SERVICE_UNAVAILABLE');
        });
    }
    return this.configuration;
  }

  /** The provider's sign-in address for a new round trip, and what the browser must carry back. */
  async start(now: Date): Promise<{ url: string; pending: PendingSignOn }> {
    const configuration = await this.discover();
    const pending: PendingSignOn = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      until: now.getTime() + SIGN_ON_TTL_MS,
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.config.redirectUrl,
      scope: 'openid profile email',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, pending };
  }

  /**
   * Finishes a round trip: the provider's answer (the callback's query string) against what the browser
   * carried. Anything wrong (another window's state, an expired trip, a code used before, a refusal at the
   * provider) is SSO_FAILED; the reason is logged without the person's data.
   */
  async finish(query: string, pending: PendingSignOn | undefined, now: Date): Promise<VouchedIdentity> {
    if (!pending || pending.until <= now.getTime()) throw new AppError('SSO_FAILED');
    const configuration = await this.discover();
    const back = new URL(this.config.redirectUrl);
    back.search = query;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, back, {
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        pkceCodeVerifier: pending.verifier,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('no ID token claims');
      // Many providers put the profile in the userinfo answer rather than the ID token.
      const profile =
        claims.name === undefined && configuration.serverMetadata().userinfo_endpoint
          ? await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub)
          : claims;
      return {
        issuer: claims.iss,
        subject: claims.sub,
        name: text(profile.name, 200),
        email: text(profile.email, 320),
      };
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown';
      this.log.warn({ reason: reason.slice(0, 300) }, 'single sign-on: the provider’s answer was refused');
      throw new AppError('SSO_FAILED');
    }
  }
}

/** Tells a pending round trip from anything else found in the cookie. */
export function isPendingSignOn(value: unknown): value is PendingSignOn {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.state === 'string' &&
    typeof v.nonce === 'string' &&
    typeof v.verifier === 'string' &&
    typeof v.until === 'number'
  );
}
