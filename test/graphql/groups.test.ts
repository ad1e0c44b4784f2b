import { createGroup, createUser, graphqlClient, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

async function newTenantClient(): Promise<GraphQLClient> {
  return graphqlClient(service, (await service.createTenant()).graphqlToken);
}

const ADD = `mutation($input: GroupMembersInput!) { groupMembersAdd(input: $input) {
  group { version } addedMemberIds removedMemberIds userErrors { code field message } } }`;
const REMOVE = `mutation($input: GroupMembersInput!) { groupMembersRemove(input: $input) {
  group { version } addedMemberIds removedMemberIds userErrors { code field message } } }`;
const REPLACE = `mutation($input: GroupMembersInput!) { groupMembersReplace(input: $input) {
  group { version } addedMemberIds removedMemberIds userErrors { code field message } } }`;

async function memberIds(client: GraphQLClient, groupId: string): Promise<string[]> {
  const data = await client.query(
    `query($id: ID!) { group(id: $id) { members(first: 100) { nodes { ... on User { id } ... on Group { id } } } } }`,
    { id: groupId },
  );
  return data.group.members.nodes.map((node: { id: string }) => node.id).sort();
}

async function users(client: GraphQLClient, count: number): Promise<string[]> {
  const created = [];
  for (let i = 0; i < count; i++) created.push((await createUser(client, { userName: `member${i}@x.com` })).id);
  return created;
}

describe('groups and memberships over GraphQL', () => {
  it('creates a group with members and lists them, users and groups alike', async () => {
    const client = await newTenantClient();
    const [alice, bob] = await users(client, 2);
    const inner = await createGroup(client, { displayName: 'Inner' });
    const outer = await createGroup(client, { displayName: 'Outer', memberIds: [alice, bob, inner.id] });
    expect(await memberIds(client, outer.id)).toEqual([alice!, bob!, inner.id].sort());
    const memberOf = await client.query(`query($id: ID!) { user(id: $id) { memberOf { nodes { displayName } } } }`, {
      id: alice,
    });
    expect(memberOf.user.memberOf.nodes).toEqual([{ displayName: 'Outer' }]);
  });

  it('refuses a second group whose name differs only in case', async () => {
    const client = await newTenantClient();
    await createGroup(client, { displayName: 'Sales' });
    const result = await client.query(
      `mutation { groupCreate(input: { displayName: "SALES" }) { group { id } userErrors { code field } } }`,
    );
    expect(result.groupCreate).toEqual({
      group: null,
      userErrors: [{ code: 'GROUP_NAME_TAKEN', field: ['input', 'displayName'] }],
    });
  });

  it('treats adding an existing member and removing a missing one as no-ops that succeed', async () => {
    const client = await newTenantClient();
    const [alice, bob] = await users(client, 2);
    const group = await createGroup(client, { displayName: 'G', memberIds: [alice] });
    const add = await client.query(ADD, { input: { groupId: group.id, memberIds: [alice] } });
    expect(add.groupMembersAdd).toEqual({
      group: { version: 1 },
      addedMemberIds: [],
      removedMemberIds: [],
      userErrors: [],
    });
    const remove = await client.query(REMOVE, { input: { groupId: group.id, memberIds: [bob] } });
    expect(remove.groupMembersRemove).toEqual({
      group: { version: 1 },
      addedMemberIds: [],
      removedMemberIds: [],
      userErrors: [],
    });
    expect(await memberIds(client, group.id)).toEqual([alice]);
  });

  it('removes only the listed members', async () => {
    const client = await newTenantClient();
    const [a, b, c] = await users(client, 3);
    const group = await createGroup(client, { displayName: 'Three', memberIds: [a, b, c] });
    const result = await client.query(REMOVE, { input: { groupId: group.id, memberIds: [b] } });
    expect(result.groupMembersRemove.removedMemberIds).toEqual([b]);
    expect(await memberIds(client, group.id)).toEqual([a!, c!].sort());
  });

  it('replaces the member set exactly, and an empty list empties it', async () => {
    const client = await newTenantClient();
    const [a, b, c] = await users(client, 3);
    const group = await createGroup(client, { displayName: 'R', memberIds: [a, b] });
    const result = await client.query(REPLACE, { input: { groupId: group.id, memberIds: [b, c] } });
    expect(result.groupMembersReplace).toMatchObject({ addedMemberIds: [c], removedMemberIds: [a], userErrors: [] });
    expect(await memberIds(client, group.id)).toEqual([b!, c!].sort());
    await client.query(REPLACE, { input: { groupId: group.id, memberIds: [] } });
    expect(await memberIds(client, group.id)).toEqual([]);
  });

  it('fails the whole add when one member is unknown, naming it, and adds nothing', async () => {
    const client = await newTenantClient();
    const [a] = await users(client, 1);
    const group = await createGroup(client, { displayName: 'U' });
    const unknown = '00000000-0000-4000-8000-00000000abcd';
    const result = await client.query(ADD, { input: { groupId: group.id, memberIds: [a, unknown] } });
    expect(result.groupMembersAdd.userErrors).toEqual([
      { code: 'UNKNOWN_REFERENCE', field: ['input', 'members'], message: expect.stringContaining(unknown) },
    ]);
    expect(await memberIds(client, group.id)).toEqual([]);
  });

  it('refuses a nested-group cycle, directly and transitively', async () => {
    const client = await newTenantClient();
    const a = await createGroup(client, { displayName: 'A' });
    const b = await createGroup(client, { displayName: 'B', memberIds: [a.id] });
    const c = await createGroup(client, { displayName: 'C', memberIds: [b.id] });
    const self = await client.query(ADD, { input: { groupId: a.id, memberIds: [a.id] } });
    expect(self.groupMembersAdd.userErrors[0]).toMatchObject({ code: 'GROUP_CYCLE' });
    const transitive = await client.query(ADD, { input: { groupId: a.id, memberIds: [c.id] } });
    expect(transitive.groupMembersAdd.userErrors).toEqual([
      {
        code: 'GROUP_CYCLE',
        field: ['input', 'members'],
        message: expect.stringContaining('already contains the group'),
      },
    ]);
    expect(await memberIds(client, a.id)).toEqual([]);
  });

  it('loses no member when many adds and removes on one group run at once', async () => {
    const client = await newTenantClient();
    const members = await users(client, 30);
    const group = await createGroup(client, { displayName: 'Busy', memberIds: members.slice(20) });
    // 20 single-member adds (as Entra sends them) racing 10 single-member removes.
    const results = await Promise.all([
      ...members.slice(0, 20).map((id) => client.query(ADD, { input: { groupId: group.id, memberIds: [id] } })),
      ...members.slice(20).map((id) => client.query(REMOVE, { input: { groupId: group.id, memberIds: [id] } })),
    ]);
    for (const result of results) expect(Object.values(result)[0]).toMatchObject({ userErrors: [] });
    expect(await memberIds(client, group.id)).toEqual(members.slice(0, 20).sort());
    const version = await client.query(`query($id: ID!) { group(id: $id) { version } }`, { id: group.id });
    expect(version.group.version).toBe(1 + 30);
  });

  it('adds a user only at the expected version, and bumps the version once for users and groups added together', async () => {
    const client = await newTenantClient();
    const [alice, bob] = await users(client, 2);
    const group = await createGroup(client, { displayName: 'Versioned' });
    const stale = await client.query(ADD, { input: { groupId: group.id, memberIds: [alice], expectedVersion: 7 } });
    expect(stale.groupMembersAdd).toMatchObject({ group: null, userErrors: [{ code: 'VERSION_CONFLICT' }] });
    expect(await memberIds(client, group.id)).toEqual([]);
    const current = await client.query(ADD, { input: { groupId: group.id, memberIds: [alice], expectedVersion: 1 } });
    expect(current.groupMembersAdd).toEqual({
      group: { version: 2 },
      addedMemberIds: [alice],
      removedMemberIds: [],
      userErrors: [],
    });
    const nested = await createGroup(client, { displayName: 'Nested' });
    const mixed = await client.query(ADD, { input: { groupId: group.id, memberIds: [bob, nested.id] } });
    expect(mixed.groupMembersAdd).toMatchObject({ group: { version: 3 }, userErrors: [] });
    expect([...mixed.groupMembersAdd.addedMemberIds].sort()).toEqual([bob, nested.id].sort());
    expect(await memberIds(client, group.id)).toEqual([alice, bob, nested.id].sort());
  });

  it('renames a group and deletes it with its memberships both ways', async () => {
    const client = await newTenantClient();
    const [a] = await users(client, 1);
    const child = await createGroup(client, { displayName: 'Child', memberIds: [a] });
    const parent = await createGroup(client, { displayName: 'Parent', memberIds: [child.id] });
    const renamed = await client.query(
      `mutation($id: ID!) { groupUpdate(input: { id: $id, displayName: "Kid" }) { group { displayName version } userErrors { code } } }`,
      { id: child.id },
    );
    expect(renamed.groupUpdate).toEqual({ group: { displayName: 'Kid', version: 2 }, userErrors: [] });
    const deleted = await client.query(
      `mutation($id: ID!) { groupDelete(input: { id: $id }) { deletedGroupId userErrors { code } } }`,
      {
        id: child.id,
      },
    );
    expect(deleted.groupDelete).toEqual({ deletedGroupId: child.id, userErrors: [] });
    expect(await memberIds(client, parent.id)).toEqual([]);
    const user = await client.query(`query($id: ID!) { user(id: $id) { memberOf { totalCount } } }`, { id: a });
    expect(user.user.memberOf.totalCount).toBe(0);
  });

  it('filters users by group membership, directly or through nested groups', async () => {
    const client = await newTenantClient();
    const [a, b] = await users(client, 2);
    const inner = await createGroup(client, { displayName: 'Inner', memberIds: [b] });
    const outer = await createGroup(client, { displayName: 'Outer', memberIds: [a, inner.id] });
    const direct = await client.query(
      `query($g: ID!) { users(filter: { memberOf: { groupId: $g } }) { nodes { id } } }`,
      {
        g: outer.id,
      },
    );
    expect(direct.users.nodes).toEqual([{ id: a }]);
    const transitive = await client.query(
      `query($g: ID!) { users(filter: { memberOf: { groupId: $g, transitive: true } }) { nodes { id } } }`,
      { g: outer.id },
    );
    expect(transitive.users.nodes.map((n: { id: string }) => n.id).sort()).toEqual([a!, b!].sort());
  });
});
