import { randomUUID } from 'node:crypto';
import { graphqlClient, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';
import {
  CLIENT_FIELDS,
  createSecretClient,
  expectOAuthError,
  freshWindow,
  JWT_BEARER_GRANT,
  newSource,
  OAUTH_TEST_SETTINGS,
  tokenRequest,
  type SecretClient,
} from './support/oauth';

/**
 * The token endpoint for OAuth 2.0 client credentials (RFC 6749 §4.4, R-06a): what Entra's
 * provisioning does with a client id and secret, over HTTP against the real database.
 */
let service: TestService;
beforeAll(async () => {
  service = await startTestService(OAUTH_TEST_SETTINGS);
});
afterAll(() => service.close());

const CLIENT_CREDENTIALS = { grant_type: 'client_credentials' };

async function tenantWithClient(input: Record<string, unknown> = {}) {
  const tenant = await service.createTenant();
  const admin = graphqlClient(service, tenant.graphqlToken);
  return { tenant, admin, client: await createSecretClient(admin, input) };
}

async function clientState(admin: GraphQLClient, clientId: string) {
  const data = await admin.query(`{ oauthClients(includeRevoked: true) { nodes { ${CLIENT_FIELDS} } } }`);
  return data.oauthClients.nodes.find((client: { id: string }) => client.id === clientId);
}

/** Gets a token with client_secret_basic; fails the test otherwise. */
async function accessToken(client: SecretClient, secret = client.clientSecret): Promise<string> {
  const response = await tokenRequest(service, CLIENT_CREDENTIALS, { basic: [client.clientId, secret] });
  expect(response.status).toBe(200);
  return response.body.access_token;
}

const scimUsers = (token: string) => service.http.get('/scim/Users').set('Authorization', `Bearer ${token}`);

describe('client credentials (RFC 6749 §4.4)', () => {
  it('R-06a issues an access token for client_secret_basic, never cached, that the tenant’s SCIM accepts', async () => {
    const { client } = await tenantWithClient();
    const response = await tokenRequest(
      service,
      { ...CLIENT_CREDENTIALS, scope: 'scim' },
      {
        basic: [client.clientId, client.clientSecret],
      },
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      access_token: expect.stringMatching(/^oat_[A-Za-z0-9_-]{43}$/),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'scim',
    });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['pragma']).toBe('no-cache');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect((await scimUsers(response.body.access_token)).status).toBe(200);
  });

  it('R-06a issues an access token for client_secret_post, without a scope as with one', async () => {
    const { client } = await tenantWithClient();
    const response = await tokenRequest(service, {
      ...CLIENT_CREDENTIALS,
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'scim' });
    expect((await scimUsers(response.body.access_token)).status).toBe(200);
  });

  it('accepts client_id in the body alongside the same client id in Basic', async () => {
    const { client } = await tenantWithClient();
    const response = await tokenRequest(
      service,
      { ...CLIENT_CREDENTIALS, client_id: client.clientId },
      {
        basic: [client.clientId, client.clientSecret],
      },
    );
    expect(response.status).toBe(200);
  });

  it('issues tokens that live as long as the client says, up to 6 hours', async () => {
    const { client } = await tenantWithClient({ accessTokenLifetimeMinutes: 360 });
    const response = await tokenRequest(service, CLIENT_CREDENTIALS, { basic: [client.clientId, client.clientSecret] });
    expect(response.body.expires_in).toBe(6 * 3600);
  });

  it('rotates without downtime: two active secrets both work; revoking the old one ends it and its tokens at once', async () => {
    const { admin, client } = await tenantWithClient();
    const oldToken = await accessToken(client);

    const added = await admin.query(
      `mutation($input: OAuthClientSecretAddInput!) { oauthClientSecretAdd(input: $input) {
         secret { id status } clientSecret userErrors { code } } }`,
      { input: { clientId: client.clientId } },
    );
    expect(added.oauthClientSecretAdd).toMatchObject({ secret: { status: 'ACTIVE' }, userErrors: [] });
    const newSecret: string = added.oauthClientSecretAdd.clientSecret;
    const newToken = await accessToken(client, newSecret);
    expect(await accessToken(client)).toBeTruthy();
    expect((await scimUsers(oldToken)).status).toBe(200);
    expect((await scimUsers(newToken)).status).toBe(200);

    // The admin sees which secret Entra still uses before revoking the old one.
    const before = await clientState(admin, client.clientId);
    expect(before.secrets.map((secret: { lastUsedAt: string | null }) => secret.lastUsedAt)).toEqual([
      expect.any(String),
      expect.any(String),
    ]);

    const revoked = await admin.query(
      `mutation($input: OAuthClientSecretRevokeInput!) { oauthClientSecretRevoke(input: $input) {
         secret { id status revokedAt } userErrors { code } } }`,
      { input: { clientId: client.clientId, secretId: client.secretId } },
    );
    expect(revoked.oauthClientSecretRevoke).toMatchObject({
      secret: { id: client.secretId, status: 'REVOKED', revokedAt: expect.any(String) },
      userErrors: [],
    });
    expectOAuthError(
      await tokenRequest(service, CLIENT_CREDENTIALS, { basic: [client.clientId, client.clientSecret] }),
      401,
      'invalid_client',
    );
    const refused = await scimUsers(oldToken);
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toContain('revoked');
    expect((await scimUsers(newToken)).status).toBe(200);
    expect(await accessToken(client, newSecret)).toBeTruthy();
    expect((await clientState(admin, client.clientId)).lastFailure).toContain('is revoked');
  });

  it('refuses an expired secret as invalid_client, and tells the admin it expired', async () => {
    const { admin, client } = await tenantWithClient();
    await service.database.execute({
      text: `update oauth_client_secrets set expires_at = now() - interval '1 second' where id = ?::uuid`,
      params: [client.secretId],
    });
    expectOAuthError(
      await tokenRequest(service, CLIENT_CREDENTIALS, { basic: [client.clientId, client.clientSecret] }),
      401,
      'invalid_client',
    );
    const state = await clientState(admin, client.clientId);
    expect(state.secrets[0].status).toBe('EXPIRED');
    expect(state.lastFailure).toMatch(/^The client secret ocs_.{6}… expired at /);
    expect(state.lastFailedAt).toEqual(expect.any(String));
  });

  it('refuses a revoked client: no new tokens, and the ones it has are refused at once', async () => {
    const { admin, client } = await tenantWithClient();
    const token = await accessToken(client);
    const revoked = await admin.query(
      `mutation($input: OAuthClientRevokeInput!) { oauthClientRevoke(input: $input) { oauthClient { revokedAt } userErrors { code } } }`,
      { input: { id: client.clientId } },
    );
    expect(revoked.oauthClientRevoke).toEqual({ oauthClient: { revokedAt: expect.any(String) }, userErrors: [] });
    expectOAuthError(
      await tokenRequest(service, CLIENT_CREDENTIALS, { basic: [client.clientId, client.clientSecret] }),
      401,
      'invalid_client',
    );
    expect((await scimUsers(token)).status).toBe(401);
  });

  it('keeps the long-lived SCIM secret token working beside the client’s access tokens', async () => {
    const { tenant, client } = await tenantWithClient();
    const token = await accessToken(client);
    expect((await scimUsers(tenant.scimToken)).status).toBe(200);
    expect((await scimUsers(token)).status).toBe(200);
  });
});

