import { graphqlClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';
import { createScimGroup, scimClient } from '../scim/support/scim-client';

/** Inputs that answered 500 once: each must be a 4xx that says what to fix, and change nothing. */
let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

describe('client mistakes answer 4xx, never 500', () => {
  it('PUT /Groups renaming a group to another group’s name (any case) answers 409 and changes nothing', async () => {
    const tenant = await service.createTenant();
    const scim = scimClient(service, tenant.scimToken);
    await createScimGroup(scim, 'Sales');
    const other = await createScimGroup(scim, 'Marketing');
    const response = await scim.put(`/Groups/${other.id}`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'SALES',
      members: [],
    });
    expect(response.status).toBe(409);
    expect(response.body.scimType).toBe('uniqueness');
    expect(response.body.detail).toMatch(/displayName/);
    expect((await scim.get(`/Groups/${other.id}`)).body.displayName).toBe('Marketing');
  });

  it('a signed-in user token whose issuer holds a NUL answers 401', async () => {
    const response = await service.http
      .post('/graphql')
      .set('Authorization', 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJcdTAwMDAifQ.x')
      .send({ query: '{ me { id } }' });
    expect(response.status).toBe(401);
    expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it.each(['Users', 'Groups'])('a SCIM filter on year 0000 answers 400 invalidFilter (%s)', async (resource) => {
    const tenant = await service.createTenant();
    const scim = scimClient(service, tenant.scimToken);
    const filter = encodeURIComponent('meta.lastModified ge "0000-01-01T00:00:00Z"');
    const response = await scim.get(`/${resource}?filter=${filter}`);
    expect(response.status).toBe(400);
    expect(response.body.scimType).toBe('invalidFilter');
    expect(response.body.detail).toMatch(/between the years 0001 and 9999/);
  });

  it('a GraphQL date filter on year 0000 answers a client error, not INTERNAL_SERVER_ERROR', async () => {
    const tenant = await service.createTenant();
    const graphql = graphqlClient(service, tenant.graphqlToken);
    const result = await graphql.raw(
      '{ users(filter: { updatedAt: { gte: "0000-01-01T00:00:00Z" } }) { totalCount } }',
    );
    expect(result.errors?.[0]?.extensions?.code).toMatch(/^(INVALID_INPUT|BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED)$/);
    expect(result.status).toBeLessThan(500);
  });
});
