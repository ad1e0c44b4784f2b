import { randomBytes, randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import type { Response } from 'supertest';
import type { GraphQLClient } from '../../support/graphql';
import type { TestService } from '../../support/harness';
import type { TestIdentityProvider } from './identity-provider';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * OAuth service settings for tests: the source address comes from X-Forwarded-For, so that each
 * test can be its own source (the failure throttle counts per source), with small failure limits
 * and a three-second key refetch cooldown (long enough for a few token requests on a loaded machine).
 */
export const OAUTH_TEST_SETTINGS = {
  TRUST_PROXY: 'true',
  OAUTH_CLIENT_FAILURES_PER_MINUTE: '3',
  OAUTH_SOURCE_FAILURES_PER_MINUTE: '6',
  SSO_JWKS_REFRESH_COOLDOWN_SECONDS: '3',
};

/**
 * A source address no other request of the run uses (random, in the IPv6 documentation prefix of
 * RFC 3849), also across test files running at once on the same database.
 */
export function newSource(): string {
  const groups = randomBytes(8).toString('hex').match(/.{4}/g)!;
  return `2001:db8:${groups.join(':')}::1`;
}

/** A token request as Entra sends it: form-encoded, from `source` (a fresh one unless given). */
export function tokenRequest(
  service: TestService,
  form: Record<string, string | string[]>,
  options: { basic?: [clientId: string, secret: string]; authorization?: string; source?: string } = {},
): Promise<Response> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  let request = service.http
    .post('/oauth2/token')
    .set('X-Forwarded-For', options.source ?? newSource())
    .set('Content-Type', 'application/x-www-form-urlencoded');
  if (options.basic) request = request.set('Authorization', basicAuthorization(...options.basic));
  if (options.authorization) request = request.set('Authorization', options.authorization);
  return request.send(body.toString()).then((response: Response) => response);
}

/** RFC 6749 §2.3.1: each part form-encoded, then joined by a colon and base64-encoded. */
export function basicAuthorization(clientId: string, secret: string): string {
  const encode = (text: string) => encodeURIComponent(text).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(secret)}`).toString('base64')}`;
}

export const CLIENT_FIELDS = `id name kind accessTokenLifetimeMinutes createdAt lastUsedAt lastFailedAt lastFailure revokedAt
  federation { issuer subject audiences jwksUri }
  secrets { id clientId prefix createdAt expiresAt lastUsedAt revokedAt status }`;

export const CLIENT_CREATE = `mutation($input: OAuthClientCreateInput!) {
  oauthClientCreate(input: $input) { oauthClient { ${CLIENT_FIELDS} } clientSecret userErrors { code field message } }
}`;

export interface SecretClient {
  clientId: string;
  clientSecret: string;
  secretId: string;
}

/** A client with a first secret, made by the tenant's admin over GraphQL; fails the test on userErrors. */
export async function createSecretClient(
  admin: GraphQLClient,
  input: Record<string, unknown> = {},
): Promise<SecretClient> {
  const data = await admin.query(CLIENT_CREATE, { input: { name: 'Entra provisioning', ...input } });
  if (data.oauthClientCreate.userErrors.length > 0) throw new Error(JSON.stringify(data.oauthClientCreate.userErrors));
  const client = data.oauthClientCreate.oauthClient;
  return { clientId: client.id, clientSecret: data.oauthClientCreate.clientSecret, secretId: client.secrets[0].id };
}

/** Entra's workload identity for provisioning, as the admin copies it from Entra. */
export interface Workload {
  subject: string;
  audience: string;
}

export function newWorkload(): Workload {
  const appId = randomUUID();
  return { subject: randomUUID(), audience: `api://${appId}` };
}

/** A federated client trusting `provider`'s assertions about `workload`; fails the test on userErrors. */
export async function createFederatedClient(
  admin: GraphQLClient,
  provider: TestIdentityProvider,
  workload: Workload,
  federation: Record<string, unknown> = {},
): Promise<string> {
  const data = await admin.query(CLIENT_CREATE, {
    input: {
      name: 'Entra provisioning (federated)',
      federation: {
        issuer: provider.issuer,
        subject: workload.subject,
        audiences: [workload.audience],
        jwksUri: provider.jwksUri,
        ...federation,
      },
    },
  });
  if (data.oauthClientCreate.userErrors.length > 0) throw new Error(JSON.stringify(data.oauthClientCreate.userErrors));
  return data.oauthClientCreate.oauthClient.id;
}

/** An assertion as Entra signs it for the workload: sub, aud and a fresh jti; `claims` override. */
export function assertion(
  provider: TestIdentityProvider,
  workload: Workload,
  claims: JWTPayload = {},
  options: Parameters<TestIdentityProvider['token']>[1] = {},
): Promise<string> {
  return provider.token({ sub: workload.subject, aud: workload.audience, jti: randomUUID(), ...claims }, options);
}

/** The form Entra posts for workload identity federation (RFC 7523 §2.2). */
export function assertionForm(clientId: string, clientAssertion: string): Record<string, string> {
  return {
    grant_type: 'client_credentials',
    client_id: clientId,
    client_assertion_type: CLIENT_ASSERTION_TYPE,
    client_assertion: clientAssertion,
    scope: 'scim',
  };
}

/** Error responses of the token endpoint: RFC 6749 §5.2, never cached. */
export function expectOAuthError(response: Response, status: number, error: string): void {
  expect({ status: response.status, error: response.body.error }).toEqual({ status, error });
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.headers['pragma']).toBe('no-cache');
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  // RFC 6749 §5.2: error_description is printable ASCII without " and \.
  expect(response.body.error_description).toMatch(/^[\x20\x21\x23-\x5b\x5d-\x7e]+$/);
}

/** Windows are whole minutes: start a burst early enough in one that it cannot straddle two. */
export async function freshWindow(): Promise<void> {
  const secondsLeft = 60 - ((Date.now() / 1000) % 60);
  if (secondsLeft < 15) await new Promise((resolve) => setTimeout(resolve, secondsLeft * 1000 + 200));
}
