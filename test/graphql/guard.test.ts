import * as graphql from 'graphql';
import { graphqlClient, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';
import { aliased, fragmentChain, fragmentFanOut, nestedNotFilterJson } from '../support/hostile-documents';

// Counts graphql-js validations, to show that a refused document never reaches one.
jest.mock('graphql', () => {
  const actual = jest.requireActual<typeof graphql>('graphql');
  return { ...actual, validate: jest.fn(actual.validate) };
});
const validations = () => (graphql.validate as jest.Mock).mock.calls.length;

/** The attacks answer within this, where they took seconds to minutes, or stalled the process. */
const QUICKLY_MS = 100;

let service: TestService;
beforeAll(async () => {
  // Bodies up to 1 MB reach the guard here, so that the guard itself is what refuses the largest
  // documents below (by default a body over GRAPHQL_BODY_LIMIT is refused before it is read: limits.test.ts).
  service = await startTestService({ GRAPHQL_BODY_LIMIT: '1048576' });
});
afterAll(() => service.close());

async function newClient(): Promise<GraphQLClient> {
  const client = graphqlClient(service, (await service.createTenant()).graphqlToken);
  await client.query('{ __typename }'); // the first request of a token warms what later timings should not include
  return client;
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

/** Posts a body written as text: JSON.stringify cannot write a value nested 10,000 levels deep. */
function postRaw(token: string, body: string) {
  return service.http
    .post('/graphql')
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', 'application/json')
    .send(body);
}

describe('the GraphQL guard', () => {
  it('refuses before graphql-js validates: what it refuses is never validated', async () => {
    const client = await newClient();
    const before = validations();
    // An unknown field would be GRAPHQL_VALIDATION_FAILED if validation came first.
    const refused = await client.raw(`{ noSuchField ${aliased(200, '__typename')} }`);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions?.code).toBe('TOO_MANY_ALIASES');
    expect(validations()).toBe(before);

    expect((await client.raw('{ noSuchField }')).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(validations()).toBe(before + 1);
  });

  it.each([23, 40])('answers a %i-level fragment fan-out at once with TOO_MANY_FRAGMENTS', async (levels) => {
    const client = await newClient();
    const { result, ms } = await timed(() => client.raw(fragmentFanOut(levels)));
    expect(result.status).toBe(400);
    expect(result.errors?.[0]).toMatchObject({
      extensions: { code: 'TOO_MANY_FRAGMENTS', maxFragmentSpreads: 500 },
      message: expect.stringContaining('Spread fragments fewer times'),
    });
    expect(ms).toBeLessThan(QUICKLY_MS);
  });

  it('answers 10,000 chained fragments with 400, not a stack overflow', async () => {
    const client = await newClient();
    const { result, ms } = await timed(() => client.raw(fragmentChain(10_000)));
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('DOCUMENT_TOO_LARGE');
    expect(ms).toBeLessThan(QUICKLY_MS);
  });

  it('answers brackets nested too deeply with TOO_DEEPLY_NESTED, before parsing', async () => {
    const client = await newClient();
    const filter = (levels: number) => `${'{ not: '.repeat(levels)}{ active: true }${' }'.repeat(levels)}`;
    const nested = await client.raw(`{ users(filter: ${filter(100)}) { totalCount } }`);
    expect(nested.status).toBe(400);
    expect(nested.errors?.[0]?.extensions).toEqual({ code: 'TOO_DEEPLY_NESTED', nesting: 103, maxNesting: 64 });
    // Ten thousand levels are over the size limit as well, which is checked first.
    const { result, ms } = await timed(() => client.raw(`{ users(filter: ${filter(10_000)}) { totalCount } }`));
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('DOCUMENT_TOO_LARGE');
    expect(ms).toBeLessThan(QUICKLY_MS);
  });

  it('answers a filter nested 10,000 levels deep in variables with VARIABLES_TOO_DEEP, over POST and GET', async () => {
    const tenant = await service.createTenant();
    const query = 'query($f: UserFilterInput) { users(filter: $f) { totalCount } }';
    const variables = `{"f":${nestedNotFilterJson(10_000)}}`;
    const posted = await postRaw(tenant.graphqlToken, `{"query":${JSON.stringify(query)},"variables":${variables}}`);
    expect(posted.status).toBe(400);
    expect(posted.body.errors[0]).toMatchObject({ extensions: { code: 'VARIABLES_TOO_DEEP', maxDepth: 20 } });

    const viaGet = await service.http
      .get('/graphql')
      .query({ query, variables: `{"f":${nestedNotFilterJson(500)}}` })
      .set('Authorization', `Bearer ${tenant.graphqlToken}`)
      .set('Accept', 'application/json');
    expect(viaGet.status).toBe(400);
    expect(viaGet.body.errors[0].extensions.code).toBe('VARIABLES_TOO_DEEP');
  });

  it('refuses a filter nested too deeply in the document itself with INPUT_TOO_DEEP', async () => {
    const client = await newClient();
    const result = await client.raw(
      `{ users(filter: ${'{ not: '.repeat(30)}{ active: true }${' }'.repeat(30)}) { totalCount } }`,
    );
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'INPUT_TOO_DEEP', depth: 31, maxDepth: 20 });
  });

  it('refuses 4,000 aliased counts at once, and a few dozen by their cost', async () => {
    const client = await newClient();
    const { result, ms } = await timed(() => client.raw(aliased(4_000, 'users(first: 1) { totalCount }')));
    expect(result.status).toBe(400);
    // 150 KB: the size limit answers first.
    expect(result.errors?.[0]?.extensions?.code).toBe('DOCUMENT_TOO_LARGE');
    expect(ms).toBeLessThan(QUICKLY_MS);
    expect((await client.raw(aliased(101, '__typename'))).errors?.[0]?.extensions).toEqual({
      code: 'TOO_MANY_ALIASES',
      aliases: 101,
      maxAliases: 100,
    });

    // Each count weighs 5,000 and each search 5,000 more: 9 counts fit in the default budget, 4 searches with counts.
    const counts = await client.raw(aliased(10, 'users(first: 1) { totalCount }'));
    expect(counts.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COSTLY', cost: 10 * 5_002, maxCost: 50_000 });
    const searches = await client.raw(aliased(5, 'users(first: 1, search: "an") { totalCount }'));
    expect(searches.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COSTLY', cost: 5 * 10_002, maxCost: 50_000 });
    expect(await client.query(aliased(4, 'users(first: 1, search: "an") { totalCount }'))).toMatchObject({
      a0: { totalCount: 0 },
    });
  });

  it('refuses 1,000 userCreate aliases, and creates nobody', async () => {
    const client = await newClient();
    const result = await client.raw(
      aliased(1_000, 'userCreate(input: { userName: "a@acme.com" }) { user { id } }', 'mutation'),
    );
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('DOCUMENT_TOO_LARGE');
    expect(await client.query('{ users { totalCount } }')).toEqual({ users: { totalCount: 0 } });
  });

  it('refuses the alias attacks by their cost when every other limit is raised', async () => {
    const roomy = await startTestService({
      GRAPHQL_MAX_DOCUMENT_BYTES: '1048576',
      GRAPHQL_MAX_TOKENS: '1000000',
      GRAPHQL_MAX_ALIASES: '100000',
      GRAPHQL_MAX_FIELDS: '100000',
    });
    try {
      const client = graphqlClient(roomy, (await roomy.createTenant()).graphqlToken);
      await client.query('{ __typename }');
      // 150 KB to parse and measure, on a service just started: bounded, though not as tight.
      const { result, ms } = await timed(() => client.raw(aliased(4_000, 'users(first: 1) { totalCount }')));
      expect(result.errors?.[0]?.extensions).toEqual({
        code: 'QUERY_TOO_COSTLY',
        cost: 4_000 * 5_002,
        maxCost: 50_000,
      });
      expect(ms).toBeLessThan(1_000);
      const creates = await client.raw(
        aliased(1_000, 'userCreate(input: { userName: "a@acme.com" }) { user { id } }', 'mutation'),
      );
      // Each mutation weighs 500, besides the 3 values of its payload.
      expect(creates.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COSTLY', cost: 1_000 * 503, maxCost: 50_000 });
    } finally {
      await roomy.close();
    }
  });

  it('answers a subscription with 400 SUBSCRIPTIONS_NOT_SUPPORTED', async () => {
    const client = await newClient();
    const result = await client.raw('subscription { users { totalCount } }');
    expect(result.status).toBe(400);
    expect(result.errors).toEqual([
      {
        message: expect.stringContaining('no subscriptions'),
        extensions: { code: 'SUBSCRIPTIONS_NOT_SUPPORTED' },
      },
    ]);
  });

  it('answers automatic persisted queries, a hash mismatch included, with 400 PERSISTED_QUERY_NOT_SUPPORTED', async () => {
    const tenant = await service.createTenant();
    const persistedQuery = {
      version: 1,
      sha256Hash: 'ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38',
    };
    const mismatch = await service.http
      .post('/graphql')
      .set('Authorization', `Bearer ${tenant.graphqlToken}`)
      .send({ query: '{ __typename }', extensions: { persistedQuery } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');

    const hashOnly = await service.http
      .get('/graphql')
      .query({ extensions: JSON.stringify({ persistedQuery }) })
      .set('Authorization', `Bearer ${tenant.graphqlToken}`)
      .set('Accept', 'application/json');
    expect(hashOnly.status).toBe(400);
    expect(hashOnly.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
  });

  it('guards GET requests too', async () => {
    const tenant = await service.createTenant();
    const response = await service.http
      .get('/graphql')
      .query({ query: fragmentFanOut(30) })
      .set('Authorization', `Bearer ${tenant.graphqlToken}`)
      .set('Accept', 'application/json');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('TOO_MANY_FRAGMENTS');
  });

  it('answers a missing token with 401 before saying anything about the document', async () => {
    const response = await service.http.post('/graphql').send({ query: fragmentFanOut(40) });
    expect(response.status).toBe(401);
  });

  it('leaves the SCIM facade alone: its fixed operations are not measured', async () => {
    const strict = await startTestService({ GRAPHQL_MAX_DEPTH: '2', GRAPHQL_MAX_COST: '1', GRAPHQL_MAX_FIELDS: '10' });
    try {
      const tenant = await strict.createTenant();
      const created = await strict.http
        .post('/scim/v2/Users')
        .set('Authorization', `Bearer ${tenant.scimToken}`)
        .set('Content-Type', 'application/scim+json')
        .send(JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ana@acme.com' }));
      expect(created.status).toBe(201);
      const listed = await strict.http.get('/scim/v2/Users').set('Authorization', `Bearer ${tenant.scimToken}`);
      expect(listed.status).toBe(200);
      expect(listed.body.totalResults).toBe(1);

      const result = await graphqlClient(strict, tenant.graphqlToken).raw('{ users { totalCount } }');
      expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    } finally {
      await strict.close();
    }
  });
});
