import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { graphqlClient, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';
import { TestIdentityProvider } from './support/identity-provider';
import {
  assertion,
  assertionForm,
  CLIENT_FIELDS,
  createFederatedClient,
  createSecretClient,
  expectOAuthError,
  JWT_BEARER_GRANT,
  newSource,
  newWorkload,
  OAUTH_TEST_SETTINGS,
  tokenRequest,
} from './support/oauth';

/**
 * Workload identity federation (R-06b): Entra signs an assertion about its provisioning workload
 * identity, the token endpoint verifies it completely with the keys Entra publishes and answers
 * with an access token. A local identity provider (jose keys served on loopback) stands in for
 * Entra; its keys are refetched at most once a second here.
 */
let service: TestService;
beforeAll(async () => {
  service = await startTestService(OAUTH_TEST_SETTINGS);
});
afterAll(() => service.close());

const providers: TestIdentityProvider[] = [];
afterAll(() => Promise.all(providers.map((provider) => provider.close())));

async function identityProvider(): Promise<TestIdentityProvider> {
  const provider = await TestIdentityProvider.start();
  providers.push(provider);
  return provider;
}

/** A tenant with a federated client trusting its own identity provider's assertions about its workload. */
async function federatedTenant(federation: Record<string, unknown> = {}) {
  const tenant = await service.createTenant();
  const admin = graphqlClient(service, tenant.graphqlToken);
  const provider = await identityProvider();
  const workload = newWorkload();
  const clientId = await createFederatedClient(admin, provider, workload, federation);
  return { tenant, admin, provider, workload, clientId };
}

async function lastFailure(admin: GraphQLClient, clientId: string): Promise<string | null> {
  const data = await admin.query(`{ oauthClients(includeRevoked: true) { nodes { ${CLIENT_FIELDS} } } }`);
  return data.oauthClients.nodes.find((client: { id: string }) => client.id === clientId).lastFailure;
}

const scimUsers = (token: string) => service.http.get('/scim/Users').set('Authorization', `Bearer ${token}`);

const UNDISCLOSED = /^Client authentication failed: /;

describe('workload identity federation (RFC 7523)', () => {
  it('R-06b exchanges an assertion Entra signed for an access token to the tenant’s SCIM (§2.2)', async () => {
    const { admin, provider, workload, clientId } = await federatedTenant();
    const response = await tokenRequest(service, assertionForm(clientId, await assertion(provider, workload)));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      access_token: expect.stringMatching(/^oat_/),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'scim',
    });
    expect(response.headers['cache-control']).toBe('no-store');
    expect((await scimUsers(response.body.access_token)).status).toBe(200);

    const data = await admin.query(`{ oauthClients { nodes { ${CLIENT_FIELDS} } } }`);
    expect(data.oauthClients.nodes).toEqual([
      expect.objectContaining({
        id: clientId,
        kind: 'FEDERATED',
        federation: {
          issuer: provider.issuer,
          subject: workload.subject,
          audiences: [workload.audience],
          jwksUri: provider.jwksUri,
        },
        secrets: [],
        lastUsedAt: expect.any(String),
      }),
    ]);
  });

  it('R-06b accepts an assertion for any of the client’s audiences, the api:// form or the bare id', async () => {
    const appId = randomUUID();
    const { provider, workload, clientId } = await federatedTenant({ audiences: [`api://${appId}`, appId] });
    for (const aud of [`api://${appId}`, appId, ['api://something-else', appId]]) {
      const response = await tokenRequest(
        service,
        assertionForm(clientId, await assertion(provider, workload, { aud })),
      );
      expect(response.status).toBe(200);
    }
  });

  it('R-06c identifies an assertion by Entra’s uti claim when it has no jti', async () => {
    const { provider, workload, clientId } = await federatedTenant();
    const token = await assertion(provider, workload, { jti: undefined, uti: randomUUID() });
    expect((await tokenRequest(service, assertionForm(clientId, token))).status).toBe(200);
    const replayed = await tokenRequest(service, assertionForm(clientId, token));
    expectOAuthError(replayed, 401, 'invalid_client');
  });

  it('accepts the assertion as a jwt-bearer grant too (§2.1), refusing a bad one with invalid_grant', async () => {
    const { provider, workload, clientId } = await federatedTenant();
    const grant = (token: string) =>
      tokenRequest(service, { grant_type: JWT_BEARER_GRANT, client_id: clientId, assertion: token });
    const response = await grant(await assertion(provider, workload));
    expect(response.status).toBe(200);
    expect((await scimUsers(response.body.access_token)).status).toBe(200);

    const wrongAudience = await grant(await assertion(provider, workload, { aud: 'api://another-app' }));
    expectOAuthError(wrongAudience, 400, 'invalid_grant');
    expect(wrongAudience.body.error_description).not.toContain('api://another-app');
  });
});

