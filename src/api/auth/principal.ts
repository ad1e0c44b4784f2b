import type { Scope, TokenKind } from '../../domain/accounts/tokens/scopes';

/** Who is calling: the tenant (from the credential, never from an argument) and what they may do. */
export interface Principal {
  tenantId: string;
  /**
   * `entra`: a Microsoft Entra administrator finishing "Connect Microsoft Entra ID"; `oauth`: an
   * OAuth client's access token, for SCIM (src/domain/accounts/clients); `webhook`: the webhook
   * worker reading the objects it delivers, with the read scope only.
   */
  kind: TokenKind | 'sso' | 'entra' | 'oauth' | 'webhook';
  /** The token id, the signed-in user's id, the Entra administrator's object id, the OAuth client id or the webhook's id; recorded as the actor of changes. */
  subjectId: string;
  scopes: Scope[];
}

/** How changes made by this principal are attributed in the change record and the provisioning log. */
export function actorOf(principal: Principal): string {
  return `${principal.kind}:${principal.subjectId}`;
}
