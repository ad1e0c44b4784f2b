import { ASYMMETRIC_ALGORITHMS } from '../jwks/signing-keys';
import { CLIENT_CREDENTIALS_GRANT, JWT_BEARER_GRANT, SCIM_SCOPE } from './token-request';

export const TOKEN_ENDPOINT_PATH = '/oauth2/token';
export const METADATA_PATH = '/.well-known/oauth-authorization-server';

/**
 * RFC 8414 authorization server metadata: where the token endpoint is and what it accepts. The
 * issuer is the service's base URL, so the metadata sits at its well-known path (§3).
 */
export function authorizationServerMetadata(baseUrl: string) {
  return {
    issuer: baseUrl,
    token_endpoint: `${baseUrl}${TOKEN_ENDPOINT_PATH}`,
    grant_types_supported: [CLIENT_CREDENTIALS_GRANT, JWT_BEARER_GRANT],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ASYMMETRIC_ALGORITHMS,
    scopes_supported: [SCIM_SCOPE],
    // There is no authorization endpoint, so no response type (RFC 8414 §2 makes the member required).
    response_types_supported: [],
  };
}
