import { OAuthError } from './oauth-error';

export const CLIENT_CREDENTIALS_GRANT = 'client_credentials';
/** RFC 7523 §2.1: a JWT from the client's identity provider as the grant itself. */
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** RFC 7523 §2.2: a JWT from the client's identity provider as client authentication. */
export const JWT_BEARER_CLIENT_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** The one scope: the tenant's SCIM endpoint. */
export const SCIM_SCOPE = 'scim';

/** How the client proved who it is (the RFC 8414 names of the methods). */
export type ClientCredential =
  | { method: 'client_secret_basic' | 'client_secret_post'; clientId: string; secret: string }
  | { method: 'private_key_jwt'; clientId: string; assertion: string }
  | { method: 'none'; clientId: string | undefined };

export interface TokenRequest {
  grant: { type: typeof CLIENT_CREDENTIALS_GRANT } | { type: typeof JWT_BEARER_GRANT; assertion: string };
  credential: ClientCredential;
  /** The client used the Authorization header: a failure to authenticate must challenge it. */
  usedAuthorizationHeader: boolean;
}

/** Generous for what each parameter carries (a client id is a UUID; an Entra assertion is 1–3 KB). */
const MAX_LENGTH: Record<string, number> = {
  grant_type: 200,
  scope: 1000,
  client_id: 255,
  client_secret: 1024,
  client_assertion_type: 200,
  client_assertion: 16_384,
  assertion: 16_384,
};

/**
 * Reads a token request (RFC 6749 §4.4.2, RFC 7521 §4.2, RFC 7523 §2) from its form parameters
 * and Authorization header, checking everything that needs no database: each parameter at most
 * once, the grant type, the scope, and one way of authenticating the client. Throws OAuthError.
 * Unknown parameters are ignored and empty ones count as absent (RFC 6749 §3.1).
 */
export function parseTokenRequest(form: URLSearchParams, authorization: string | undefined): TokenRequest {
  const parameter = (name: string): string | undefined => {
    const values = form.getAll(name);
    if (values.length > 1) {
      throw new OAuthError('invalid_request', `Send ${name} once; it was sent ${values.length} times.`);
    }
    const value = values[0];
    if (value && value.length > MAX_LENGTH[name]!) {
      throw new OAuthError('invalid_request', `${name} is longer than ${MAX_LENGTH[name]} characters.`);
    }
    return value || undefined;
  };
  const grantType = parameter('grant_type');
  const scope = parameter('scope');
  const bodyClientId = parameter('client_id');
  const clientSecret = parameter('client_secret');
  const assertionType = parameter('client_assertion_type');
  const clientAssertion = parameter('client_assertion');
  const grantAssertion = parameter('assertion');

  if (!grantType)
    throw new OAuthError('invalid_request', `grant_type is missing; send grant_type=${CLIENT_CREDENTIALS_GRANT}.`);
  if (grantType !== CLIENT_CREDENTIALS_GRANT && grantType !== JWT_BEARER_GRANT) {
    throw new OAuthError(
      'unsupported_grant_type',
      `The grant type ${grantType} is not supported; use ${CLIENT_CREDENTIALS_GRANT} (or ${JWT_BEARER_GRANT} with a federated client).`,
    );
  }
  checkScope(scope);

  const usedAuthorizationHeader = authorization !== undefined && authorization.trim() !== '';
  const basic = usedAuthorizationHeader ? basicCredentials(authorization!) : undefined;
  const methods = [
    basic && 'HTTP Basic',
    clientSecret && 'client_secret',
    (assertionType || clientAssertion) && 'client_assertion',
  ];
  const used = methods.filter(Boolean);
  if (used.length > 1) {
    throw new OAuthError(
      'invalid_request',
      `Authenticate the client one way only; this request used ${used.join(' and ')}.`,
    );
  }
  if (basic && bodyClientId && bodyClientId !== basic.clientId) {
    throw new OAuthError('invalid_request', 'client_id differs from the client id in the Authorization header.');
  }
  const credential = clientCredential({ basic, bodyClientId, clientSecret, assertionType, clientAssertion });

  if (grantType === CLIENT_CREDENTIALS_GRANT) {
    if (credential.method === 'none') {
      throw new OAuthError(
        'invalid_client',
        'The client did not authenticate: send its client secret (HTTP Basic or client_secret) or a client_assertion.',
      );
    }
    return { grant: { type: CLIENT_CREDENTIALS_GRANT }, credential, usedAuthorizationHeader };
  }
  if (!grantAssertion)
    throw new OAuthError('invalid_request', `The ${JWT_BEARER_GRANT} grant needs the assertion parameter.`);
  if (credential.method === 'private_key_jwt') {
    throw new OAuthError(
      'invalid_request',
      'Send the assertion either as the grant (assertion) or as client authentication (client_assertion), not both.',
    );
  }
  if (!credential.clientId) {
    throw new OAuthError('invalid_request', 'client_id is missing: send the client id Evercate showed for the client.');
  }
  return { grant: { type: JWT_BEARER_GRANT, assertion: grantAssertion }, credential, usedAuthorizationHeader };
}

