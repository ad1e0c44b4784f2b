import net from 'node:net';
import { Client } from 'pg';
import { createUser, graphqlClient, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';
import { scimClient } from '../scim/support/scim-client';

/**
 * One tenant, or one client, must never stall the others: slow bodies hold no database
 * connection, a request has a time budget, and a tenant has a share of the instance.
 */
let service: TestService;
beforeAll(async () => {
  service = await startTestService({
    DB_POOL_MAX: '4',
    TENANT_MAX_CONCURRENT_REQUESTS: '2',
    TENANT_MAX_CONCURRENT_HEAVY_REQUESTS: '1',
    TENANT_QUEUE_WAIT_MS: '300',
    REQUEST_TIME_BUDGET_SECONDS: '1.5',
    BODY_READ_TIMEOUT_SECONDS: '1',
  });
});
afterAll(() => service.close());

/** Holds a row lock on a user from outside the service, so that a write to it waits. */
async function lockUser(userId: string): Promise<Client> {
  const holder = new Client({ connectionString: process.env.DATABASE_URL });
  await holder.connect();
  await holder.query('begin');
  await holder.query('select 1 from users where id = $1 for update', [userId]);
  return holder;
}

async function release(holder: Client): Promise<void> {
  await holder.query('rollback');
  await holder.end();
}

const renaming = (client: GraphQLClient, id: string) =>
  client.raw(`mutation($id: ID!) { userUpdate(input: { id: $id, title: "x" }) { userErrors { code } } }`, { id });

describe('fairness under abuse', () => {
  it('a slow request body holds only its socket: others are served meanwhile, and it gets 408', async () => {
    const slow = await service.createTenant();
    const victim = scimClient(service, (await service.createTenant()).scimToken);
    const { port } = new URL(service.url);
    const sockets = Array.from({ length: 12 }, () => {
      const socket = net.connect(Number(port), '127.0.0.1');
      const answer = new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString()));
        socket.on('close', () => resolve(text));
        socket.on('error', () => resolve(text));
      });
      socket.write(
        `POST /scim/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${slow.scimToken}\r\n` +
          'Content-Type: application/scim+json\r\nContent-Length: 200\r\n\r\n{',
      );
      const drip = setInterval(() => socket.write(' '), 200);
      return { answer, stop: () => clearInterval(drip) };
    });
    const started = Date.now();
    for (let i = 0; i < 5; i++) {
      const response = await victim.get('/Users?count=1');
      expect(response.status).toBe(200);
    }
    expect((await service.http.get('/readyz')).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(900);
    const answers = await Promise.all(sockets.map((socket) => socket.answer.finally(socket.stop)));
    for (const answer of answers) expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answers[0]).toMatch(/did not arrive within 1 s/);
  });

  it('a request past its time budget is stopped, answers REQUEST_TIMEOUT, and its waiting statement is cancelled', async () => {
    const tenant = await service.createTenant();
    const client = graphqlClient(service, tenant.graphqlToken);
    const user = await createUser(client, { userName: 'locked@x.com' });
    const holder = await lockUser(user.id);
    try {
      const started = Date.now();
      const result = await renaming(client, user.id);
      expect(result.status).toBe(503);
      expect(result.errors?.[0]?.extensions?.code).toBe('REQUEST_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(3_000);
      // Nothing waits for the holder's lock any more (other test files' waits are not ours).
      const waiting = await holder.query(
        `select count(*)::int as n from pg_stat_activity where pg_backend_pid() = any(pg_blocking_pids(pid))`,
      );
      expect(waiting.rows[0].n).toBe(0);
    } finally {
      await release(holder);
    }
    expect((await client.query(`query($id: ID!) { user(id: $id) { title } }`, { id: user.id })).user.title).toBeNull();
  });

  it('a tenant past its share waits, then gets 429 with Retry-After, while another tenant is served at once', async () => {
    const greedy = await service.createTenant();
    const greedyClient = graphqlClient(service, greedy.graphqlToken);
    const user = await createUser(greedyClient, { userName: 'held@x.com' });
    const victim = graphqlClient(service, (await service.createTenant()).graphqlToken);
    const holder = await lockUser(user.id);
    try {
      // Two requests take the tenant's share and wait on the lock; the third waits for a place.
      const held = [renaming(greedyClient, user.id), renaming(greedyClient, user.id)];
      await new Promise((resolve) => setTimeout(resolve, 100));
      const third = await renaming(greedyClient, user.id);
      expect(third.status).toBe(429);
      expect(third.errors?.[0]?.extensions?.code).toBe('TENANT_BUSY');
      expect(third.response.headers['retry-after']).toBe('1');
      const started = Date.now();
      expect((await victim.raw('{ users(first: 1) { totalCount } }')).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(500);
      await release(holder);
      for (const result of await Promise.all(held)) expect(result.status).toBe(200);
    } catch (error) {
      await release(holder).catch(() => undefined);
      throw error;
    }
  });

  it('a tenant has fewer places for heavy requests (counts, substring filters): past them it gets 429, its light requests are still served', async () => {
    const tenant = await service.createTenant();
    const client = graphqlClient(service, tenant.graphqlToken);
    const scim = scimClient(service, tenant.scimToken);
    const user = await createUser(client, { userName: 'heavy@x.com' });
    // A credential's share is known from its last admission here: the SCIM token's, from this one.
    expect((await scim.get(`/Users?filter=${encodeURIComponent('userName eq "heavy@x.com"')}`)).status).toBe(200);
    const holder = await lockUser(user.id);
    try {
      // A write that also asks for a count is heavy: it takes the tenant's one heavy place and waits on the lock.
      const heavyWrite = client.raw(
        `mutation($id: ID!) { userUpdate(input: { id: $id, title: "x" }) { user { reportsCount } userErrors { code } } }`,
        { id: user.id },
      );
      await new Promise((resolve) => setTimeout(resolve, 100));

      const count = await client.raw('{ users(first: 1) { totalCount } }');
      expect(count.status).toBe(429);
      expect(count.errors?.[0]?.extensions?.code).toBe('TENANT_BUSY');
      expect(count.errors?.[0]?.message).toMatch(/expensive requests/);
      const substring = await scim.get(`/Users?filter=${encodeURIComponent('displayName co "a"')}`);
      expect(substring.status).toBe(429);
      expect(substring.headers['retry-after']).toBe('1');

      const started = Date.now();
      expect((await client.raw('{ users(first: 1) { nodes { id } } }')).status).toBe(200);
      expect((await scim.get(`/Users?filter=${encodeURIComponent('userName eq "heavy@x.com"')}`)).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(500);

      await release(holder);
      expect((await heavyWrite).status).toBe(200);
    } catch (error) {
      await release(holder).catch(() => undefined);
      throw error;
    }
  });
});
