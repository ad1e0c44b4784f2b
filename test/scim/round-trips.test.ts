import { startTestService, type TestService } from '../support/harness';
import { createScimGroup, createScimUser, ENTERPRISE, entraUser } from './support/scim-client';
import { expectNoContent, scimTenant, wireFilter } from './support/scim-suite';

/**
 * The round trips to PostgreSQL of Entra's most frequent requests (docs/architecture.md, "The
 * path of a SCIM request"): each is what bounds throughput on a busy database, so a change that
 * adds one shows here.
 */
let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

async function roundTripsOf<T>(request: () => Promise<T>): Promise<{ result: T; roundTrips: number }> {
  const before = service.database.roundTrips;
  const result = await request();
  return { result, roundTrips: service.database.roundTrips - before };
}

describe('round trips to PostgreSQL per SCIM request', () => {
  it('GET /Users?filter=userName eq: authenticate, the page with its total, commit', async () => {
    const { scim } = await scimTenant(service);
    await createScimUser(scim, 'filter@x.com');
    const { result, roundTrips } = await roundTripsOf(() =>
      scim.get(`/Users?filter=${wireFilter('userName eq "filter@x.com"')}`),
    );
    expect(result.status).toBe(200);
    expect(result.body.totalResults).toBe(1);
    expect(roundTrips).toBe(3);
  });

  it('POST /Users with a department: authenticate, the insert that finds or creates the department, commit', async () => {
    const { scim } = await scimTenant(service);
    for (const [userName, expected] of [
      ['first@x.com', 'created'],
      ['second@x.com', 'found'],
    ] as const) {
      const { result, roundTrips } = await roundTripsOf(() =>
        scim.post('/Users', entraUser(userName, { [ENTERPRISE]: { department: 'Sales' } })),
      );
      expect({ expected, status: result.status, roundTrips }).toEqual({ expected, status: 201, roundTrips: 3 });
    }
  });

  it('PATCH /Users/{id} in the default dialect: authenticate, the user read locked, the update, commit', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'patch@x.com');
    const { result, roundTrips } = await roundTripsOf(() =>
      scim.operations(`/Users/${user.id}`, [
        { op: 'Replace', path: 'displayName', value: 'Patched' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'patched@x.com' },
        { op: 'Replace', path: 'active', value: 'False' },
      ]),
    );
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ displayName: 'Patched', active: false });
    expect(roundTrips).toBe(4);
  });

  it('PATCH /Groups/{id} adding a user: authenticate, the group locked with the ids told apart and the insert in one statement, commit', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'member@x.com');
    const group = await createScimGroup(scim, 'Round trips');
    const { result, roundTrips } = await roundTripsOf(() =>
      scim.operations(`/Groups/${group.id}`, [{ op: 'Add', path: 'members', value: [{ value: user.id }] }]),
    );
    expectNoContent(result);
    expect(roundTrips).toBe(3);
    expect((await scim.get(`/Groups/${group.id}`)).body.members).toEqual([expect.objectContaining({ value: user.id })]);
  });
});