describe('errors exactly as RFC 6749 §5.2', () => {
  it.each([
    ['grant_type is missing', {}, 'grant_type is missing'],
    ['a parameter is repeated', { grant_type: ['client_credentials', 'client_credentials'] }, 'once'],
    [
      'client_secret comes without client_id',
      { grant_type: 'client_credentials', client_secret: 'ocs_x' },
      'without client_id',
    ],
    [
      'client_assertion_type comes without client_assertion',
      {
        grant_type: 'client_credentials',
        client_id: randomUUID(),
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      },
      'without client_assertion',
    ],
    [
      'the jwt-bearer grant comes without its assertion',
      { grant_type: JWT_BEARER_GRANT, client_id: randomUUID() },
      'assertion',
    ],
    [
      'two client authentication methods are used',
      { grant_type: 'client_credentials', client_id: randomUUID(), client_secret: 'ocs_x', client_assertion: 'a.b.c' },
      'one way only',
    ],
  ])('invalid_request (400) when %s', async (_case, form, words) => {
    const response = await tokenRequest(service, form);
    expectOAuthError(response, 400, 'invalid_request');
    expect(response.body.error_description).toContain(words);
  });

  it('invalid_request when the body is not form-encoded, or the method is not POST', async () => {
    const json = await service.http
      .post('/oauth2/token')
      .set('X-Forwarded-For', newSource())
      .send({ grant_type: 'client_credentials' });
    expectOAuthError(json, 400, 'invalid_request');
    expect(json.body.error_description).toContain('application/x-www-form-urlencoded');

    const get = await service.http.get('/oauth2/token');
    expectOAuthError(get, 405, 'invalid_request');
    expect(get.headers['allow']).toBe('POST');
  });

  it('invalid_request when Basic and the body name different clients, and when Basic and client_secret are both sent', async () => {
    const { client } = await tenantWithClient();
    const basic: [string, string] = [client.clientId, client.clientSecret];
    expectOAuthError(
      await tokenRequest(service, { ...CLIENT_CREDENTIALS, client_id: randomUUID() }, { basic }),
      400,
      'invalid_request',
    );
    expectOAuthError(
      await tokenRequest(service, { ...CLIENT_CREDENTIALS, client_secret: client.clientSecret }, { basic }),
      400,
      'invalid_request',
    );
  });

  it('invalid_client (401) with WWW-Authenticate when the client used Basic', async () => {
    const { client } = await tenantWithClient();
    const response = await tokenRequest(service, CLIENT_CREDENTIALS, { basic: [client.clientId, 'ocs_wrong'] });
    expectOAuthError(response, 401, 'invalid_client');
    expect(response.headers['www-authenticate']).toBe('Basic realm="evercate-directory", charset="UTF-8"');

    for (const authorization of ['Basic !!!', `Basic ${Buffer.from('no-colon').toString('base64')}`, 'Bearer x']) {
      const malformed = await tokenRequest(service, CLIENT_CREDENTIALS, { authorization });
      expectOAuthError(malformed, 401, 'invalid_client');
      expect(malformed.headers['www-authenticate']).toMatch(/^Basic realm=/);
    }
  });

  it('invalid_client (401) without a challenge for client_secret_post, no authentication, or an unknown assertion type', async () => {
    const { client } = await tenantWithClient();
    for (const form of [
      { ...CLIENT_CREDENTIALS, client_id: client.clientId, client_secret: 'ocs_wrong' },
      { ...CLIENT_CREDENTIALS, client_id: client.clientId },
      CLIENT_CREDENTIALS,
      {
        ...CLIENT_CREDENTIALS,
        client_id: client.clientId,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer',
        client_assertion: 'PHNhbWw+',
      },
    ]) {
      const response = await tokenRequest(service, form);
      expectOAuthError(response, 401, 'invalid_client');
      expect(response.headers['www-authenticate']).toBeUndefined();
    }
  });

  it('unauthorized_client when a client with secrets, authenticated, asks for the jwt-bearer grant', async () => {
    const { client } = await tenantWithClient();
    const response = await tokenRequest(
      service,
      { grant_type: JWT_BEARER_GRANT, assertion: 'a.b.c' },
      {
        basic: [client.clientId, client.clientSecret],
      },
    );
    expectOAuthError(response, 400, 'unauthorized_client');
    // Only once it proved who it is: with a wrong secret it is just not authenticated.
    const unauthenticated = await tokenRequest(
      service,
      { grant_type: JWT_BEARER_GRANT, assertion: 'a.b.c' },
      {
        basic: [client.clientId, 'ocs_wrong'],
      },
    );
    expectOAuthError(unauthenticated, 401, 'invalid_client');
  });

  it.each(['password', 'authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'])(
    'unsupported_grant_type for %s',
    async (grantType) => {
      const { client } = await tenantWithClient();
      const response = await tokenRequest(
        service,
        { grant_type: grantType },
        { basic: [client.clientId, client.clientSecret] },
      );
      expectOAuthError(response, 400, 'unsupported_grant_type');
    },
  );

  it.each(['openid', 'scim admin', 'SCIM'])('invalid_scope for scope=%s (the only scope is scim)', async (scope) => {
    const { client } = await tenantWithClient();
    const response = await tokenRequest(
      service,
      { ...CLIENT_CREDENTIALS, scope },
      { basic: [client.clientId, client.clientSecret] },
    );
    expectOAuthError(response, 400, 'invalid_scope');
  });

  it('never tells whether a client id exists: every failed authentication answers alike', async () => {
    const { admin, client } = await tenantWithClient();
    const revoked = await tenantWithClient();
    await revoked.admin.query(`mutation($id: ID!) { oauthClientRevoke(input: { id: $id }) { userErrors { code } } }`, {
      id: revoked.client.clientId,
    });
    const federated = await admin.query(
      `mutation { oauthClientCreate(input: { name: "WIF", federation: {
         issuer: "https://login.microsoftonline.com/${randomUUID()}/v2.0", subject: "${randomUUID()}", audiences: ["api://x"] } }) {
         oauthClient { id } } }`,
    );
    const attempts: Array<[string, string]> = [
      [randomUUID(), 'ocs_unknown'], // no such client
      ['not-a-client-id', 'ocs_unknown'],
      [client.clientId, 'ocs_wrong'], // a real client, wrong secret
      [revoked.client.clientId, revoked.client.clientSecret], // a revoked client, its real secret
      [federated.oauthClientCreate.oauthClient.id, 'ocs_x'], // a federated client has no secrets
    ];
    const answers = [];
    for (const basic of attempts) {
      const response = await tokenRequest(service, CLIENT_CREDENTIALS, { basic });
      answers.push({ status: response.status, challenge: response.headers['www-authenticate'], body: response.body });
    }
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0]).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    // The tenant's admin, though, is told why.
    expect((await clientState(admin, client.clientId)).lastFailure).toBe(
      "The client secret is not one of this client's secrets.",
    );
  });
});

