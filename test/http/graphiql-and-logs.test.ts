import { createUser, graphqlClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';

let service: TestService;
afterEach(() => service?.close());

describe('GraphiQL', () => {
  it('is served at /graphql to a browser, with its scripts from the service itself (no CDN)', async () => {
    service = await startTestService();
    const page = await service.http.get('/graphql').set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const source of sources) {
      expect(source.startsWith('/')).toBe(true);
      const asset = await service.http.get(source);
      expect(asset.status).toBe(200);
    }
    expect(page.text).not.toMatch(/https?:\/\//);
  });

  it('and introspection can be switched off for production', async () => {
    service = await startTestService({ GRAPHIQL: 'false', GRAPHQL_INTROSPECTION: 'false' });
    const page = await service.http.get('/graphql').set('Accept', 'text/html');
    expect(page.headers['content-type']).not.toMatch(/text\/html/);
    const client = graphqlClient(service, (await service.createTenant()).graphqlToken);
    const introspection = await client.raw('{ __schema { types { name } } }');
    expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
  });
});

describe('request logs', () => {
  it('are structured, carry a request id, and never contain a token', async () => {
    service = await startTestService();
    const tenant = await service.createTenant();
    const client = graphqlClient(service, tenant.graphqlToken);
    await createUser(client, { userName: 'logged@x.com' });
    await service.http
      .post('/graphql')
      .set('Authorization', `Bearer ${tenant.scimToken}`)
      .send({ query: '{ __typename }' });
    const response = await service.http.get('/healthz').set('X-Request-Id', 'req-123');
    expect(response.headers['x-request-id']).toBe('req-123');

    const requestLines = service.logLines.filter((line) => line.msg === 'request');
    expect(requestLines.length).toBeGreaterThanOrEqual(3);
    for (const line of requestLines)
      expect(line).toMatchObject({ requestId: expect.any(String), status: expect.any(Number) });
    expect(requestLines.some((line) => line.requestId === 'req-123')).toBe(true);
    const everything = JSON.stringify(service.logLines);
    expect(everything).not.toContain(tenant.graphqlToken);
    expect(everything).not.toContain(tenant.scimToken);
  });

  it('replaces a request id that is not a plausible id instead of echoing it', async () => {
    service = await startTestService();
    const hostile = `x${'y'.repeat(200)}`;
    const response = await service.http.get('/healthz').set('X-Request-Id', hostile);
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(service.logLines)).not.toContain(hostile);
  });
});
