import { startTestService, type TestService } from '../support/harness';
import { createScimUser, entraUser } from './support/scim-client';
import { scimTenant, unique } from './support/scim-suite';

/**
 * What the admin page's provisioning log and summary read: failures by operation, and when Entra
 * last called at all (R-70: the detail is what Entra's own log shows too).
 */
let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

const LOG = `query($filter: ProvisioningEventFilterInput) {
  provisioningEvents(first: 10, filter: $filter) { totalCount nodes { operation outcome status detail } }
}`;

describe('provisioning overview', () => {
  it('filters the log by operation and outcome, keeping the detail that says what to fix', async () => {
    const { scim, graphql } = await scimTenant(service);
    const userName = `${unique()}@contoso.example`;
    const user = await createScimUser(scim, userName);
    expect((await scim.post('/Users', entraUser(userName))).status).toBe(409);
    await scim.patch(`/Users/${user.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'title', value: 'Lead' }],
    });

    const failedCreates = await graphql.query(LOG, { filter: { operation: 'Create User', outcome: 'FAILURE' } });
    expect(failedCreates.provisioningEvents).toEqual({
      totalCount: 1,
      nodes: [
        {
          operation: 'Create User',
          outcome: 'FAILURE',
          status: 409,
          detail: expect.stringContaining('Another user already has this userName'),
        },
      ],
    });
    const updates = await graphql.query(LOG, { filter: { operation: 'Update User' } });
    expect(updates.provisioningEvents.nodes).toEqual([
      { operation: 'Update User', outcome: 'SUCCESS', status: 200, detail: null },
    ]);
  });

  it('tells when Entra last called: never, then at least to the hour for a read, exactly for a logged request', async () => {
    const { scim, graphql } = await scimTenant(service);
    const lastRequestAt = async () =>
      (await graphql.query('{ provisioningLastRequestAt }')).provisioningLastRequestAt as string | null;
    expect(await lastRequestAt()).toBeNull();

    const before = Date.now();
    await scim.get('/Users?filter=userName eq "nobody@contoso.example"');
    const hour = Math.floor(before / 3_600_000) * 3_600_000;
    expect(Date.parse((await lastRequestAt())!)).toBeGreaterThanOrEqual(hour);

    await createScimUser(scim, `${unique()}@contoso.example`);
    expect(Date.parse((await lastRequestAt())!)).toBeGreaterThanOrEqual(before - 1000);
  });
});
