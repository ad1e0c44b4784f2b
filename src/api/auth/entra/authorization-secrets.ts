import { createHash, randomBytes } from 'node:crypto';
import type { NewAuthorizationRequest } from '../../../domain/accounts/entra/authorization-requests';

/** 256 random bits, URL-safe: state, nonce, browser binding and PKCE code verifier alike. */
function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The secrets of one sign-in at Microsoft (RFC 6749 state, OpenID Connect nonce, RFC 7636 PKCE). */
export function newAuthorizationRequest(returnPath: string): NewAuthorizationRequest {
  return {
    state: randomSecret(),
    browserBinding: randomSecret(),
    nonce: randomSecret(),
    codeVerifier: randomSecret(),
    returnPath,
  };
}

/** PKCE S256: the challenge sent in the sign-in URL for the verifier sent with the code. */
export function codeChallenge(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
}
