export type TokenKind = 'scim' | 'graphql';

/**
 * What a credential may do. `read` sees the directory, `write` changes it, `admin` manages tokens,
 * single sign-on settings and reads the provisioning log. Each scope implies the ones before it.
 */
export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export function grants(scopes: readonly Scope[], needed: Scope): boolean {
  const rank = (scope: Scope) => SCOPES.indexOf(scope);
  return scopes.some((scope) => rank(scope) >= rank(needed));
}

/** A SCIM token reads and writes the directory; it is what Entra holds. */
export const SCIM_TOKEN_SCOPES: Scope[] = ['write'];
