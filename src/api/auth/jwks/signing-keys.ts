import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';

/** Enough for every tenant's identity provider; past it the oldest key set is dropped and refetched when needed. */
const MAX_KEY_SETS = 1000;

/**
 * The signature algorithms a token or assertion verified with published keys may use: asymmetric
 * only. A JWKS holds public keys, so HMAC would let anyone who has one sign; `none` signs nothing.
 */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/**
 * Identity providers' published signing keys (JWKS), one jose key set per URL, shared by every
 * tenant that uses the URL (all Entra tenants publish the same keys) and by both of their uses:
 * signed-in users' tokens (single sign-on) and federated OAuth clients' assertions. jose caches the
 * keys by key id, refetches them when they are older than `maxAgeSeconds`, and refetches at once
 * when a token names a key id it has not seen (key rotation), at most once per
 * `refreshCooldownSeconds`. Keeping them in the process is safe: a key set is public, and a stale
 * one only delays accepting a newly rotated key.
 */
export class SigningKeys {
  private readonly keySets = new Map<string, JWTVerifyGetKey>();

  constructor(
    private readonly options: { refreshCooldownSeconds: number; maxAgeSeconds?: number; timeoutSeconds?: number },
  ) {}

  forUrl(jwksUri: string): JWTVerifyGetKey {
    let keySet = this.keySets.get(jwksUri);
    if (!keySet) {
      if (this.keySets.size >= MAX_KEY_SETS) this.keySets.delete(this.keySets.keys().next().value!);
      keySet = createRemoteJWKSet(new URL(jwksUri), {
        cooldownDuration: this.options.refreshCooldownSeconds * 1000,
        cacheMaxAge: (this.options.maxAgeSeconds ?? 600) * 1000,
        timeoutDuration: (this.options.timeoutSeconds ?? 5) * 1000,
      });
      this.keySets.set(jwksUri, keySet);
    }
    return keySet;
  }
}

/**
 * Whether verifying failed because the keys could not be fetched (a timeout, an error status, a
 * body that is no JWKS, no connection) rather than because of the token: then nothing is known to
 * be wrong with the token, and the answer is 503, not 401.
 */
export function isKeyFetchFailure(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true;
  return (
    error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error.code === errors.JOSEError.code
  );
}