describe('assertions verified completely', () => {
  /** Posts the assertion, expects the undisclosed invalid_client, and returns what the admin is told. */
  async function refusedFor(
    tenant: { admin: GraphQLClient; clientId: string },
    token: string,
    description: RegExp = UNDISCLOSED,
  ): Promise<string | null> {
    const response = await tokenRequest(service, assertionForm(tenant.clientId, token));
    expectOAuthError(response, 401, 'invalid_client');
    expect(response.headers['www-authenticate']).toBeUndefined();
    expect(response.body.error_description).toMatch(description);
    return lastFailure(tenant.admin, tenant.clientId);
  }

  it('refuses a forged signature, a tampered payload and a key the identity provider does not publish', async () => {
    const tenant = await federatedTenant();
    const { provider, workload } = tenant;
    const foreign = await TestIdentityProvider.foreignKey();

    const forged = await assertion(provider, workload, {}, { signWith: foreign, kid: provider.currentKey.kid });
    expect(await refusedFor(tenant, forged)).toContain('signature does not verify');

    const [header, payload, signature] = (await assertion(provider, workload)).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const tampered = [
      header,
      Buffer.from(JSON.stringify({ ...claims, sub: randomUUID() })).toString('base64url'),
      signature,
    ].join('.');
    expect(await refusedFor(tenant, tampered)).toContain('signature does not verify');

    const unpublished = await assertion(provider, workload, {}, { signWith: foreign });
    expect(await refusedFor(tenant, unpublished)).toContain('does not publish');
  });

  it('refuses an assertion for another audience, about another subject, or from another issuer, telling only the admin', async () => {
    const tenant = await federatedTenant();
    const { provider, workload } = tenant;
    expect(await refusedFor(tenant, await assertion(provider, workload, { aud: 'api://someone-else' }))).toBe(
      `The assertion's audience (aud) is "api://someone-else", not one of the client's: ${workload.audience}.`,
    );
    const stranger = randomUUID();
    expect(await refusedFor(tenant, await assertion(provider, workload, { sub: stranger }))).toBe(
      `The assertion's subject (sub) is ${stranger}, not the client's ${workload.subject}.`,
    );
    const otherIssuer = 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0';
    expect(await refusedFor(tenant, await assertion(provider, workload, { iss: otherIssuer }))).toBe(
      `The assertion's issuer (iss) is ${otherIssuer}, not the client's ${provider.issuer}.`,
    );
  });

  it('refuses an expired or not yet valid assertion, within a minute of clock tolerance, and says so', async () => {
    const tenant = await federatedTenant();
    const { provider, workload, clientId } = tenant;
    await refusedFor(tenant, await assertion(provider, workload, {}, { expiresInSeconds: -3600 }), /expired at/);
    await refusedFor(tenant, await assertion(provider, workload, {}, { notBeforeInSeconds: 600 }), /not valid before/);
    await refusedFor(
      tenant,
      await assertion(provider, workload, {}, { expiresInSeconds: 3 * 86400 }),
      /more than 24 hours/,
    );
    for (const options of [{ expiresInSeconds: -5 }, { notBeforeInSeconds: 30 }]) {
      const response = await tokenRequest(
        service,
        assertionForm(clientId, await assertion(provider, workload, {}, options)),
      );
      expect(response.status).toBe(200);
    }
  });

  it('refuses alg none, HMAC signed with the public key, and an assertion without an id', async () => {
    const tenant = await federatedTenant();
    const { provider, workload } = tenant;
    const payload = Buffer.from(
      JSON.stringify({
        iss: provider.issuer,
        sub: workload.subject,
        aud: workload.audience,
        jti: randomUUID(),
        exp: Math.floor(Date.now() / 1000) + 600,
      }),
    ).toString('base64url');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    await refusedFor(tenant, `${none}.${payload}.`, /not a signed JWT/);
    await refusedFor(tenant, `${none}.${payload}.c2ln`, /alg none/);

    // The classic confusion: the published public key used as an HMAC secret.
    const hmac = await new SignJWT({ sub: workload.subject, jti: randomUUID() })
      .setProtectedHeader({ alg: 'HS256', kid: provider.currentKey.kid })
      .setIssuer(provider.issuer)
      .setAudience(workload.audience)
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(JSON.stringify(provider.currentKey.publicJwk)));
    await refusedFor(tenant, hmac, /alg HS256/);

    await refusedFor(tenant, await assertion(provider, workload, { jti: undefined }), /no id \(jti\)/);
    await refusedFor(tenant, 'not-a-jwt', /not a signed JWT/);
  });

  it('refuses a good assertion for a client that is not federated, unknown or revoked, all alike', async () => {
    const { admin, provider, workload, clientId } = await federatedTenant();
    const secretClient = await createSecretClient(admin);
    await admin.query(`mutation($id: ID!) { oauthClientRevoke(input: { id: $id }) { userErrors { code } } }`, {
      id: clientId,
    });
    const bodies = new Set<string>();
    for (const id of [clientId, secretClient.clientId, randomUUID()]) {
      const response = await tokenRequest(service, assertionForm(id, await assertion(provider, workload)));
      expectOAuthError(response, 401, 'invalid_client');
      bodies.add(JSON.stringify(response.body));
    }
    expect(bodies.size).toBe(1);
    expect(await lastFailure(admin, secretClient.clientId)).toContain('authenticates with a client secret');
    expect(await lastFailure(admin, clientId)).toBe('The client is revoked.');
  });
});

