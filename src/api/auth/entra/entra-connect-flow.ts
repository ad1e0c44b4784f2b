import type {
  ConsumedAuthorizationRequest,
  NewAuthorizationRequest,
} from '../../../domain/accounts/entra/authorization-requests';
import type { EntraSettings } from '../../../platform/config';
import type { SigningKeys } from '../jwks/signing-keys';
import { codeChallenge, newAuthorizationRequest } from './authorization-secrets';
import { EntraEndpoints } from './entra-endpoints';
import { verifyEntraIdToken, type VerifiedEntraIdToken } from './entra-id-token';
import { redeemCode } from './entra-token-endpoint';
import { returnPathOf } from './return-path';

/** What a sign-in at Microsoft is for: connecting the tenant (with admin consent) or signing in. */
export type AuthorizationPurpose = ConsumedAuthorizationRequest['purpose'];

/**
 * "Connect Microsoft Entra ID" as an OpenID Connect authorization-code sign-in with PKCE against
 * Microsoft's multi-tenant authority, for the application the operator registered
 * (ENTRA_CLIENT_ID). Builds the sign-in URL, and at the callback redeems the code and verifies the
 * ID token; what the requests and the connection store is the domain's (accounts/entra).
 */
export class EntraConnectFlow {
  readonly endpoints: EntraEndpoints;

  constructor(
    private readonly settings: EntraSettings,
    private readonly keys: SigningKeys,
  ) {
    this.endpoints = new EntraEndpoints(settings.authority);
  }

  /** The SCIM endpoint to paste as Entra's Tenant URL: one for every tenant, the token decides. */
  get scimTenantUrl(): string {
    return `${this.settings.publicBaseUrl}/scim`;
  }

  /**
   * A new sign-in: the request to store and the URL to send the administrator to. Connecting asks
   * for consent (`prompt=consent`, where an administrator ticks "Consent on behalf of your
   * organization"); signing in lets the person pick an account. Throws InvalidInputError for a
   * return URL on another origin.
   */
  authorization(
    purpose: AuthorizationPurpose,
    returnUrl: string | null | undefined,
  ): { request: NewAuthorizationRequest; signInUrl: string } {
    const request = newAuthorizationRequest(returnPathOf(returnUrl, this.settings.publicBaseUrl));
    const url = new URL(this.endpoints.authorize);
    url.search = new URLSearchParams({
      client_id: this.settings.clientId,
      redirect_uri: this.settings.redirectUri,
      response_type: 'code',
      scope: 'openid profile',
      prompt: purpose === 'connect' ? 'consent' : 'select_account',
      state: request.state,
      nonce: request.nonce,
      code_challenge: codeChallenge(request.codeVerifier),
      code_challenge_method: 'S256',
    }).toString();
    return { request, signInUrl: url.toString() };
  }

  /** Redeems the callback's code for the request and verifies the ID token (throws EntraSignInError). */
  async complete(
    code: string,
    request: ConsumedAuthorizationRequest,
  ): Promise<{ idToken: string; verified: VerifiedEntraIdToken }> {
    const idToken = await redeemCode({
      tokenEndpoint: this.endpoints.token,
      clientId: this.settings.clientId,
      clientSecret: this.settings.clientSecret,
      redirectUri: this.settings.redirectUri,
      code,
      codeVerifier: request.codeVerifier,
    });
    const verified = await verifyEntraIdToken(idToken, {
      endpoints: this.endpoints,
      clientId: this.settings.clientId,
      nonce: request.nonce,
      keys: this.keys,
    });
    return { idToken, verified };
  }

  /** Where to send the browser at the end: the return path on this service, with what it must pass on. */
  returnUrl(returnPath: string, fragment: Record<string, string> = {}): string {
    const url = new URL(returnPath, `${this.settings.publicBaseUrl}/`);
    // The fragment never reaches a server or a log; the page reads it and removes it.
    url.hash = new URLSearchParams(fragment).toString();
    return url.toString();
  }
}
