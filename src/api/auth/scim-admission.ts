import type { Database } from '../../platform/db/database';
import { unauthenticated, type Admission } from './admission';
import { authenticateToken } from './authenticate';

/** Admits a SCIM request by the tenant's SCIM secret token; SCIM is never rate limited (Entra must not be). */
export type ScimAdmission = (secret: string) => Promise<Admission>;

export function scimAdmission(database: Database): ScimAdmission {
  return async (secret) =>
    // SCIM runs fixed point lookups and writes, whose cached plans serve every tenant alike.
    (await authenticateToken(database, secret, 'scim', 'cached')) ??
    unauthenticated('INVALID_TOKEN', 'The secret token is not valid (unknown or revoked).');
}
