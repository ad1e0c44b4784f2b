import type { Scope, TokenKind } from '../../domain/accounts/tokens/scopes';

/** Who is calling: the tenant (from the credential, never from an argument) and what they may do. */
export interface Principal {
  tenantId: string;
  kind: TokenKind | 'sso';
  /** The token id, or the signed-in user's id; recorded as the actor of changes. */
  subjectId: string;
  scopes: Scope[];
}

/** How changes made by this principal are attributed in the change record. */
export function actorOf(principal: Principal): string {
  return `${principal.kind}:${principal.subjectId}`;
}
