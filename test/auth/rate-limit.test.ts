import { TenantTransaction } from '../../src/platform/db/tenant-transaction';
import { TokenService } from '../../src/domain/accounts/tokens/token.service';
import { purgeExpired } from '../../src/domain/directory/retention/purge';
import { createUser, graphqlClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';
import { TestIdentityProvider } from './support/identity-provider';
import { configureSso } from './support/sso';

const LIMIT = 5;
let service: TestService;
beforeAll(async () => {
  service = await startTestService({ GRAPHQL_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
});
afterAll(() => service.close());

/** Windows are whole minutes: start a burst early enough in one that it cannot straddle two. */
async function freshWindow(): Promise<void> {
  const secondsLeft = 60 - ((Date.now() / 1000) % 60);
  if (secondsLeft < 15) await new Promise((resolve) => setTimeout(resolve, secondsLeft * 1000 + 200));
}

async function readerToken(tenantId: string, name = 'reader'): Promise<{ id: string; secret: string }> {
  const transaction = await TenantTransaction.begin(service.database);
  await transaction.enterTenant(tenantId);
  const issued = await new TokenService(transaction).issue({ kind: 'graphql', name, scopes: ['write'] });
  await transaction.commit();
  return issued;
}

async function statusesOf(count: number, send: () => Promise<{ status: number }>): Promise<number[]> {
  const statuses = [];
  for (let i = 0; i < count; i++) statuses.push((await send()).status);
  return statuses;
}

describe('per-credential rate limit on /graphql', () => {
  it('answers the request over the limit with 429, Retry-After and RATE_LIMITED, without running it', async () => {
    const tenant = await service.createTenant();
    const client = graphqlClient(service, (await readerToken(tenant.tenantId)).secret);
    const other = graphqlClient(service, (await readerToken(tenant.tenantId, 'other')).secret);
    await freshWindow();

    expect(await statusesOf(LIMIT, () => client.raw('{ users { totalCount } }'))).toEqual(Array(LIMIT).fill(200));
    const limited = await client.raw('mutation { userCreate(input: { userName: "late@acme.com" }) { user { id } } }');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.response.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.errors).toEqual([
      {
        message: expect.stringContaining(`${LIMIT} per minute`),
        extensions: { code: 'RATE_LIMITED', limitPerMinute: LIMIT, retryAfterSeconds: retryAfter },
      },
    ]);

    // Refused before any transaction opens: one statement, the count.
    const before = service.database.statementCount;
    expect((await client.raw('{ users { totalCount } }')).status).toBe(429);
    expect(service.database.statementCount - before).toBe(1);

    // Another token of the same tenant has its own budget, and the refused mutation did not run.
    expect(await other.query('{ users(filter: { userName: { eq: "late@acme.com" } }) { totalCount } }')).toEqual({
      users: { totalCount: 0 },
    });
  });

  it('counts requests that fail, so errors are no way around the limit', async () => {
    const tenant = await service.createTenant();
    const client = graphqlClient(service, (await readerToken(tenant.tenantId)).secret);
    await freshWindow();
    expect(await statusesOf(LIMIT, () => client.raw('{ noSuchField }'))).toEqual(Array(LIMIT).fill(400));
    expect((await client.raw('{ users { totalCount } }')).status).toBe(429);
  });

  it('counts a request once per mutation it runs, so aliases are no way around the limit either', async () => {
    const tenant = await service.createTenant();
    const token = await readerToken(tenant.tenantId);
    const client = graphqlClient(service, token.secret);
    const creates = (...names: string[]) =>
      `mutation { ${names.map((name, i) => `c${i}: userCreate(input: { userName: "${name}@acme.com" }) { user { id } }`).join(' ')} }`;
    await freshWindow();

    expect((await client.raw(creates('ada', 'bo', 'cy'))).status).toBe(200);
    expect((await client.raw('{ users { totalCount } }')).status).toBe(200);
    expect(await windowsOf(tenant.tenantId, token.id)).toEqual([{ count: 4, current: true }]);
    // Two more mutations would make six: refused whole, and counted.
    expect((await client.raw(creates('dee', 'eve'))).status).toBe(429);
    expect(await windowsOf(tenant.tenantId, token.id)).toEqual([{ count: 6, current: true }]);
    const other = graphqlClient(service, (await readerToken(tenant.tenantId, 'other')).secret);
    expect(await other.query('{ users { totalCount } }')).toEqual({ users: { totalCount: 3 } });
  });

  it('limits each signed-in user separately', async () => {
    const tenant = await service.createTenant();
    const admin = graphqlClient(service, (await readerToken(tenant.tenantId)).secret);
    const setup = graphqlClient(service, tenant.graphqlToken);
    const provider = await TestIdentityProvider.start();
    try {
      await configureSso(setup, provider);
      await createUser(admin, { userName: 'ona@acme.com' });
      await createUser(admin, { userName: 'pia@acme.com' });
      const ona = graphqlClient(service, await provider.token({ preferred_username: 'ona@acme.com' }));
      // A fresh token of the same user is the same credential: the limit follows the user.
      const onaAgain = graphqlClient(service, await provider.token({ preferred_username: 'ona@acme.com', nonce: 'x' }));
      const pia = graphqlClient(service, await provider.token({ preferred_username: 'pia@acme.com' }));
      await freshWindow();

      expect(await statusesOf(LIMIT, () => ona.raw('{ me { id } }'))).toEqual(Array(LIMIT).fill(200));
      expect((await onaAgain.raw('{ me { id } }')).status).toBe(429);
      expect((await pia.raw('{ me { id } }')).status).toBe(200);
    } finally {
      await provider.close();
    }
  });

  it('is shared by every instance on the database', async () => {
    const second = await startTestService({ GRAPHQL_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    try {
      const tenant = await service.createTenant();
      const { secret } = await readerToken(tenant.tenantId);
      await freshWindow();
      const onFirst = graphqlClient(service, secret);
      const onSecond = graphqlClient(second, secret);
      expect(await statusesOf(3, () => onFirst.raw('{ users { totalCount } }'))).toEqual([200, 200, 200]);
      expect(await statusesOf(3, () => onSecond.raw('{ users { totalCount } }'))).toEqual([200, 200, 429]);
    } finally {
      await second.close();
    }
  });

  it('never throttles SCIM: Entra provisioning must not be slowed down', async () => {
    const tenant = await service.createTenant();
    await freshWindow();
    const statuses = await statusesOf(LIMIT * 3, () =>
      service.http.get('/scim/v2/Users').set('Authorization', `Bearer ${tenant.scimToken}`),
    );
    expect(statuses).toEqual(Array(LIMIT * 3).fill(200));
  });

  it("removes a credential's earlier windows when it counts a request", async () => {
    const tenant = await service.createTenant();
    const token = await readerToken(tenant.tenantId);
    const transaction = await TenantTransaction.begin(service.database);
    await transaction.enterTenant(tenant.tenantId);
    await transaction.query(
      `insert into graphql_rate_limits (tenant_id, subject, window_start, count)
       values (?, ?, date_trunc('minute', now()) - interval '5 minutes', 42)`,
      [tenant.tenantId, token.id],
    );
    await transaction.commit();

    expect((await graphqlClient(service, token.secret).raw('{ users { totalCount } }')).status).toBe(200);
    expect(await windowsOf(tenant.tenantId, token.id)).toEqual([{ count: 1, current: true }]);
  });

  it('has the purge remove counters of credentials no longer in use, and keep current ones', async () => {
    const tenant = await service.createTenant();
    const idle = await readerToken(tenant.tenantId, 'idle');
    const active = await readerToken(tenant.tenantId, 'active');
    const transaction = await TenantTransaction.begin(service.database);
    await transaction.enterTenant(tenant.tenantId);
    await transaction.query(
      `insert into graphql_rate_limits (tenant_id, subject, window_start, count)
       values (?, ?, date_trunc('minute', now()) - interval '3 days', 7)`,
      [tenant.tenantId, idle.id],
    );
    await transaction.commit();
    await freshWindow();
    expect((await graphqlClient(service, active.secret).raw('{ users { totalCount } }')).status).toBe(200);

    await purgeExpired(service.database, { deletedObjectsDays: 30, changesDays: 30, provisioningEventsDays: 90 });

    expect(await windowsOf(tenant.tenantId, idle.id)).toEqual([]);
    expect(await windowsOf(tenant.tenantId, active.id)).toEqual([{ count: 1, current: true }]);
  });

  it('is off with GRAPHQL_RATE_LIMIT_PER_MINUTE=0, and counts nothing then', async () => {
    const unlimited = await startTestService({ GRAPHQL_RATE_LIMIT_PER_MINUTE: '0' });
    try {
      const tenant = await unlimited.createTenant();
      const token = await readerToken(tenant.tenantId);
      const client = graphqlClient(unlimited, token.secret);
      expect(await statusesOf(LIMIT * 2, () => client.raw('{ users { totalCount } }'))).toEqual(
        Array(LIMIT * 2).fill(200),
      );
      expect(await windowsOf(tenant.tenantId, token.id)).toEqual([]);
    } finally {
      await unlimited.close();
    }
  });
});

async function windowsOf(tenantId: string, subject: string) {
  const transaction = await TenantTransaction.begin(service.database);
  try {
    await transaction.enterTenant(tenantId);
    return await transaction.query<{ count: number; current: boolean }>(
      `select count, window_start = date_trunc('minute', now()) as current
         from graphql_rate_limits where tenant_id = ? and subject = ?`,
      [tenantId, subject],
    );
  } finally {
    await transaction.rollback();
  }
}
