import type { Statement } from '../../../platform/db/statement';
import { enterTenantColumns } from '../../../platform/db/tenant-entry';
import { hashCredential } from './client-credentials';

/** What the authenticating statement selects about an access token. */
export interface AuthenticatedAccessToken {
  tenant_id: string;
  client_id: string;
  expires_at: string;
  expired: boolean;
  /** Its client, or the secret it was issued for, was revoked. */
  revoked: boolean;
}

/**
 * The first statement of a SCIM request that carries an OAuth access token, the counterpart of
 * tokenAuthentication (tokens/token-authentication.ts): it finds the token, enters its tenant,
 * and says whether the token expired or its client or secret was revoked since it was issued.
 * The caller rolls back and refuses the request then; checking the client and the secret here,
 * on every request, is what makes revoking them take effect at once on every instance.
 */
export function accessTokenAuthentication(token: string): Statement {
  return {
    text: `select t.tenant_id, t.client_id, t.expires_at, t.expires_at <= now() as expired,
                  (c.revoked_at is not null or s.revoked_at is not null) as revoked,
                  ${enterTenantColumns('t.tenant_id')}
             from oauth_access_tokens t
             join oauth_clients c on c.tenant_id = t.tenant_id and c.id = t.client_id
             left join oauth_client_secrets s on s.tenant_id = t.tenant_id and s.id = t.secret_id
            where t.token_hash = ?`,
    params: [hashCredential(token)],
  };
}
