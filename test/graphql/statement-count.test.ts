import { createGroup, createUser, graphqlClient, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';

let service: TestService;
let client: GraphQLClient;

beforeAll(async () => {
  service = await startTestService();
  client = graphqlClient(service, (await service.createTenant()).graphqlToken);
  const managers = [];
  for (let i = 0; i < 5; i++)
    managers.push(await createUser(client, { userName: `manager${i}@x.com`, department: `Dept ${i}` }));
  const groups = [];
  for (let i = 0; i < 3; i++) groups.push(await createGroup(client, { displayName: `Group ${i}` }));
  const reports = [];
  for (let i = 0; i < 100; i++) {
    const user = await createUser(client, {
      userName: `user${String(i).padStart(3, '0')}@x.com`,
      managerId: managers[i % 5].id,
      department: `Dept ${i % 7}`,
    });
    reports.push(user.id);
  }
  for (const [index, group] of groups.entries()) {
    const memberIds = reports.filter((_, i) => i % (index + 2) === 0);
    await client.query(
      `mutation($input: GroupMembersInput!) { groupMembersAdd(input: $input) { userErrors { code } } }`,
      {
        input: { groupId: group.id, memberIds },
      },
    );
  }
});
afterAll(() => service.close());

const PAGE = `query($first: Int!) {
  users(first: $first, filter: { userName: { startsWith: "user" } }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id userName
      manager { id userName department { name } }
      department { id name }
      memberOf(first: 10) { totalCount nodes { id displayName } }
      directReports(first: 5) { nodes { id } }
    }
  }
}`;

async function statementsFor(first: number): Promise<{ statements: number; users: number }> {
  const before = service.database.statementCount;
  const data = await client.query(PAGE, { first });
  return { statements: service.database.statementCount - before, users: data.users.nodes.length };
}

describe('SQL statements per request', () => {
  it('stays the same for a page of 100 users as for a page of 10, with manager, department and groups', async () => {
    const small = await statementsFor(10);
    const large = await statementsFor(100);
    expect(small.users).toBe(10);
    expect(large.users).toBe(100);
    expect(large.statements).toBe(small.statements);
    // begin + authenticate, the page, its count, managers, departments, memberships and their
    // count, direct reports, commit: a small constant.
    expect(large.statements).toBeLessThanOrEqual(12);
  });
});
