import { createGroup, createUser, graphqlClient, type GraphQLClient } from '../support/graphql';
import { fieldSelections } from '../support/field-selections';
import { startTestService, type TestService } from '../support/harness';

/**
 * Group and Department reads below a user (memberOf, transitiveMemberOf, department) read only
 * the columns their selection needs (src/api/graphql/record-columns.ts). Whatever is selected,
 * alone or together, each field must still answer what the full record holds, which `group(id)`
 * and `department(id)` read whole: a field resolver reading an attribute it does not declare
 * would answer null, or fail, here.
 */
let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

const SUB_SELECTIONS: Record<string, string> = {
  User: '{ id userName }',
  Department: '{ id name }',
  UserConnection: '{ totalCount nodes { id } }',
  GroupConnection: '{ totalCount nodes { id displayName } }',
  GroupMemberConnection: '{ totalCount nodes { ... on User { id } ... on Group { id } } }',
  DepartmentConnection: '{ totalCount nodes { id name } }',
};

interface Ids {
  user: string;
  /** The group the user is in directly; it is itself in `outer`. */
  inner: string;
  outer: string;
  department: string;
}

interface Path {
  name: string;
  type: 'Group' | 'Department';
  /** Which record the path reaches. */
  reaches: 'inner' | 'outer' | 'department';
  query: (selection: string) => string;
  pick: (data: any, ids: Ids) => any;
}

const PATHS: Path[] = [
  {
    name: 'user memberOf nodes',
    type: 'Group',
    reaches: 'inner',
    query: (s) => `query($user: ID!) { user(id: $user) { memberOf(first: 5) { nodes { id ${s} } } } }`,
    pick: (data, ids) => data.user.memberOf.nodes.find((group: any) => group.id === ids.inner),
  },
  {
    name: 'user memberOf edges',
    type: 'Group',
    reaches: 'inner',
    query: (s) => `query($user: ID!) { user(id: $user) { memberOf(first: 5) { edges { cursor node { id ${s} } } } } }`,
    pick: (data, ids) => data.user.memberOf.edges.find((edge: any) => edge.node.id === ids.inner).node,
  },
  {
    name: 'user transitiveMemberOf',
    type: 'Group',
    reaches: 'outer',
    query: (s) => `query($user: ID!) { user(id: $user) { transitiveMemberOf(first: 5) { nodes { id ${s} } } } }`,
    pick: (data, ids) => data.user.transitiveMemberOf.nodes.find((group: any) => group.id === ids.outer),
  },
  {
    name: 'group memberOf',
    type: 'Group',
    reaches: 'outer',
    query: (s) => `query($inner: ID!) { group(id: $inner) { memberOf(first: 5) { nodes { id ${s} } } } }`,
    pick: (data, ids) => data.group.memberOf.nodes.find((group: any) => group.id === ids.outer),
  },
  {
    name: 'users page memberOf',
    type: 'Group',
    reaches: 'inner',
    query: (s) => `{ users(first: 5) { nodes { id memberOf(first: 5) { nodes { id ${s} } } } } }`,
    pick: (data, ids) =>
      data.users.nodes
        .find((user: any) => user.id === ids.user)
        .memberOf.nodes.find((group: any) => group.id === ids.inner),
  },
  {
    name: 'user department',
    type: 'Department',
    reaches: 'department',
    query: (s) => `query($user: ID!) { user(id: $user) { department { id ${s} } } }`,
    pick: (data) => data.user.department,
  },
  {
    name: 'users page department',
    type: 'Department',
    reaches: 'department',
    query: (s) => `{ users(first: 5) { nodes { id department { id ${s} } } } }`,
    pick: (data, ids) => data.users.nodes.find((user: any) => user.id === ids.user).department,
  },
];

async function mutate(client: GraphQLClient, name: string, inputType: string, input: Record<string, unknown>) {
  const data = await client.query(
    `mutation($input: ${inputType}!) { ${name}(input: $input) { userErrors { message } } }`,
    { input },
  );
  expect(data[name].userErrors).toEqual([]);
}

/** One user in a department with a parent and a head, and in a group nested in another. */
async function directory(client: GraphQLClient): Promise<Ids> {
  const head = await createUser(client, { userName: 'head@example.com', displayName: 'Head' });
  const parent = await client.query(
    `mutation { departmentCreate(input: { name: "Research" }) { department { id } userErrors { message } } }`,
  );
  expect(parent.departmentCreate.userErrors).toEqual([]);
  const user = await createUser(client, {
    userName: 'member@example.com',
    displayName: 'Member',
    department: 'Engineering',
  });
  const departmentId = (await client.query(`query($id: ID!) { user(id: $id) { departmentId } }`, { id: user.id })).user
    .departmentId;
  await mutate(client, 'departmentUpdate', 'DepartmentUpdateInput', { id: departmentId, headUserId: head.id });
  await mutate(client, 'departmentMove', 'DepartmentMoveInput', {
    id: departmentId,
    parentId: parent.departmentCreate.department.id,
  });
  const outer = await createGroup(client, { displayName: 'Everyone', externalId: 'ext-everyone' });
  const inner = await createGroup(client, {
    displayName: 'Engineers',
    externalId: 'ext-engineers',
    description: 'Builds things',
    memberIds: [user.id],
  });
  await mutate(client, 'groupMembersAdd', 'GroupMembersInput', { groupId: outer.id, memberIds: [inner.id] });
  return { user: user.id, inner: inner.id, outer: outer.id, department: departmentId };
}

describe('Group and Department fields read through lists that select only some columns', () => {
  it('answer every field, alone or all together, as the full record holds it, on every path', async () => {
    const tenant = await service.createTenant();
    const client = graphqlClient(service, tenant.graphqlToken);
    const ids = await directory(client);
    const selections = {
      Group: await fieldSelections(client, 'Group', SUB_SELECTIONS),
      Department: await fieldSelections(client, 'Department', SUB_SELECTIONS),
    };
    const all = {
      Group: [...selections.Group.values()].join(' '),
      Department: [...selections.Department.values()].join(' '),
    };

    // The references: by id, every column is read.
    const variables = { user: ids.user, inner: ids.inner };
    const groups = await client.query(
      `query($inner: ID!, $outer: ID!) { inner: group(id: $inner) { ${all.Group} } outer: group(id: $outer) { ${all.Group} } }`,
      { inner: ids.inner, outer: ids.outer },
    );
    const department = (
      await client.query(`query($id: ID!) { department(id: $id) { ${all.Department} } }`, { id: ids.department })
    ).department;
    expect(groups.inner).toMatchObject({ description: 'Builds things', memberOf: { totalCount: 1 } });
    expect(department).toMatchObject({
      name: 'Engineering',
      parent: { name: 'Research' },
      head: { userName: 'head@example.com' },
    });

    for (const path of PATHS) {
      const full = { inner: groups.inner, outer: groups.outer, department }[path.reaches];
      const together = path.pick(await client.query(path.query(all[path.type]), variables), ids);
      expect({ path: path.name, record: together }).toEqual({ path: path.name, record: full });
      for (const [name, selection] of selections[path.type]) {
        const alone = path.pick(await client.query(path.query(selection), variables), ids);
        expect({ path: path.name, field: name, value: alone[name] }).toEqual({
          path: path.name,
          field: name,
          value: full[name],
        });
      }
    }
  });
});
