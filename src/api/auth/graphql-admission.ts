import type { Logger } from 'pino';
import type { Database } from '../../platform/db/database';
import type { Fragment } from '../../platform/db/sql-fragment';
import { identityProviderUnavailable, rateLimited, unauthenticated, type Admission } from './admission';
import { tokenCredential } from '../../domain/accounts/tokens/token-authentication';
import { authenticateToken } from './authenticate';
import type { RateLimiter } from './rate-limiter';
import { SigningKeysUnavailableError, SsoRefusedError } from './sso/sso-errors';
import type { SsoSignIn } from './sso/sso-sign-in';
import { looksLikeJwt } from './sso/sso-token';
import { bearerToken } from './bearer-token';

/** `requests` is how many requests this one counts as against the rate limit (one per mutation, at least one). */
export type GraphQLAdmission = (authorization: string | undefined, requests: number, log: Logger) => Promise<Admission>;

/**
 * Who may run a GraphQL request: an API token (`gql_…`) or a user signed in with the tenant's
 * identity provider (a JWT), each within the per-credential rate limit. SCIM does not come this
 * way: Entra's provisioning must never be throttled.
 */
export function graphqlAdmission(dependencies: {
  database: Database;
  rateLimiter: RateLimiter;
  ssoSignIn: SsoSignIn;
}): GraphQLAdmission {
  const { database, rateLimiter, ssoSignIn } = dependencies;

  /**
   * Counts the request first, on its own autocommitted statement, then enters the request's
   * transaction. Counting first makes a throttled request cost one statement and no transaction;
   * doing it in parallel would save a round trip but hold two pooled connections per request,
   * which deadlocks once every connection is a transaction waiting for its count. Measured, the
   * difference was within noise.
   */
  async function withinRateLimit(
    credential: Fragment,
    requests: number,
    enter: () => Promise<Admission>,
  ): Promise<Admission> {
    if (rateLimiter.enabled) {
      const counted = await rateLimiter.count(credential, requests);
      if (rateLimiter.exceeded(counted)) return rateLimited(rateLimiter.perMinute, counted!.retryAfterSeconds);
    }
    return enter();
  }

  return async (authorization, requests, log) => {
    const bearer = bearerToken(authorization);
    if (!bearer) {
      return unauthenticated(
        'MISSING_TOKEN',
        'Send an API token ("Bearer gql_…") or a signed-in user\'s token in the Authorization header.',
      );
    }
    if (!looksLikeJwt(bearer)) {
      return withinRateLimit(tokenCredential(bearer, 'graphql'), requests, async () => {
        const authenticated = await authenticateToken(database, bearer, 'graphql', 'per-values');
        return authenticated ?? unauthenticated('INVALID_TOKEN', 'The API token is not valid (unknown or revoked).');
      });
    }
    try {
      const verified = await ssoSignIn.verify(bearer);
      return await withinRateLimit(ssoSignIn.credential(verified), requests, () => ssoSignIn.enter(verified));
    } catch (error) {
      if (error instanceof SsoRefusedError) {
        log.info({ reason: error.reason }, 'single sign-on token refused');
        return unauthenticated(error.reason, error.message);
      }
      if (error instanceof SigningKeysUnavailableError) {
        log.warn({ err: error.cause }, "could not fetch the identity provider's signing keys");
        return identityProviderUnavailable();
      }
      throw error;
    }
  };
}
