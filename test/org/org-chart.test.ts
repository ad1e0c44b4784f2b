import { createUser, graphqlClient, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

async function newTenantClient(): Promise<GraphQLClient> {
  return graphqlClient(service, (await service.createTenant()).graphqlToken);
}

/**
 *        ceo
 *      /     \
 *    amy      bob
 *   /   \       \
 * carl  dana    eve
 *                 \
 *                 fay
 */
async function buildTree(client: GraphQLClient) {
  const ceo = await createUser(client, { userName: 'ceo@x.com', displayName: 'Ceo' });
  const amy = await createUser(client, { userName: 'amy@x.com', managerId: ceo.id });
  const bob = await createUser(client, { userName: 'bob@x.com', managerId: ceo.id });
  const carl = await createUser(client, { userName: 'carl@x.com', managerId: amy.id });
  const dana = await createUser(client, { userName: 'dana@x.com', managerId: amy.id });
  const eve = await createUser(client, { userName: 'eve@x.com', managerId: bob.id });
  const fay = await createUser(client, { userName: 'fay@x.com', managerId: eve.id });
  return { ceo, amy, bob, carl, dana, eve, fay };
}

const REPORTS = `query($id: ID!, $first: Int, $after: String, $maxDepth: Int) {
  user(id: $id) {
    reports(first: $first, after: $after, maxDepth: $maxDepth) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { depth managerId node { userName } }
    }
  }
}`;

describe('the management tree', () => {
  it('lists all reports flat, nearest levels first, with depth and direct manager', async () => {
    const client = await newTenantClient();
    const t = await buildTree(client);
    const data = await client.query(REPORTS, { id: t.ceo.id, first: 10 });
    expect(data.user.reports.totalCount).toBe(6);
    expect(data.user.reports.edges).toEqual([
      { depth: 1, managerId: t.ceo.id, node: { userName: 'amy@x.com' } },
      { depth: 1, managerId: t.ceo.id, node: { userName: 'bob@x.com' } },
      { depth: 2, managerId: t.amy.id, node: { userName: 'carl@x.com' } },
      { depth: 2, managerId: t.amy.id, node: { userName: 'dana@x.com' } },
      { depth: 2, managerId: t.bob.id, node: { userName: 'eve@x.com' } },
      { depth: 3, managerId: t.eve.id, node: { userName: 'fay@x.com' } },
    ]);
  });

  it('pages reports with cursors and caps the depth', async () => {
    const client = await newTenantClient();
    const t = await buildTree(client);
    const first = await client.query(REPORTS, { id: t.ceo.id, first: 4 });
    expect(first.user.reports.pageInfo.hasNextPage).toBe(true);
    const second = await client.query(REPORTS, {
      id: t.ceo.id,
      first: 4,
      after: first.user.reports.pageInfo.endCursor,
    });
    expect(second.user.reports.edges.map((e: any) => e.node.userName)).toEqual(['eve@x.com', 'fay@x.com']);
    expect(second.user.reports.pageInfo.hasNextPage).toBe(false);
    const shallow = await client.query(REPORTS, { id: t.ceo.id, first: 10, maxDepth: 2 });
    expect(shallow.user.reports.totalCount).toBe(5);
    expect(shallow.user.reports.edges.map((e: any) => e.depth)).toEqual([1, 1, 2, 2, 2]);
  });

  it('gives the management chain nearest first, and counts', async () => {
    const client = await newTenantClient();
    const t = await buildTree(client);
    const data = await client.query(
      `query($fay: ID!, $ceo: ID!) {
        fay: user(id: $fay) { managementChain { userName } shortChain: managementChain(maxDepth: 2) { userName } }
        ceo: user(id: $ceo) { managementChain { userName } directReportsCount reportsCount shallow: reportsCount(maxDepth: 1) }
      }`,
      { fay: t.fay.id, ceo: t.ceo.id },
    );
    expect(data.fay.managementChain.map((u: any) => u.userName)).toEqual(['eve@x.com', 'bob@x.com', 'ceo@x.com']);
    expect(data.fay.shortChain.map((u: any) => u.userName)).toEqual(['eve@x.com', 'bob@x.com']);
    expect(data.ceo).toEqual({ managementChain: [], directReportsCount: 2, reportsCount: 6, shallow: 2 });
  });

  it('follows moves: a manager change carries the whole subtree along', async () => {
    const client = await newTenantClient();
    const t = await buildTree(client);
    // bob (with eve and fay below) moves under amy.
    await client.query(
      `mutation($id: ID!, $m: ID) { userSetManager(input: { id: $id, managerId: $m }) { userErrors { code } } }`,
      {
        id: t.bob.id,
        m: t.amy.id,
      },
    );
    const amy = await client.query(REPORTS, { id: t.amy.id, first: 10 });
    expect(amy.user.reports.edges.map((e: any) => [e.depth, e.node.userName])).toEqual([
      [1, 'bob@x.com'],
      [1, 'carl@x.com'],
      [1, 'dana@x.com'],
      [2, 'eve@x.com'],
      [3, 'fay@x.com'],
    ]);
    const chain = await client.query(`query($id: ID!) { user(id: $id) { managementChain { userName } } }`, {
      id: t.fay.id,
    });
    expect(chain.user.managementChain.map((u: any) => u.userName)).toEqual([
      'eve@x.com',
      'bob@x.com',
      'amy@x.com',
      'ceo@x.com',
    ]);
    // ...and removing a manager detaches the subtree from everyone above.
    await client.query(
      `mutation($id: ID!) { userSetManager(input: { id: $id, managerId: null }) { userErrors { code } } }`,
      {
        id: t.bob.id,
      },
    );
    const ceo = await client.query(REPORTS, { id: t.ceo.id, first: 10 });
    expect(ceo.user.reports.edges.map((e: any) => e.node.userName)).toEqual(['amy@x.com', 'carl@x.com', 'dana@x.com']);
  });

  it('refuses a manager cycle anywhere in a deep chain, and leaves the tree as it was', async () => {
    const client = await newTenantClient();
    const chain = [await createUser(client, { userName: 'level0@x.com' })];
    for (let level = 1; level <= 12; level++) {
      chain.push(await createUser(client, { userName: `level${level}@x.com`, managerId: chain[level - 1].id }));
    }
    const cycle = await client.query(
      `mutation($id: ID!, $m: ID) { userSetManager(input: { id: $id, managerId: $m }) { userErrors { code } } }`,
      { id: chain[0].id, m: chain[12].id },
    );
    expect(cycle.userSetManager.userErrors).toEqual([{ code: 'MANAGER_CYCLE' }]);
    const deepest = await client.query(`query($id: ID!) { user(id: $id) { managementChain { id } } }`, {
      id: chain[12].id,
    });
    expect(deepest.user.managementChain).toHaveLength(12);
    const top = await client.query(REPORTS, { id: chain[0].id, first: 20 });
    expect(top.user.reports.totalCount).toBe(12);
    expect(top.user.reports.edges.map((e: any) => e.depth)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('deleting a manager detaches the reports below them', async () => {
    const client = await newTenantClient();
    const t = await buildTree(client);
    await client.query(`mutation($id: ID!) { userDelete(input: { id: $id }) { userErrors { code } } }`, {
      id: t.bob.id,
    });
    const ceo = await client.query(REPORTS, { id: t.ceo.id, first: 10 });
    expect(ceo.user.reports.edges.map((e: any) => e.node.userName)).toEqual(['amy@x.com', 'carl@x.com', 'dana@x.com']);
    const eve = await client.query(REPORTS, { id: t.eve.id, first: 10 });
    expect(eve.user.reports.edges.map((e: any) => e.node.userName)).toEqual(['fay@x.com']);
  });

  it('filters users by who they report to, directly or at any depth', async () => {
    const client = await newTenantClient();
    const t = await buildTree(client);
    const data = await client.query(
      `query($m: ID!) {
        direct: users(filter: { reportsTo: { managerId: $m } }) { nodes { userName } }
        all: users(filter: { reportsTo: { managerId: $m, transitive: true } }) { nodes { userName } }
        two: users(filter: { reportsTo: { managerId: $m, transitive: true, maxDepth: 1 } }) { totalCount }
      }`,
      { m: t.bob.id },
    );
    expect(data.direct.nodes).toEqual([{ userName: 'eve@x.com' }]);
    expect(data.all.nodes).toEqual([{ userName: 'eve@x.com' }, { userName: 'fay@x.com' }]);
    expect(data.two.totalCount).toBe(1);
  });

  it('keeps the order by userName after a rename', async () => {
    const client = await newTenantClient();
    const t = await buildTree(client);
    await client.query(
      `mutation($id: ID!) { userUpdate(input: { id: $id, userName: "zed@x.com" }) { userErrors { code } } }`,
      {
        id: t.amy.id,
      },
    );
    const data = await client.query(REPORTS, { id: t.ceo.id, first: 2, maxDepth: 1 });
    expect(data.user.reports.edges.map((e: any) => e.node.userName)).toEqual(['bob@x.com', 'zed@x.com']);
  });
});
