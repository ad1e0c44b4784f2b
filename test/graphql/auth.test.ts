import { TenantTransaction } from '../../src/platform/db/tenant-transaction';
import { TokenService } from '../../src/domain/accounts/tokens/token.service';
import { graphqlClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

async function issueToken(tenantId: string, scopes: Array<'read' | 'write' | 'admin'>) {
  const transaction = await TenantTransaction.begin(service.database);
  await transaction.enterTenant(tenantId);
  const tokens = new TokenService(transaction);
  const issued = await tokens.issue({ kind: 'graphql', name: 'test', scopes });
  await transaction.commit();
  return issued;
}

async function revoke(tenantId: string, tokenId: string) {
  const transaction = await TenantTransaction.begin(service.database);
  await transaction.enterTenant(tenantId);
  await new TokenService(transaction).revoke(tokenId);
  await transaction.commit();
}

describe('authentication and scopes', () => {
  it('answers a missing token with 401 and a JSON error', async () => {
    const response = await service.http.post('/graphql').send({ query: '{ users { totalCount } }' });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers unknown, malformed and wrong-kind tokens alike, saying nothing about tenants', async () => {
    const tenant = await service.createTenant();
    const bodies = [];
    for (const token of ['gql_doesnotexist', 'Bearer', tenant.scimToken, `${tenant.graphqlToken}x`]) {
      const response = await service.http
        .post('/graphql')
        .set('Authorization', `Bearer ${token}`)
        .send({ query: '{ users { totalCount } }' });
      expect(response.status).toBe(401);
      bodies.push(response.body);
    }
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
  });

  it('stores only a hash of each token', async () => {
    const tenant = await service.createTenant();
    const transaction = await TenantTransaction.begin(service.database);
    try {
      await transaction.enterTenant(tenant.tenantId);
      const rows = await transaction.query<{ row: string }>('select row_to_json(t)::text as row from api_tokens t');
      expect(rows).toHaveLength(2);
      for (const { row } of rows) {
        expect(row).not.toContain(tenant.graphqlToken.slice(4));
        expect(row).not.toContain(tenant.scimToken.slice(5));
      }
    } finally {
      await transaction.rollback();
    }
  });

  it('refuses a revoked token at once, while another token of the tenant keeps working', async () => {
    const tenant = await service.createTenant();
    const second = await issueToken(tenant.tenantId, ['read']);
    const client = graphqlClient(service, second.secret);
    await expect(client.query('{ users { totalCount } }')).resolves.toEqual({ users: { totalCount: 0 } });
    await revoke(tenant.tenantId, second.id);
    expect((await client.raw('{ users { totalCount } }')).status).toBe(401);
    await expect(graphqlClient(service, tenant.graphqlToken).query('{ users { totalCount } }')).resolves.toBeDefined();
  });

  it('lets a read token read but not write', async () => {
    const tenant = await service.createTenant();
    const reader = graphqlClient(service, (await issueToken(tenant.tenantId, ['read'])).secret);
    await expect(reader.query('{ users { totalCount } }')).resolves.toEqual({ users: { totalCount: 0 } });
    const write = await reader.raw('mutation { userCreate(input: { userName: "x@x.com" }) { user { id } } }');
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const writer = graphqlClient(service, tenant.graphqlToken);
    expect((await writer.query('{ users { totalCount } }')).users.totalCount).toBe(0);
  });
});
