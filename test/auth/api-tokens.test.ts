import { createUser, graphqlClient, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';
import { TestIdentityProvider } from './support/identity-provider';
import { configureSso } from './support/sso';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

const TOKEN_FIELDS = 'id kind name prefix scopes createdAt revokedAt';
const CREATE = `mutation($input: ApiTokenCreateInput!) {
  apiTokenCreate(input: $input) { apiToken { ${TOKEN_FIELDS} } secret userErrors { code field message } }
}`;
const REVOKE = `mutation($id: ID!) {
  apiTokenRevoke(input: { id: $id }) { apiToken { id revokedAt } userErrors { code field message } }
}`;
const LIST = `query($first: Int, $after: String, $includeRevoked: Boolean) {
  apiTokens(first: $first, after: $after, includeRevoked: $includeRevoked) {
    totalCount pageInfo { hasNextPage endCursor } nodes { ${TOKEN_FIELDS} }
  }
}`;

async function create(admin: GraphQLClient, input: Record<string, unknown>) {
  return (await admin.query(CREATE, { input })).apiTokenCreate;
}

describe('API token management over GraphQL (admin scope)', () => {
  it('issues a token whose secret is shown once and works at once, and lists tokens without secrets', async () => {
    const tenant = await service.createTenant();
    const admin = graphqlClient(service, tenant.graphqlToken);
    const created = await create(admin, { kind: 'GRAPHQL', name: 'Reporting job', scopes: ['READ'] });
    expect(created).toEqual({
      apiToken: {
        id: expect.any(String),
        kind: 'GRAPHQL',
        name: 'Reporting job',
        prefix: `${created.secret.slice(0, 10)}…`,
        scopes: ['READ'],
        createdAt: expect.any(String),
        revokedAt: null,
      },
      secret: expect.stringMatching(/^gql_[A-Za-z0-9_-]{43}$/),
      userErrors: [],
    });
    const reporter = graphqlClient(service, created.secret);
    expect(await reporter.query('{ users { totalCount } }')).toEqual({ users: { totalCount: 0 } });

    const list = await admin.raw(LIST);
    expect(list.response.text).not.toContain(created.secret);
    expect(list.response.text).not.toContain(tenant.graphqlToken);
    expect(list.data!.apiTokens.totalCount).toBe(3);
    const listed = list.data!.apiTokens.nodes;
    // The tenant's first two tokens are issued together; their order between them is not fixed.
    expect(listed.slice(0, 2)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'SCIM', scopes: ['WRITE', 'PROVISION'] }),
        expect.objectContaining({ kind: 'GRAPHQL', scopes: ['ADMIN'] }),
      ]),
    );
    expect(listed[2]).toEqual(created.apiToken);
  });

  it('issues SCIM tokens with the fixed SCIM scopes, accepted by the SCIM facade', async () => {
    const tenant = await service.createTenant();
    const admin = graphqlClient(service, tenant.graphqlToken);
    const created = await create(admin, { kind: 'SCIM', name: 'Entra (rotated)' });
    expect(created.apiToken).toMatchObject({ kind: 'SCIM', scopes: ['WRITE', 'PROVISION'] });
    expect(created.secret).toMatch(/^scim_/);
    const response = await service.http.get('/scim/v2/Users').set('Authorization', `Bearer ${created.secret}`);
    expect(response.status).toBe(200);
  });

  it.each([
    ['a GraphQL token without scopes', { kind: 'GRAPHQL', name: 'No scopes' }, 'scopes'],
    ['a GraphQL token with no scope', { kind: 'GRAPHQL', name: 'No scopes', scopes: [] }, 'scopes'],
    ['a GraphQL token with PROVISION', { kind: 'GRAPHQL', name: 'Provisioner', scopes: ['PROVISION'] }, 'scopes'],
    ['a SCIM token with other scopes', { kind: 'SCIM', name: 'Entra', scopes: ['READ'] }, 'scopes'],
    ['a blank name', { kind: 'GRAPHQL', name: '  ', scopes: ['READ'] }, 'name'],
    ['a name of 201 characters', { kind: 'GRAPHQL', name: 'x'.repeat(201), scopes: ['READ'] }, 'name'],
  ])('refuses %s with INVALID_INPUT', async (_case, input, field) => {
    const tenant = await service.createTenant();
    const admin = graphqlClient(service, tenant.graphqlToken);
    expect(await create(admin, input)).toEqual({
      apiToken: null,
      secret: null,
      userErrors: [{ code: 'INVALID_INPUT', field: ['input', field], message: expect.any(String) }],
    });
    expect((await admin.query(LIST)).apiTokens.totalCount).toBe(2);
  });

  it('shows when each token was last used, to the hour, so a rotation can be seen through', async () => {
    const tenant = await service.createTenant();
    const admin = graphqlClient(service, tenant.graphqlToken);
    const unused = await create(admin, { kind: 'GRAPHQL', name: 'Never used', scopes: ['READ'] });
    const scim = await create(admin, { kind: 'SCIM', name: 'Entra (new)' });
    expect((await service.http.get('/scim/v2/Users').set('Authorization', `Bearer ${scim.secret}`)).status).toBe(200);
    const usedAt = await (async () => {
      const nodes = (await admin.query(`{ apiTokens(first: 10) { nodes { id lastUsedAt } } }`)).apiTokens.nodes;
      return new Map<string, string | null>(nodes.map((n: any) => [n.id, n.lastUsedAt]));
    })();
    const thisHour = new Date();
    thisHour.setUTCMinutes(0, 0, 0);
    expect(usedAt.get(unused.apiToken.id)).toBeNull();
    expect(new Date(usedAt.get(scim.apiToken.id)!).getTime()).toBeGreaterThanOrEqual(thisHour.getTime() - 3_600_000);
    expect(new Date(usedAt.get(scim.apiToken.id)!).getTime()).toBeLessThanOrEqual(Date.now());
    // The admin token listing them is in use too.
    expect([...usedAt.values()].filter((value) => value !== null)).toHaveLength(2);
  });

  it('revokes a token at once; revoked tokens are listed only when asked for', async () => {
    const tenant = await service.createTenant();
    const admin = graphqlClient(service, tenant.graphqlToken);
    const created = await create(admin, { kind: 'GRAPHQL', name: 'Short-lived', scopes: ['WRITE'] });
    const holder = graphqlClient(service, created.secret);
    expect((await holder.raw('{ users { totalCount } }')).status).toBe(200);

    const revoked = (await admin.query(REVOKE, { id: created.apiToken.id })).apiTokenRevoke;
    expect(revoked).toEqual({ apiToken: { id: created.apiToken.id, revokedAt: expect.any(String) }, userErrors: [] });
    expect((await holder.raw('{ users { totalCount } }')).status).toBe(401);

    const active = (await admin.query(LIST)).apiTokens;
    expect(active.nodes.map((token: { id: string }) => token.id)).not.toContain(created.apiToken.id);
    const all = (await admin.query(LIST, { includeRevoked: true })).apiTokens;
    expect(all.totalCount).toBe(3);
    expect(all.nodes[2]).toMatchObject({ id: created.apiToken.id, revokedAt: revoked.apiToken.revokedAt });

    // Revoking again changes nothing (the first revocation time stays).
    const again = (await admin.query(REVOKE, { id: created.apiToken.id })).apiTokenRevoke;
    expect(again.apiToken.revokedAt).toBe(revoked.apiToken.revokedAt);
  });

  it('refuses a token at once when it is revoked after many uses in the hour (its use already recorded)', async () => {
    const tenant = await service.createTenant();
    const admin = graphqlClient(service, tenant.graphqlToken);
    const created = await create(admin, { kind: 'SCIM', name: 'Entra (busy)' });
    const scim = () => service.http.get('/scim/v2/Users').set('Authorization', `Bearer ${created.secret}`);
    // The first requests record the use; the later ones find it recorded and only look the token up.
    for (let i = 0; i < 5; i += 1) expect((await scim()).status).toBe(200);
    const revoked = (await admin.query(REVOKE, { id: created.apiToken.id })).apiTokenRevoke;
    expect(revoked.userErrors).toEqual([]);
    expect((await scim()).status).toBe(401);
  });

  it("answers unknown, malformed and other tenants' token ids as NOT_FOUND", async () => {
    const acme = await service.createTenant();
    const globex = await service.createTenant();
    const acmeAdmin = graphqlClient(service, acme.graphqlToken);
    const globexAdmin = graphqlClient(service, globex.graphqlToken);
    const acmeToken = await create(acmeAdmin, { kind: 'GRAPHQL', name: 'Acme reader', scopes: ['READ'] });

    for (const id of [acmeToken.apiToken.id, '00000000-0000-0000-0000-000000000000', 'not-a-uuid']) {
      const result = (await globexAdmin.query(REVOKE, { id })).apiTokenRevoke;
      expect(result).toEqual({
        apiToken: null,
        userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'], message: expect.any(String) }],
      });
    }
    expect((await graphqlClient(service, acmeToken.secret).raw('{ users { totalCount } }')).status).toBe(200);
    const globexList = (await globexAdmin.query(LIST, { includeRevoked: true })).apiTokens;
    expect(globexList.nodes.map((token: { id: string }) => token.id)).not.toContain(acmeToken.apiToken.id);
  });

  it('pages tokens oldest first with cursors', async () => {
    const tenant = await service.createTenant();
    const admin = graphqlClient(service, tenant.graphqlToken);
    for (const name of ['one', 'two', 'three']) await create(admin, { kind: 'GRAPHQL', name, scopes: ['READ'] });
    const first = (await admin.query(LIST, { first: 3 })).apiTokens;
    expect(first.totalCount).toBe(5);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await admin.query(LIST, { first: 3, after: first.pageInfo.endCursor })).apiTokens;
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect([...first.nodes, ...rest.nodes].map((token: { name: string }) => token.name).slice(2)).toEqual([
      'one',
      'two',
      'three',
    ]);
    const forged = await admin.raw(LIST, { after: 'bm90LWEtY3Vyc29y' });
    expect(forged.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
  });

  it('is out of reach of read and write tokens and of signed-in users', async () => {
    const tenant = await service.createTenant();
    const admin = graphqlClient(service, tenant.graphqlToken);
    const provider = await TestIdentityProvider.start();
    try {
      await configureSso(admin, provider);
      await createUser(admin, { userName: 'nia@acme.com' });
      const clients = [graphqlClient(service, await provider.token({ preferred_username: 'nia@acme.com' }))];
      for (const scopes of [['READ'], ['WRITE']]) {
        clients.push(graphqlClient(service, (await create(admin, { kind: 'GRAPHQL', name: 'x', scopes })).secret));
      }
      const target = (await admin.query(LIST)).apiTokens.nodes[0].id;
      for (const client of clients) {
        for (const [operation, variables] of [
          [LIST, {}],
          [CREATE, { input: { kind: 'GRAPHQL', name: 'escalate', scopes: ['ADMIN'] } }],
          [REVOKE, { id: target }],
          ['{ provisioningEvents { totalCount } }', {}],
        ] as const) {
          const result = await client.raw(operation, variables);
          expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        }
      }
      const all = (await admin.query(LIST)).apiTokens;
      expect(all.totalCount).toBe(4);
      expect(all.nodes.every((token: { revokedAt: string | null }) => token.revokedAt === null)).toBe(true);
    } finally {
      await provider.close();
    }
  });
});
