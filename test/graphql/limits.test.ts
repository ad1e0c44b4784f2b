import { graphqlClient, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';

let service: TestService;
let client: GraphQLClient;
beforeAll(async () => {
  service = await startTestService({ GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_COST: '5000' });
  client = graphqlClient(service, (await service.createTenant()).graphqlToken);
});
afterAll(() => service.close());

describe('query limits and malformed requests', () => {
  it('answers malformed GraphQL with GRAPHQL_PARSE_FAILED', async () => {
    const result = await client.raw('{ users { nodes { id }');
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers an unknown field with GRAPHQL_VALIDATION_FAILED', async () => {
    const result = await client.raw('{ users { nodes { password } } }');
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a query deeper than the limit before running it', async () => {
    // What a request costs that reads nothing: authentication and the transaction around it.
    let before = service.database.statementCount;
    await client.query('{ __typename }');
    const overhead = service.database.statementCount - before;

    before = service.database.statementCount;
    const result = await client.raw(
      '{ users { nodes { manager { manager { manager { manager { manager { id } } } } } } } }',
    );
    expect(result.status).toBe(400);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_DEEP', depth: 8, maxDepth: 6 } });
    // Nothing of the query ran.
    expect(service.database.statementCount - before).toBe(overhead);
  });

  it('refuses a query whose nested pages multiply past the cost limit', async () => {
    const result = await client.raw(
      '{ users(first: 100) { nodes { directReports(first: 100) { nodes { id userName } } } } }',
    );
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', maxCost: 5000 });
    expect(result.errors?.[0]?.message).toMatch(/smaller pages/);
  });

  it('answers a page size over 100 with a clear error', async () => {
    const result = await client.raw('{ users(first: 101) { nodes { id } } }');
    expect(result.errors?.[0]).toMatchObject({
      extensions: { code: 'INVALID_INPUT' },
      message: 'first must be between 0 and 100.',
    });
  });

  it('answers a forged cursor with a clear error', async () => {
    const result = await client.raw('{ users(after: "bm90LWEtY3Vyc29y") { nodes { id } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/cursor/);
  });

  it('answers a body that is not JSON with 400 and a JSON error', async () => {
    const response = await service.http
      .post('/graphql')
      .set('Authorization', 'Bearer x')
      .set('Content-Type', 'application/json')
      .send('{"query": ');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].message).toBe('The request body is not valid JSON.');
  });

  it('refuses a body over GRAPHQL_BODY_LIMIT with 413 and a JSON error, as a refused document is still read and parsed', async () => {
    const response = await service.http
      .post('/graphql')
      .set('Authorization', 'Bearer x')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ query: `{ __typename } # ${'x'.repeat(262_144)}` }));
    expect(response.status).toBe(413);
    expect(response.body.errors[0].message).toBe('The request body is larger than this service accepts.');
    expect(response.headers.connection).toBe('close');
  });
});
