import type { Scope, TokenKind } from '../../domain/accounts/tokens/scopes';

/** Who is calling: the tenant (from the credential, never from an argument) and what they may do. */
export interface Principal {
  tenantId: string;
  /** `entra`: a Microsoft Entra administrator finishing "Connect Microsoft Entra ID". */
  kind: TokenKind | 'sso' | 'entra';
  /** The token id, the signed-in user's id, or the Entra administrator's object id; recorded as the actor of changes. */
  subjectId: string;
  scopes: Scope[];
}

/** How changes made by this principal are attributed in the change record. */
export function actorOf(principal: Principal): string {
  return `${principal.kind}:${principal.subjectId}`;
}
