import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import type { ClientAuthentication, IssuedAccessToken } from '../../../domain/accounts/clients/client-authentication';
import { TransientDatabaseError } from '../../../platform/errors';
import type { SigningKeys } from '../jwks/signing-keys';
import {
  AssertionKeysUnavailableError,
  AssertionRefusedError,
  checkAssertionShape,
  verifyAssertion,
} from './client-assertion';
import type { FailureThrottle } from './failure-throttle';
import { OAuthError } from './oauth-error';
import { JWT_BEARER_GRANT, parseTokenRequest, SCIM_SCOPE, type TokenRequest } from './token-request';

/** A token request is a few short parameters; an Entra assertion is 1–3 KB. */
const MAX_FORM_BYTES = 64 * 1024;

/**
 * What the caller is told when authenticating fails after a client was looked up. It is the same
 * whatever the reason (unknown client, wrong or revoked secret, an assertion for another
 * audience…), so that nobody learns which client ids exist; the reason goes to the client's
 * record, where the tenant's admin reads it (`oauthClients { lastFailure }`), and to the log.
 */
const UNDISCLOSED: Record<'invalid_client' | 'invalid_grant', string> = {
  invalid_client:
    'Client authentication failed: the client id, client secret or client assertion is not valid, or the client or secret is revoked or expired. An admin of the Evercate tenant sees the reason on the client (lastFailure).',
  invalid_grant:
    'The assertion is not a valid grant for this client. An admin of the Evercate tenant sees the reason on the client (lastFailure).',
};

export interface TokenEndpointDependencies {
  clients: ClientAuthentication;
  keys: SigningKeys;
  throttle: FailureThrottle;
  log: Logger;
}

/**
 * `POST /oauth2/token`: the OAuth 2.0 client credentials grant (RFC 6749 §4.4) for Entra's
 * provisioning, with client_secret_basic, client_secret_post or a client assertion from the
 * client's identity provider (workload identity federation, RFC 7523 §2.2), and that assertion as
 * a jwt-bearer grant (RFC 7523 §2.1). It answers an access token for the client's tenant's SCIM,
 * or an error as RFC 6749 §5.2 has it; never cached (§5.1). Not a SCIM or GraphQL request: its
 * statements are autocommitted, before any tenant is known.
 */
export function tokenEndpoint(dependencies: TokenEndpointDependencies): Middleware {
  return async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Pragma', 'no-cache');
    const log: Logger = ctx.state.log ?? dependencies.log;
    try {
      if (ctx.method !== 'POST') {
        ctx.set('Allow', 'POST');
        throw new OAuthError('invalid_request', 'The token endpoint takes POST requests only.', { status: 405 });
      }
      const request = parseTokenRequest(await readForm(ctx), ctx.get('authorization') || undefined);
      const issued = await issue(request, ctx.ip, dependencies, log);
      log.info({ clientId: issued.clientId, tenantId: issued.tenantId }, 'access token issued');
      ctx.status = 200;
      ctx.body = {
        access_token: issued.accessToken,
        token_type: 'Bearer',
        expires_in: issued.expiresInSeconds,
        scope: SCIM_SCOPE,
      };
    } catch (error) {
      const refusal = asOAuthError(error, log);
      ctx.status = refusal.status;
      if (refusal.status === 401 && refusal.challenge) {
        ctx.set('WWW-Authenticate', 'Basic realm="evercate-directory", charset="UTF-8"');
      }
      if (refusal.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(refusal.retryAfterSeconds));
      ctx.body = refusal.body;
    }
  };
}

/** Records a failed authentication and returns what to answer; what the caller is told defaults to UNDISCLOSED. */
type Fail = (code: 'invalid_client' | 'invalid_grant', reason: string, told?: string) => Promise<OAuthError>;

