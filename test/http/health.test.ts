import { graphqlClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

describe('health and readiness', () => {
  let proxy: TcpProxy;
  let service: TestService;
  beforeAll(async () => {
    proxy = await startTcpProxy(process.env.DATABASE_URL!);
    service = await startTestService({ DATABASE_URL: proxy.url });
  });
  afterAll(async () => {
    await service.close();
    await proxy.close();
  });

  it('answers /healthz and /readyz with 200 while the database is up', async () => {
    expect((await service.http.get('/healthz')).status).toBe(200);
    const ready = await service.http.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
  });

  it('answers 503 while the database is down, stays up, and recovers when it returns', async () => {
    const tenant = await service.createTenant();
    const client = graphqlClient(service, tenant.graphqlToken);
    await proxy.cut();

    const ready = await service.http.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.detail).toMatch(/database/i);
    expect((await service.http.get('/healthz')).status).toBe(200);
    const during = await client.raw('{ users { totalCount } }');
    expect(during.status).toBe(503);
    expect(during.response.headers['retry-after']).toBeDefined();
    expect(during.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');

    await proxy.restore();
    await expect(client.query('{ users { totalCount } }')).resolves.toEqual({ users: { totalCount: 0 } });
    expect((await service.http.get('/readyz')).status).toBe(200);
  });
});