describe('throttling failed attempts', () => {
  it('holds back a source that keeps failing for a client (429, Retry-After) while the real client elsewhere gets tokens', async () => {
    const { client } = await tenantWithClient();
    const attacker = newSource();
    await freshWindow();
    const guess = (source: string, secret = 'ocs_guess') =>
      tokenRequest(service, CLIENT_CREDENTIALS, { basic: [client.clientId, secret], source });

    for (let i = 0; i < 3; i++) expectOAuthError(await guess(attacker), 401, 'invalid_client');
    const held = await guess(attacker);
    expectOAuthError(held, 429, 'temporarily_unavailable');
    const retryAfter = Number(held.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(held.body.error_description).toContain(`retry in ${retryAfter} s`);
    // Held back unheard: even the right secret from that source waits.
    expectOAuthError(await guess(attacker, client.clientSecret), 429, 'temporarily_unavailable');

    // Entra, from its own address, is not locked out.
    const entra = newSource();
    expect((await guess(entra, client.clientSecret)).status).toBe(200);
    // Another source is heard once, then held back too, as the client is over its limit.
    const second = newSource();
    expectOAuthError(await guess(second), 401, 'invalid_client');
    expectOAuthError(await guess(second), 429, 'temporarily_unavailable');
    expect((await guess(entra, client.clientSecret)).status).toBe(200);
  });

  it('holds back a source that fails across many client ids, whatever it names; other sources are served', async () => {
    const { client } = await tenantWithClient();
    const sprayer = newSource();
    await freshWindow();
    for (let i = 0; i < 6; i++) {
      const response = await tokenRequest(service, CLIENT_CREDENTIALS, {
        basic: [randomUUID(), 'ocs_guess'],
        source: sprayer,
      });
      expectOAuthError(response, 401, 'invalid_client');
    }
    const basic: [string, string] = [client.clientId, client.clientSecret];
    expectOAuthError(
      await tokenRequest(service, CLIENT_CREDENTIALS, { basic, source: sprayer }),
      429,
      'temporarily_unavailable',
    );
    expect((await tokenRequest(service, CLIENT_CREDENTIALS, { basic })).status).toBe(200);
  });

  it('does not count successes or requests refused before any credential is checked', async () => {
    const { client } = await tenantWithClient();
    const source = newSource();
    await freshWindow();
    for (let i = 0; i < 8; i++) {
      expect(
        (await tokenRequest(service, CLIENT_CREDENTIALS, { basic: [client.clientId, client.clientSecret], source }))
          .status,
      ).toBe(200);
      expectOAuthError(
        await tokenRequest(service, { grant_type: 'password' }, { source }),
        400,
        'unsupported_grant_type',
      );
    }
  });
});

describe('authorization server metadata (RFC 8414)', () => {
  it('names the issuer, the token endpoint, the grants, the client authentication methods and the scope', async () => {
    const response = await service.http.get('/.well-known/oauth-authorization-server');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      issuer: service.url,
      token_endpoint: `${service.url}/oauth2/token`,
      grant_types_supported: ['client_credentials', JWT_BEARER_GRANT],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: expect.arrayContaining(['RS256', 'ES256', 'PS256']),
      scopes_supported: ['scim'],
      response_types_supported: [],
    });
    const algorithms: string[] = response.body.token_endpoint_auth_signing_alg_values_supported;
    expect(algorithms.filter((alg) => alg === 'none' || alg.startsWith('HS'))).toEqual([]);
  });

  it('uses PUBLIC_BASE_URL when set', async () => {
    const behindProxy = await startTestService({ PUBLIC_BASE_URL: 'https://directory.example.com' });
    try {
      const response = await behindProxy.http.get('/.well-known/oauth-authorization-server');
      expect(response.body).toMatchObject({
        issuer: 'https://directory.example.com',
        token_endpoint: 'https://directory.example.com/oauth2/token',
      });
    } finally {
      await behindProxy.close();
    }
  });
});

it('keeps secrets out of the logs', async () => {
  const { client } = await tenantWithClient();
  const token = await accessToken(client);
  await tokenRequest(service, CLIENT_CREDENTIALS, { basic: [client.clientId, 'ocs_wrong_secret_value'] });
  const logs = JSON.stringify(service.logLines);
  expect(logs).not.toContain(client.clientSecret);
  expect(logs).not.toContain(token);
  expect(logs).not.toContain('ocs_wrong_secret_value');
});
