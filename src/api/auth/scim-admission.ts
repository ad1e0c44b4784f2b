import { isAccessToken } from '../../domain/accounts/clients/client-credentials';
import type { Database } from '../../platform/db/database';
import { unauthenticated, type Admission } from './admission';
import { authenticateAccessToken, authenticateToken } from './authenticate';

/**
 * Admits a SCIM request by the tenant's SCIM secret token, or by an access token an OAuth client
 * of the tenant got at the token endpoint; SCIM is never rate limited (Entra must not be).
 */
export type ScimAdmission = (secret: string) => Promise<Admission>;

export function scimAdmission(database: Database): ScimAdmission {
  return async (secret) => {
    if (isAccessToken(secret)) return authenticateAccessToken(database, secret);
    // SCIM runs fixed point lookups and writes, whose cached plans serve every tenant alike.
    return (
      (await authenticateToken(database, secret, 'scim', 'cached')) ??
      unauthenticated(
        'INVALID_TOKEN',
        'The secret token is not valid (unknown or revoked). Create a new one in Evercate.',
      )
    );
  };
}