/** RFC 6749 §3.3: space-delimited scope tokens; the only one there is is `scim`, and none means it. */
function checkScope(scope: string | undefined): void {
  const unknown = (scope ?? '').split(' ').filter((token) => token !== '' && token !== SCIM_SCOPE);
  if (unknown.length > 0) {
    throw new OAuthError(
      'invalid_scope',
      `The scope ${unknown.join(' ')} is not offered; the only scope is ${SCIM_SCOPE} (or leave scope out).`,
    );
  }
}

function clientCredential(parts: {
  basic: { clientId: string; secret: string } | undefined;
  bodyClientId: string | undefined;
  clientSecret: string | undefined;
  assertionType: string | undefined;
  clientAssertion: string | undefined;
}): ClientCredential {
  const { basic, bodyClientId, clientSecret, assertionType, clientAssertion } = parts;
  if (basic) return { method: 'client_secret_basic', ...basic };
  if (clientSecret) {
    if (!bodyClientId) throw new OAuthError('invalid_request', 'client_secret was sent without client_id.');
    return { method: 'client_secret_post', clientId: bodyClientId, secret: clientSecret };
  }
  if (assertionType || clientAssertion) {
    if (assertionType !== JWT_BEARER_CLIENT_ASSERTION) {
      throw new OAuthError(
        'invalid_client',
        assertionType
          ? `The client assertion type ${assertionType} is not supported; use ${JWT_BEARER_CLIENT_ASSERTION}.`
          : `client_assertion_type is missing; send ${JWT_BEARER_CLIENT_ASSERTION}.`,
      );
    }
    if (!clientAssertion)
      throw new OAuthError('invalid_request', 'client_assertion_type was sent without client_assertion.');
    if (!bodyClientId) {
      throw new OAuthError(
        'invalid_request',
        'client_id is missing: send the client id Evercate showed for the client along with its client_assertion.',
      );
    }
    return { method: 'private_key_jwt', clientId: bodyClientId, assertion: clientAssertion };
  }
  return { method: 'none', clientId: bodyClientId };
}

/**
 * The client id and secret of `Authorization: Basic …`. RFC 6749 §2.3.1 has both form-encoded
 * before they are joined by a colon and base64-encoded, so each is form-decoded here.
 */
function basicCredentials(authorization: string): { clientId: string; secret: string } {
  const refused = (why: string) => new OAuthError('invalid_client', why, { challenge: true });
  const match = /^\s*Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(authorization);
  if (!match) {
    throw refused('The Authorization header must be Basic with the client id and secret (client_secret_basic).');
  }
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw refused('The Basic credentials must be client id, a colon, and client secret, base64-encoded.');
  try {
    const clientId = formDecode(decoded.slice(0, colon));
    const secret = formDecode(decoded.slice(colon + 1));
    if (!clientId || !secret) throw refused('The Basic credentials need both a client id and a client secret.');
    if (clientId.length > MAX_LENGTH.client_id! || secret.length > MAX_LENGTH.client_secret!) {
      throw refused('The Basic credentials are longer than any client id and secret.');
    }
    return { clientId, secret };
  } catch (error) {
    if (error instanceof OAuthError) throw error;
    throw refused('The Basic credentials are not validly form-encoded (RFC 6749 section 2.3.1).');
  }
}

function formDecode(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}