/** Authenticates the client of a well-formed request and issues its token, or throws OAuthError. */
async function issue(
  request: TokenRequest,
  source: string,
  dependencies: TokenEndpointDependencies,
  log: Logger,
): Promise<IssuedAccessToken> {
  const { credential, grant } = request;
  const { clients, throttle } = dependencies;
  const wait = await throttle.heldBack(credential.clientId, source);
  if (wait !== undefined) {
    throw new OAuthError(
      'temporarily_unavailable',
      `Too many failed attempts for this client or from this address; retry in ${wait} s.`,
      { status: 429, retryAfterSeconds: wait },
    );
  }
  const fail: Fail = async (code, reason, told = UNDISCLOSED[code]) => {
    await throttle.recordFailure(credential.clientId, source);
    if (credential.clientId) await clients.recordFailure(credential.clientId, reason);
    log.info({ clientId: credential.clientId, reason }, 'token request refused');
    return new OAuthError(code, told, { challenge: request.usedAuthorizationHeader });
  };

  switch (credential.method) {
    case 'client_secret_basic':
    case 'client_secret_post': {
      if (grant.type === JWT_BEARER_GRANT) {
        const authenticated = await clients.authenticatesSecret(credential.clientId, credential.secret);
        if (authenticated !== true) throw await fail('invalid_client', authenticated.refused);
        throw new OAuthError(
          'unauthorized_client',
          `This client authenticates with a client secret and may use the client_credentials grant only; ${JWT_BEARER_GRANT} is for federated clients.`,
        );
      }
      const result = await clients.issueForSecret(credential.clientId, credential.secret);
      if ('refused' in result) throw await fail('invalid_client', result.refused);
      return result.issued;
    }
    case 'private_key_jwt':
      return issueForAssertion(credential.clientId, credential.assertion, 'invalid_client', dependencies, fail, log);
    case 'none':
      // parseTokenRequest lets a request without client authentication through only with a jwt-bearer grant and a client id.
      if (grant.type !== JWT_BEARER_GRANT || !credential.clientId) throw new Error('Unauthenticated token request');
      return issueForAssertion(credential.clientId, grant.assertion, 'invalid_grant', dependencies, fail, log);
  }
}

/**
 * A federated client's assertion, as client authentication (RFC 7523 §2.2, failing as
 * invalid_client) or as the grant itself (§2.1, failing as invalid_grant): checked first for what
 * needs no client (and may then be told), then verified completely against the client, then
 * exchanged for a token if its id was not used before.
 */
async function issueForAssertion(
  clientId: string,
  assertion: string,
  code: 'invalid_client' | 'invalid_grant',
  { clients, keys }: TokenEndpointDependencies,
  fail: Fail,
  log: Logger,
): Promise<IssuedAccessToken> {
  try {
    checkAssertionShape(assertion);
  } catch (error) {
    if (error instanceof AssertionRefusedError) throw await fail(code, error.reason, error.reason);
    throw error;
  }
  const found = await clients.federatedClient(clientId);
  if ('refused' in found) throw await fail(code, found.refused);
  let verified;
  try {
    verified = await verifyAssertion(assertion, found.client, keys.forUrl(found.client.jwksUri));
  } catch (error) {
    if (error instanceof AssertionRefusedError) throw await fail(code, error.reason);
    if (error instanceof AssertionKeysUnavailableError) {
      // Nothing is known to be wrong with the assertion: not counted as a failure, but the admin is told.
      log.warn({ err: error.cause, jwksUri: error.jwksUri }, "could not fetch a federated client's signing keys");
      await clients.recordFailure(clientId, `${error.message} The assertion could not be checked.`);
      throw new OAuthError(
        'temporarily_unavailable',
        "The signing keys of the client's identity provider could not be fetched to check the assertion; retry shortly.",
        { retryAfterSeconds: 5 },
      );
    }
    throw error;
  }
  const result = await clients.issueForAssertion(found.client, verified);
  if ('refused' in result) throw await fail(code, result.refused);
  return result.issued;
}

/** The form parameters of the body (RFC 6749 §4.4.2: application/x-www-form-urlencoded, UTF-8). */
async function readForm(ctx: Context): Promise<URLSearchParams> {
  if (!ctx.is('application/x-www-form-urlencoded')) {
    throw new OAuthError(
      'invalid_request',
      'Send the parameters form-encoded, with Content-Type: application/x-www-form-urlencoded (RFC 6749 section 4.4.2).',
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) {
      throw new OAuthError('invalid_request', `The request body is larger than ${MAX_FORM_BYTES} bytes.`, {
        status: 413,
      });
    }
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function asOAuthError(error: unknown, log: Logger): OAuthError {
  if (error instanceof OAuthError) return error;
  if (error instanceof TransientDatabaseError) {
    log.warn({ err: error.cause ?? error }, 'database unavailable');
    return new OAuthError('temporarily_unavailable', 'The directory cannot reach its database; retry shortly.', {
      retryAfterSeconds: 5,
    });
  }
  log.error({ err: error }, 'token request failed');
  return new OAuthError('server_error', 'The token request failed unexpectedly. It has been logged.');
}
