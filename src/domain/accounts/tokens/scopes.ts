export type { TokenKind } from '../../../model/api-token.entity';

/**
 * What a credential may do. `read` sees the directory, `write` changes it, `admin` manages tokens,
 * single sign-on settings and reads the provisioning log. Each scope implies the ones before it.
 */
export const SCOPES = ['read', 'write', 'admin'] as const;

/**
 * `provision` stands apart from the ranking: only SCIM tokens have it, and it lets the SCIM facade
 * write the provisioning log (nobody else may write entries an admin relies on).
 */
export type Scope = (typeof SCOPES)[number] | 'provision';

export function grants(scopes: readonly Scope[], needed: Scope): boolean {
  if (needed === 'provision') return scopes.includes('provision');
  const rank = (scope: Scope) => SCOPES.indexOf(scope as (typeof SCOPES)[number]);
  return scopes.some((scope) => rank(scope) >= rank(needed));
}

/** A SCIM token reads and writes the directory and records the provisioning log; it is what Entra holds. */
export const SCIM_TOKEN_SCOPES: Scope[] = ['write', 'provision'];
