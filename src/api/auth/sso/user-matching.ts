import type { JWTPayload } from 'jose';
import { fragment, type Fragment } from '../../../platform/db/sql-fragment';
import { SsoRefusedError } from './sso-errors';
import type { UserMatching } from '../../../domain/accounts/sso/sso-settings.record';

/** The claim a verified token names its user by, under the tenant's matching rule. */
export function matchingClaimValue(matching: UserMatching, claims: JWTPayload): string {
  if (matching === 'oid_to_external_id') {
    const oid = claims.oid;
    if (typeof oid === 'string' && oid) return oid;
    throw new SsoRefusedError('USER_NOT_PROVISIONED', 'The token has no oid claim to find the user by.');
  }
  for (const claim of ['preferred_username', 'upn', 'email']) {
    const value = claims[claim];
    if (typeof value === 'string' && value) return value;
  }
  throw new SsoRefusedError(
    'USER_NOT_PROVISIONED',
    'The token has no preferred_username, upn or email claim to find the user by.',
  );
}

/**
 * The condition on `users u` that finds the user a token names, on the (tenant_id, lower(…))
 * indexes. Both compare ignoring case: userNames are unique that way, and Entra object ids are
 * GUIDs that some mappings upper-case.
 */
export function userMatchCondition(matching: UserMatching, claimValue: string): Fragment {
  return matching === 'oid_to_external_id'
    ? fragment('u.external_id_key = lower(?)', claimValue)
    : fragment('u.user_name_key = lower(?)', claimValue);
}
