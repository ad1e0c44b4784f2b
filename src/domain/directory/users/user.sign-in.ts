import type { UserMatching } from '../../../model/sso-settings.entity';
import { fragment, type Fragment } from '../../../platform/db/sql-fragment';

/**
 * The condition on `users u` that finds the user a signed-in user's token names, on the lookup-key
 * indexes. Both compare ignoring case: userNames are unique that way, and Entra object ids are
 * GUIDs that some mappings upper-case.
 */
export function userMatchCondition(matching: UserMatching, claimValue: string): Fragment {
  return matching === 'oid_to_external_id'
    ? fragment('u.external_id_key = lower(?)', claimValue)
    : fragment('u.user_name_key = lower(?)', claimValue);
}

/**
 * A subquery selecting how many users of the tenant `tenantId` (an SQL expression) the token
 * names (`matches`, at most 2), the first one's id (`user_id`) and whether all are active.
 */
export function signInMatches(tenantId: string, matching: UserMatching, claimValue: string): Fragment {
  const match = userMatchCondition(matching, claimValue);
  return {
    text: `select count(*)::int as matches, (array_agg(u.id))[1] as user_id, bool_and(u.active) as active
             from (select u.id, u.active from users u where u.tenant_id = ${tenantId} and ${match.text} limit 2) u`,
    params: match.params,
  };
}

/** Selects the signed-in user as (tenant_id, subject), for the rate limiter. */
export function signedInUserCredential(tenantId: string, matching: UserMatching, claimValue: string): Fragment {
  const match = userMatchCondition(matching, claimValue);
  return fragment(
    `select u.tenant_id, u.id as subject from users u where u.tenant_id = ? and ${match.text} and u.active limit 1`,
    tenantId,
    ...match.params,
  );
}
