import { createHash } from 'node:crypto';

/** Requests whose credential has not yet been seen on this instance share one fair-share key. */
export const UNIDENTIFIED = 'unidentified';

/**
 * Which tenant a credential belonged to the last time it was admitted here: the fair-share key of
 * its next request, known before a database connection is taken. Only fairness uses it; every
 * request is still authenticated by the database, so a stale entry (a revoked token) costs nothing.
 * Keyed by a hash of the credential, never the credential itself; bounded, least recently used
 * entries go first.
 */
export class CredentialTenants {
  private readonly tenants = new Map<string, string>();

  constructor(private readonly capacity = 10_000) {}

  /**
   * The credential's last known tenant (UNIDENTIFIED when none), and how to note the tenant it
   * authenticated into this time. The credential is hashed once for both.
   */
  lookup(credential: string): { tenant: string; remember(tenant: string): void } {
    const key = keyOf(credential);
    const known = this.tenants.get(key);
    if (known !== undefined) this.touch(key, known);
    return {
      tenant: known ?? UNIDENTIFIED,
      remember: (tenant) => {
        if (tenant !== known) this.touch(key, tenant);
      },
    };
  }

  /** Sets the entry and makes it the most recently used. */
  private touch(key: string, tenant: string): void {
    this.tenants.delete(key);
    this.tenants.set(key, tenant);
    if (this.tenants.size > this.capacity) this.tenants.delete(this.tenants.keys().next().value!);
  }
}

function keyOf(credential: string): string {
  return createHash('sha256').update(credential).digest('base64url');
}
