import { purgeExpired } from '../../src/domain/directory/retention/purge';
import { TenantTransaction } from '../../src/platform/db/tenant-transaction';
import { createGroup, createUser, graphqlClient, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

async function newTenant(): Promise<{ client: GraphQLClient; tenantId: string }> {
  const tenant = await service.createTenant();
  return { client: graphqlClient(service, tenant.graphqlToken), tenantId: tenant.tenantId };
}

const DELETE_USER = `mutation($id: ID!) { userDelete(input: { id: $id }) { userErrors { code } } }`;
const RESTORE_USER = `mutation($id: ID!) { userRestore(input: { id: $id }) {
  user { id userName manager { userName } memberOf { nodes { displayName } } directReports { nodes { userName } } }
  userErrors { code message } } }`;

describe('deleted users and groups', () => {
  it('lists a deleted user and restores it with its id, groups, manager and reports', async () => {
    const { client } = await newTenant();
    const boss = await createUser(client, { userName: 'boss@x.com' });
    const mid = await createUser(client, { userName: 'mid@x.com', managerId: boss.id, title: 'Lead' });
    await createUser(client, { userName: 'low@x.com', managerId: mid.id });
    await createGroup(client, { displayName: 'Team', memberIds: [mid.id] });
    await client.query(DELETE_USER, { id: mid.id });

    const gone = await client.query(
      `query($id: ID!) { user(id: $id) { id } users(filter: { userName: { eq: "mid@x.com" } }) { totalCount } deletedUsers { nodes { id name deletedAt } } }`,
      { id: mid.id },
    );
    expect(gone.user).toBeNull();
    expect(gone.users.totalCount).toBe(0);
    expect(gone.deletedUsers.nodes).toEqual([{ id: mid.id, name: 'mid@x.com', deletedAt: expect.any(String) }]);

    const restored = await client.query(RESTORE_USER, { id: mid.id });
    expect(restored.userRestore).toEqual({
      user: {
        id: mid.id,
        userName: 'mid@x.com',
        manager: { userName: 'boss@x.com' },
        memberOf: { nodes: [{ displayName: 'Team' }] },
        directReports: { nodes: [{ userName: 'low@x.com' }] },
      },
      userErrors: [],
    });
    const after = await client.query(`query($id: ID!) { user(id: $id) { title } deletedUsers { totalCount } }`, {
      id: mid.id,
    });
    expect(after).toEqual({ user: { title: 'Lead' }, deletedUsers: { totalCount: 0 } });
  });

  it('lets the userName be taken while deleted, and then refuses the restore with RESTORE_CONFLICT', async () => {
    const { client } = await newTenant();
    const user = await createUser(client, { userName: 'again@x.com' });
    await client.query(DELETE_USER, { id: user.id });
    await createUser(client, { userName: 'AGAIN@x.com' });
    const restored = await client.query(RESTORE_USER, { id: user.id });
    expect(restored.userRestore.userErrors).toEqual([
      { code: 'RESTORE_CONFLICT', message: expect.stringContaining('taken') },
    ]);
    const still = await client.query(`{ deletedUsers { totalCount } }`);
    expect(still.deletedUsers.totalCount).toBe(1);
  });

  it('restores a deleted group with its surviving members and parents', async () => {
    const { client } = await newTenant();
    const a = await createUser(client, { userName: 'a@x.com' });
    const b = await createUser(client, { userName: 'b@x.com' });
    const child = await createGroup(client, { displayName: 'Child', memberIds: [a.id, b.id] });
    const parent = await createGroup(client, { displayName: 'Parent', memberIds: [child.id] });
    await client.query(`mutation($id: ID!) { groupDelete(input: { id: $id }) { userErrors { code } } }`, {
      id: child.id,
    });
    await client.query(DELETE_USER, { id: b.id });
    const restored = await client.query(
      `mutation($id: ID!) { groupRestore(input: { id: $id }) { group { id displayName } userErrors { code } } }`,
      { id: child.id },
    );
    expect(restored.groupRestore).toEqual({ group: { id: child.id, displayName: 'Child' }, userErrors: [] });
    const data = await client.query(
      `query($c: ID!, $p: ID!) { c: group(id: $c) { members { nodes { ... on User { userName } } } } p: group(id: $p) { members { nodes { ... on Group { displayName } } } } }`,
      { c: child.id, p: parent.id },
    );
    expect(data).toEqual({
      c: { members: { nodes: [{ userName: 'a@x.com' }] } },
      p: { members: { nodes: [{ displayName: 'Child' }] } },
    });
  });

  it('purges what is past the retention window, after which a restore finds nothing', async () => {
    const { client, tenantId } = await newTenant();
    const user = await createUser(client, { userName: 'old@x.com' });
    await client.query(DELETE_USER, { id: user.id });
    // Age the deletion past the window, as time would.
    const transaction = await TenantTransaction.begin(service.database);
    await transaction.enterTenant(tenantId);
    await transaction.query(
      `update deleted_directory_objects set deleted_at = now() - interval '31 days' where id = ?`,
      [user.id],
    );
    await transaction.commit();
    const result = await purgeExpired(service.database, {
      deletedObjectsDays: 30,
      changesDays: 30,
      provisioningEventsDays: 90,
    });
    expect(result?.deletedObjects).toBeGreaterThanOrEqual(1);
    const restored = await client.query(RESTORE_USER, { id: user.id });
    expect(restored.userRestore.userErrors).toEqual([
      { code: 'NOT_FOUND', message: expect.stringContaining('purged') },
    ]);
  });
});
