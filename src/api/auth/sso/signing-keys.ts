import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

/** Enough for every tenant's identity provider; past it the oldest key set is dropped and refetched when needed. */
const MAX_KEY_SETS = 1000;

/**
 * Identity providers' published signing keys (JWKS), one jose key set per URL, shared by every
 * tenant that uses the URL (all Entra tenants publish the same keys). jose caches the keys, refetches
 * them when they are older than `maxAgeSeconds`, and refetches at once when a token names a key id it
 * has not seen (key rotation), at most once per `refreshCooldownSeconds`. Keeping them in the process
 * is safe: a key set is public, and a stale one only delays accepting a newly rotated key.
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
