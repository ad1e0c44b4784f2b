import { createGroup, createUser, graphqlClient, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';

let service: TestService;
let client: GraphQLClient;

beforeAll(async () => {
  service = await startTestService();
  client = graphqlClient(service, (await service.createTenant()).graphqlToken);
  // 60 users in a tree of 4 levels across 12 departments (in a two-level department tree), and
  // 12 groups, half of them nested in the other half (listed from the end, so every page has both kinds).
  const users: Array<{ id: string; department: { id: string } }> = [];
  for (let i = 0; i < 60; i++) {
    const managerId = i === 0 ? undefined : users[Math.floor((i - 1) / 3)]!.id;
    users.push(
      await createUser(client, {
        userName: `u${String(i).padStart(2, '0')}@x.com`,
        managerId,
        department: `D${i % 12}`,
      }),
    );
  }
  const departmentIds = [...new Set(users.map((user) => user.department.id))];
  for (const [index, id] of departmentIds.entries()) {
    if (index === 0) continue;
    await client.query(
      `mutation($id: ID!, $p: ID) { departmentMove(input: { id: $id, parentId: $p }) { userErrors { code } } }`,
      {
        id,
        p: departmentIds[index < 4 ? 0 : index % 4],
      },
    );
  }
  const groups = [];
  for (let i = 0; i < 12; i++) {
    const members = users.filter((_, u) => u % 12 === i).map((user) => user.id);
    if (i >= 6) members.push(groups[i - 6]!.id);
    groups.push(await createGroup(client, { displayName: `G${String(i).padStart(2, '0')}`, memberIds: members }));
  }
});
afterAll(() => service.close());

async function statements(query: string, first: number): Promise<number> {
  const before = service.database.statementCount;
  await client.query(query, { first });
  return service.database.statementCount - before;
}

const USERS = `query($first: Int!) { users(first: $first) { nodes {
  managementChain { id }
  reports(first: 5) { totalCount edges { depth managerId node { id } } }
  directReportsCount
  reportsCount
  transitiveMemberOf { nodes { id } }
} } }`;

const GROUPS = `query($first: Int!) { groups(first: $first, orderBy: { field: DISPLAY_NAME, direction: DESC }) { nodes {
  members(first: 5) { nodes { ... on User { id } ... on Group { id } } }
  transitiveMembers(first: 5) { totalCount nodes { id } }
  membersCount
  memberOf(transitive: true) { nodes { id } }
} } }`;

const DEPARTMENTS = `query($first: Int!) { departments(first: $first) { nodes {
  members(includeSubDepartments: true, first: 5) { totalCount nodes { id } }
  headcount(includeSubDepartments: true)
  children { nodes { id } }
  ancestors { id }
  parent { id }
} } }`;

describe('SQL statements for org-chart, group and department queries', () => {
  it.each([
    ['a page of users with their org chart', USERS, 5, 60],
    ['a page of groups with nested members', GROUPS, 3, 12],
    ['a page of departments with sub-department members', DEPARTMENTS, 3, 12],
  ])('do not grow with the page size: %s', async (_name, query, small, large) => {
    const few = await statements(query, small);
    const many = await statements(query, large);
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(12);
  });
});