describe('replayed assertions', () => {
  it('refuses an assertion whose jti was used already, on this instance or another', async () => {
    const tenant = await federatedTenant();
    const token = await assertion(tenant.provider, tenant.workload);
    expect((await tokenRequest(service, assertionForm(tenant.clientId, token))).status).toBe(200);
    const again = await tokenRequest(service, assertionForm(tenant.clientId, token));
    expectOAuthError(again, 401, 'invalid_client');
    expect(await lastFailure(tenant.admin, tenant.clientId)).toContain('was already used');

    const otherInstance = await startTestService(OAUTH_TEST_SETTINGS);
    try {
      expectOAuthError(await tokenRequest(otherInstance, assertionForm(tenant.clientId, token)), 401, 'invalid_client');
      const fresh = await assertion(tenant.provider, tenant.workload);
      expect((await tokenRequest(otherInstance, assertionForm(tenant.clientId, fresh))).status).toBe(200);
      expectOAuthError(await tokenRequest(service, assertionForm(tenant.clientId, fresh)), 401, 'invalid_client');
    } finally {
      await otherInstance.close();
    }
  });

  it('lets exactly one of several concurrent requests with the same assertion through', async () => {
    const tenant = await federatedTenant();
    const token = await assertion(tenant.provider, tenant.workload);
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => tokenRequest(service, assertionForm(tenant.clientId, token))),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, 401, 401, 401, 401, 401]);
  });

  it('refuses the same assertion at another tenant’s client that trusts the same identity', async () => {
    const a = await federatedTenant();
    const adminB = graphqlClient(service, (await service.createTenant()).graphqlToken);
    const clientB = await createFederatedClient(adminB, a.provider, a.workload);
    const token = await assertion(a.provider, a.workload);
    expect((await tokenRequest(service, assertionForm(a.clientId, token))).status).toBe(200);
    expectOAuthError(await tokenRequest(service, assertionForm(clientB, token)), 401, 'invalid_client');
  });
});

describe('the identity provider’s signing keys', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('are cached by key id, refetched for an unknown key id at most once per cooldown, so a rotation is picked up', async () => {
    const { provider, workload, clientId } = await federatedTenant();
    const exchange = async (options: Parameters<typeof assertion>[3] = {}) =>
      (await tokenRequest(service, assertionForm(clientId, await assertion(provider, workload, {}, options)))).status;

    expect([await exchange(), await exchange(), await exchange()]).toEqual([200, 200, 200]);
    expect(provider.jwksRequests).toBe(1);

    const oldKey = provider.currentKey;
    await provider.rotateKeys();
    await sleep(3100); // past the three-second cooldown since the last fetch
    expect(await exchange()).toBe(200); // the new key id: fetched once more
    expect(provider.jwksRequests).toBe(2);
    expect(await exchange({ signWith: oldKey })).toBe(200); // the old key stays published
    expect(provider.jwksRequests).toBe(2);

    // Unknown key ids within the cooldown fetch nothing more: a flood of them cannot hammer the provider.
    const foreign = await TestIdentityProvider.foreignKey();
    expect([await exchange({ signWith: foreign }), await exchange({ signWith: foreign })]).toEqual([401, 401]);
    expect(provider.jwksRequests).toBe(2);
    await sleep(3100);
    expect(await exchange({ signWith: foreign })).toBe(401);
    expect(provider.jwksRequests).toBe(3);
  });

  it('answer 503 with Retry-After when they cannot be fetched, without counting it against the client', async () => {
    const provider = await identityProvider();
    const closed = await identityProvider();
    const unreachable = closed.jwksUri;
    await closed.close();
    providers.splice(providers.indexOf(closed), 1);
    const tenant = await service.createTenant();
    const admin = graphqlClient(service, tenant.graphqlToken);
    const workload = newWorkload();
    const down = await createFederatedClient(admin, provider, workload, { jwksUri: unreachable });
    const missing = await createFederatedClient(admin, provider, workload, { jwksUri: `${provider.jwksUri}/missing` });

    const source = newSource();
    for (const clientId of [down, down, down, down, missing]) {
      const response = await tokenRequest(service, assertionForm(clientId, await assertion(provider, workload)), {
        source,
      });
      expectOAuthError(response, 503, 'temporarily_unavailable');
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body.error_description).toContain('signing keys');
    }
    expect(await lastFailure(admin, down)).toBe(
      `The signing keys at ${unreachable} could not be fetched. The assertion could not be checked.`,
    );
  });
});
