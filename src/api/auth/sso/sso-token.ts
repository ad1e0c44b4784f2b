import { decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { SigningKeysUnavailableError, SsoRefusedError } from './sso-errors';
import type { SsoSettingsRecord } from '../../../domain/accounts/sso/sso-settings.record';
import { ASYMMETRIC_ALGORITHMS, isKeyFetchFailure } from '../jwks/signing-keys';

/** Identity providers' clocks and ours drift a little; a minute is the customary allowance. */
const CLOCK_TOLERANCE_SECONDS = 60;

/** Longer than any issuer URL a tenant could configure (see sso-settings.validation.ts). */
const MAX_ISSUER_LENGTH = 2048;

const COMPACT_JWS = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** API tokens start `gql_`; a signed JWT (compact form) is a signed-in user's token. */
export function looksLikeJwt(bearer: string): boolean {
  return COMPACT_JWS.test(bearer);
}

export interface UnverifiedClaims {
  issuer: string;
  audiences: string[];
}

/**
 * The issuer and audiences as the token claims them, before anything is verified. They only choose
 * which tenant's settings (and so which signing keys) to verify the token with; nothing else may
 * rely on them.
 */
export function readUnverifiedClaims(token: string): UnverifiedClaims {
  let payload: JWTPayload;
  try {
    payload = decodeJwt(token);
  } catch {
    throw new SsoRefusedError('INVALID_TOKEN', 'The bearer token is not a well-formed JWT.');
  }
  if (typeof payload.iss !== 'string' || !payload.iss) {
    throw new SsoRefusedError('INVALID_TOKEN', 'The token has no issuer (iss) claim.');
  }
  // An issuer is a URL: no tenant's settings can name one with control characters (PostgreSQL
  // text could not even hold a NUL), so such a token is refused before anything looks it up.
  if (payload.iss.length > MAX_ISSUER_LENGTH || /[\u0000-\u001f\u007f]/.test(payload.iss)) {
    throw new SsoRefusedError('UNKNOWN_ISSUER', 'No tenant accepts sign-ins from this token issuer (iss).');
  }
  const audiences = typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : [];
  return { issuer: payload.iss, audiences: audiences.filter((aud): aud is string => typeof aud === 'string') };
}

/** Verifies signature, issuer, audience and lifetime against one tenant's settings; returns the claims. */
export async function verifySsoToken(
  token: string,
  settings: Pick<SsoSettingsRecord, 'issuer' | 'audience'>,
  keys: JWTVerifyGetKey,
): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: settings.issuer,
      audience: settings.audience,
      algorithms: ASYMMETRIC_ALGORITHMS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp'],
    });
    return payload;
  } catch (error) {
    throw refusalFor(error);
  }
}

function refusalFor(error: unknown): Error {
  if (isKeyFetchFailure(error)) return new SigningKeysUnavailableError(error);
  if (error instanceof errors.JWTExpired) {
    return new SsoRefusedError('TOKEN_EXPIRED', 'The token has expired; sign in again.');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') {
      return new SsoRefusedError('WRONG_AUDIENCE', 'The token was issued for another application (aud).');
    }
    if (error.claim === 'iss') return new SsoRefusedError('UNKNOWN_ISSUER', 'The token comes from another issuer.');
    return new SsoRefusedError('INVALID_TOKEN', `The token is not valid: ${error.message}.`);
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return new SsoRefusedError(
      'INVALID_TOKEN',
      'The token is signed with a key the identity provider does not publish.',
    );
  }
  return new SsoRefusedError('INVALID_TOKEN', 'The token signature or format is not valid.');
}
