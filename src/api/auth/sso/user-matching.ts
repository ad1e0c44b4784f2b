import type { JWTPayload } from 'jose';
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
