import { randomUUID } from 'node:crypto';
import { createUser, graphqlClient, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';
import { TestIdentityProvider } from './support/identity-provider';
import { configureSso, SSO_SETTINGS_UPDATE } from './support/sso';

let service: TestService;
beforeAll(async () => {
  // No cooldown between key refetches, so that a rotated key is picked up within the test.
  service = await startTestService({ SSO_JWKS_REFRESH_COOLDOWN_SECONDS: '0' });
});
afterAll(() => service.close());

const providers: TestIdentityProvider[] = [];
afterAll(() => Promise.all(providers.map((provider) => provider.close())));

async function identityProvider(): Promise<TestIdentityProvider> {
  const provider = await TestIdentityProvider.start();
  providers.push(provider);
  return provider;
}

/** A tenant with single sign-on through its own identity provider, and an admin client. */
async function tenantWithSso(userMatching?: 'OID_TO_EXTERNAL_ID' | 'PREFERRED_USERNAME_TO_USER_NAME') {
  const tenant = await service.createTenant();
  const admin = graphqlClient(service, tenant.graphqlToken);
  const provider = await identityProvider();
  await configureSso(admin, provider, userMatching);
  return { tenant, admin, provider };
}

async function refusal(token: string) {
  const result = await graphqlClient(service, token).raw('{ me { id } }');
  expect(result.status).toBe(401);
  expect(result.response.headers['www-authenticate']).toMatch(/^Bearer/);
  expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  return { reason: result.errors?.[0]?.extensions?.reason, message: result.errors?.[0]?.message };
}

describe('signed-in users (single sign-on)', () => {
  it('signs a provisioned user in by preferred_username, ignoring case, with the read scope', async () => {
    const { admin, provider } = await tenantWithSso();
    const alice = await createUser(admin, { userName: 'Alice@Acme.com', displayName: 'Alice' });
    const user = graphqlClient(service, await provider.token({ preferred_username: 'alice@acme.COM' }));

    const data = await user.query('{ me { id userName displayName } users { totalCount } }');
    expect(data).toEqual({
      me: { id: alice.id, userName: 'Alice@Acme.com', displayName: 'Alice' },
      users: { totalCount: 1 },
    });
    const write = await user.raw('mutation { userCreate(input: { userName: "x@acme.com" }) { user { id } } }');
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('falls back to upn, then email, when the token has no preferred_username', async () => {
    const { admin, provider } = await tenantWithSso();
    const bob = await createUser(admin, { userName: 'bob@acme.com' });
    const carol = await createUser(admin, { userName: 'carol@acme.com' });
    const byUpn = graphqlClient(service, await provider.token({ upn: 'bob@acme.com', email: 'carol@acme.com' }));
    const byEmail = graphqlClient(service, await provider.token({ email: 'carol@acme.com' }));
    expect((await byUpn.query('{ me { id } }')).me.id).toBe(bob.id);
    expect((await byEmail.query('{ me { id } }')).me.id).toBe(carol.id);
  });

  it("signs a user in by the oid claim against externalId (Entra's object id)", async () => {
    const { admin, provider } = await tenantWithSso('OID_TO_EXTERNAL_ID');
    const oid = '6a4f2c1e-8b7d-4e3a-9f10-2b3c4d5e6f70';
    const dana = await createUser(admin, { userName: 'dana@acme.com', externalId: oid });
    // A preferred_username naming someone else does not matter under this rule.
    const token = await provider.token({ oid: oid.toUpperCase(), preferred_username: 'someone.else@acme.com' });
    expect((await graphqlClient(service, token).query('{ me { id } }')).me.id).toBe(dana.id);
    expect(await refusal(await provider.token({ preferred_username: 'dana@acme.com' }))).toEqual({
      reason: 'USER_NOT_PROVISIONED',
      message: expect.stringContaining('oid'),
    });
  });

  it('answers me with null for an API token', async () => {
    const tenant = await service.createTenant();
    expect(await graphqlClient(service, tenant.graphqlToken).query('{ me { id } }')).toEqual({ me: null });
  });

  it('refuses an expired token as TOKEN_EXPIRED', async () => {
    const { admin, provider } = await tenantWithSso();
    await createUser(admin, { userName: 'erin@acme.com' });
    const expired = await provider.token({ preferred_username: 'erin@acme.com' }, { expiresInSeconds: -3600 });
    expect((await refusal(expired)).reason).toBe('TOKEN_EXPIRED');
    // Within the clock tolerance (a minute) a just-expired token still counts as valid.
    const justExpired = await provider.token({ preferred_username: 'erin@acme.com' }, { expiresInSeconds: -5 });
    expect((await graphqlClient(service, justExpired).raw('{ me { id } }')).status).toBe(200);
  });

  it('refuses a token for another application as WRONG_AUDIENCE', async () => {
    const { admin, provider } = await tenantWithSso();
    await createUser(admin, { userName: 'fay@acme.com' });
    const token = await provider.token({ preferred_username: 'fay@acme.com', aud: 'api://some-other-app' });
    expect((await refusal(token)).reason).toBe('WRONG_AUDIENCE');
  });

  it('refuses a token from an issuer no tenant has configured as UNKNOWN_ISSUER', async () => {
    const { admin, provider } = await tenantWithSso();
    await createUser(admin, { userName: 'gus@acme.com' });
    const token = await provider.token({
      preferred_username: 'gus@acme.com',
      iss: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
    });
    expect((await refusal(token)).reason).toBe('UNKNOWN_ISSUER');
  });

  it('refuses an unknown user as USER_NOT_PROVISIONED and a deactivated one as USER_DEACTIVATED', async () => {
    const { admin, provider } = await tenantWithSso();
    const hal = await createUser(admin, { userName: 'hal@acme.com' });
    expect(await refusal(await provider.token({ preferred_username: 'nobody@acme.com' }))).toEqual({
      reason: 'USER_NOT_PROVISIONED',
      message: expect.stringContaining('nobody@acme.com'),
    });
    const token = await provider.token({ preferred_username: 'hal@acme.com' });
    expect((await graphqlClient(service, token).raw('{ me { id } }')).status).toBe(200);

    await admin.query(`mutation($id: ID!) { userUpdate(input: { id: $id, active: false }) { userErrors { code } } }`, {
      id: hal.id,
    });
    // The same, still unexpired token is refused from the next request on.
    expect((await refusal(token)).reason).toBe('USER_DEACTIVATED');
  });

  it('refuses a bad signature, a tampered token and a token signed with an unpublished key as INVALID_TOKEN', async () => {
    const { admin, provider } = await tenantWithSso();
    await createUser(admin, { userName: 'ivy@acme.com' });
    await createUser(admin, { userName: 'admin@acme.com' });
    const valid = await provider.token({ preferred_username: 'ivy@acme.com' });
    const foreign = await TestIdentityProvider.foreignKey();

    // Signed with another key under the kid of a published one.
    const forged = await provider.token(
      { preferred_username: 'ivy@acme.com' },
      { signWith: foreign, kid: JSON.parse(Buffer.from(valid.split('.')[0]!, 'base64url').toString()).kid },
    );
    expect((await refusal(forged)).reason).toBe('INVALID_TOKEN');

    // The payload changed after signing.
    const [header, payload, signature] = valid.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const tampered = [
      header,
      Buffer.from(JSON.stringify({ ...claims, preferred_username: 'admin@acme.com' })).toString('base64url'),
      signature,
    ].join('.');
    expect((await refusal(tampered)).reason).toBe('INVALID_TOKEN');

    // Signed with a key the provider does not publish, under its own kid.
    const unpublished = await provider.token({ preferred_username: 'ivy@acme.com' }, { signWith: foreign });
    expect((await refusal(unpublished)).reason).toBe('INVALID_TOKEN');

    // Not a token at all, though shaped like one.
    expect((await refusal('eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln')).reason).toBe('INVALID_TOKEN');
  });

  it('accepts a token signed with a rotated key as soon as the provider publishes it, fetching keys only then', async () => {
    const { admin, provider } = await tenantWithSso();
    await createUser(admin, { userName: 'jon@acme.com' });
    const before = await provider.token({ preferred_username: 'jon@acme.com' });
    for (let i = 0; i < 3; i++) expect((await graphqlClient(service, before).raw('{ me { id } }')).status).toBe(200);
    expect(provider.jwksRequests).toBe(1);

    await provider.rotateKeys();
    const after = await provider.token({ preferred_username: 'jon@acme.com' });
    expect((await graphqlClient(service, after).raw('{ me { id } }')).status).toBe(200);
    expect((await graphqlClient(service, before).raw('{ me { id } }')).status).toBe(200);
    expect(provider.jwksRequests).toBe(2);
  });

  it("never lets a token of tenant A's identity provider reach tenant B's data", async () => {
    const a = await tenantWithSso();
    const b = await tenantWithSso();
    const aliceA = await createUser(a.admin, { userName: 'alice@shared.com', title: 'A' });
    const aliceB = await createUser(b.admin, { userName: 'alice@shared.com', title: 'B' });
    await createUser(b.admin, { userName: 'only-in-b@shared.com' });

    const tokenA = await a.provider.token({ preferred_username: 'alice@shared.com' });
    const seenByA = await graphqlClient(service, tokenA).query(
      `query($b: ID!) { me { id title } other: user(id: $b) { id } users { totalCount } }`,
      { b: aliceB.id },
    );
    expect(seenByA).toEqual({ me: { id: aliceA.id, title: 'A' }, other: null, users: { totalCount: 1 } });

    // B's identity provider cannot sign tokens that pass as A's: A's settings pick A's keys.
    const forgedByB = await b.provider.token({
      preferred_username: 'alice@shared.com',
      iss: a.provider.issuer,
      aud: a.provider.audience,
    });
    expect((await refusal(forgedByB)).reason).toBe('INVALID_TOKEN');

    // A's token sent with B's audience is still verified against A's settings (the only ones for its issuer).
    const wrongApp = await a.provider.token({ preferred_username: 'alice@shared.com', aud: b.provider.audience });
    expect((await refusal(wrongApp)).reason).toBe('WRONG_AUDIENCE');
  });

  it('tells tenants sharing an issuer apart by audience, and refuses what the audience cannot decide', async () => {
    const a = await tenantWithSso();
    const tenantB = await service.createTenant();
    const adminB = graphqlClient(service, tenantB.graphqlToken);
    // B uses the same identity provider (issuer and keys) with its own application.
    const sameIdpOtherApp = { ...a.provider.settings(), audience: 'api://tenant-b-app' };
    const set = await adminB.query(SSO_SETTINGS_UPDATE, { input: sameIdpOtherApp });
    expect(set.ssoSettingsUpdate.userErrors).toEqual([]);
    const aliceA = await createUser(a.admin, { userName: 'alice@shared.com' });
    const aliceB = await createUser(adminB, { userName: 'alice@shared.com' });

    const forA = await a.provider.token({ preferred_username: 'alice@shared.com' });
    const forB = await a.provider.token({ preferred_username: 'alice@shared.com', aud: 'api://tenant-b-app' });
    expect((await graphqlClient(service, forA).query('{ me { id } }')).me.id).toBe(aliceA.id);
    expect((await graphqlClient(service, forB).query('{ me { id } }')).me.id).toBe(aliceB.id);

    const forNeither = await a.provider.token({ preferred_username: 'alice@shared.com', aud: 'api://third-app' });
    expect((await refusal(forNeither)).reason).toBe('WRONG_AUDIENCE');
    const forBoth = await a.provider.token({
      preferred_username: 'alice@shared.com',
      aud: [a.provider.audience, 'api://tenant-b-app'],
    });
    expect((await refusal(forBoth)).reason).toBe('AMBIGUOUS_ISSUER');

    // A third tenant cannot claim an issuer and audience another tenant already has.
    const adminC = graphqlClient(service, (await service.createTenant()).graphqlToken);
    const taken = await adminC.query(SSO_SETTINGS_UPDATE, { input: a.provider.settings() });
    expect(taken.ssoSettingsUpdate.userErrors).toEqual([
      {
        code: 'INVALID_INPUT',
        field: ['input', 'audience'],
        message: expect.stringContaining('Another Evercate tenant'),
      },
    ]);
  });

  it("answers 503 with Retry-After when the identity provider's keys cannot be fetched", async () => {
    const tenant = await service.createTenant();
    const admin = graphqlClient(service, tenant.graphqlToken);
    const provider = await identityProvider();
    const closed = await identityProvider();
    const unreachable = closed.jwksUri;
    await closed.close();
    providers.splice(providers.indexOf(closed), 1);
    await admin.query(SSO_SETTINGS_UPDATE, { input: { ...provider.settings(), jwksUri: unreachable } });
    await createUser(admin, { userName: 'kim@acme.com' });

    const result = await graphqlClient(service, await provider.token({ preferred_username: 'kim@acme.com' })).raw(
      '{ me { id } }',
    );
    expect(result.status).toBe(503);
    expect(result.response.headers['retry-after']).toBe('5');
    expect(result.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });
});

describe('single sign-on settings (admin scope)', () => {
  const READ = '{ ssoSettings { issuer audience jwksUri userMatching } }';

  it('are read, replaced and removed by an admin; removal refuses signed-in users at once', async () => {
    const tenant = await service.createTenant();
    const admin = graphqlClient(service, tenant.graphqlToken);
    const provider = await identityProvider();
    expect(await admin.query(READ)).toEqual({ ssoSettings: null });

    const set = await admin.query(SSO_SETTINGS_UPDATE, { input: provider.settings('OID_TO_EXTERNAL_ID') });
    expect(set.ssoSettingsUpdate).toEqual({
      ssoSettings: {
        issuer: provider.issuer,
        audience: provider.audience,
        jwksUri: provider.jwksUri,
        userMatching: 'OID_TO_EXTERNAL_ID',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
      userErrors: [],
    });
    await admin.query(SSO_SETTINGS_UPDATE, { input: provider.settings('PREFERRED_USERNAME_TO_USER_NAME') });
    expect((await admin.query(READ)).ssoSettings.userMatching).toBe('PREFERRED_USERNAME_TO_USER_NAME');

    await createUser(admin, { userName: 'lee@acme.com' });
    const signedIn = graphqlClient(service, await provider.token({ preferred_username: 'lee@acme.com' }));
    expect((await signedIn.raw('{ me { id } }')).status).toBe(200);

    const removed = await admin.query('mutation { ssoSettingsRemove { ssoSettings { issuer } userErrors { code } } }');
    expect(removed.ssoSettingsRemove).toEqual({ ssoSettings: { issuer: provider.issuer }, userErrors: [] });
    expect(await admin.query(READ)).toEqual({ ssoSettings: null });
    expect((await refusal(await provider.token({ preferred_username: 'lee@acme.com' }))).reason).toBe('UNKNOWN_ISSUER');

    const again = await admin.query('mutation { ssoSettingsRemove { ssoSettings { issuer } userErrors { code } } }');
    expect(again.ssoSettingsRemove).toEqual({ ssoSettings: null, userErrors: [{ code: 'NOT_FOUND' }] });
  });

  it.each([
    ['issuer', 'http://login.example.com/tenant/v2.0', 'https'],
    ['issuer', 'not a url', 'https'],
    ['jwksUri', 'ftp://keys.example.com/jwks', 'https'],
    ['jwksUri', 'https://user:secret@keys.example.com/jwks', 'password'],
    ['audience', '   ', 'blank'],
  ])('refuses %s %j with INVALID_INPUT', async (field, value, words) => {
    const admin = graphqlClient(service, (await service.createTenant()).graphqlToken);
    const input = {
      issuer: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
      audience: 'api://evercate',
      jwksUri: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/discovery/v2.0/keys',
      userMatching: 'OID_TO_EXTERNAL_ID',
      [field]: value,
    };
    const result = await admin.query(SSO_SETTINGS_UPDATE, { input });
    expect(result.ssoSettingsUpdate).toEqual({
      ssoSettings: null,
      userErrors: [{ code: 'INVALID_INPUT', field: ['input', field], message: expect.stringContaining(words) }],
    });
    expect(await admin.query(READ)).toEqual({ ssoSettings: null });
  });

  it('accepts http only on the loopback interface (a local identity provider)', async () => {
    const admin = graphqlClient(service, (await service.createTenant()).graphqlToken);
    const input = {
      issuer: `http://localhost:8080/realms/${randomUUID()}`,
      audience: 'evercate',
      jwksUri: 'http://127.0.0.1:8080/realms/dev/certs',
      userMatching: 'PREFERRED_USERNAME_TO_USER_NAME',
    };
    expect((await admin.query(SSO_SETTINGS_UPDATE, { input })).ssoSettingsUpdate.userErrors).toEqual([]);
  });

  it('are out of reach of read and write tokens and of signed-in users', async () => {
    const { admin, provider } = await tenantWithSso();
    await createUser(admin, { userName: 'max@acme.com' });
    const clients: GraphQLClient[] = [
      graphqlClient(service, await provider.token({ preferred_username: 'max@acme.com' })),
    ];
    for (const scopes of [['READ'], ['WRITE']]) {
      const created = await admin.query(
        `mutation($input: ApiTokenCreateInput!) { apiTokenCreate(input: $input) { secret userErrors { code } } }`,
        { input: { kind: 'GRAPHQL', name: `${scopes[0]} token`, scopes } },
      );
      clients.push(graphqlClient(service, created.apiTokenCreate.secret));
    }
    for (const client of clients) {
      for (const operation of [
        READ,
        'mutation { ssoSettingsRemove { userErrors { code } } }',
        `mutation { ssoSettingsUpdate(input: { issuer: "https://x.example", audience: "x", jwksUri: "https://x.example/jwks", userMatching: OID_TO_EXTERNAL_ID }) { userErrors { code } } }`,
      ]) {
        const result = await client.raw(operation);
        expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    }
    expect((await admin.query(READ)).ssoSettings.issuer).toBe(provider.issuer);
  });
});
