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

const names = (connection: { nodes: Array<{ userName?: string; displayName?: string; name?: string }> }) =>
  connection.nodes.map((node) => node.userName ?? node.displayName ?? node.name);

describe('nested groups', () => {
  it('reaches users through nested groups both ways, and counts them', async () => {
    const client = await newTenantClient();
    const [ann, ben, cid] = [
      await createUser(client, { userName: 'ann@x.com' }),
      await createUser(client, { userName: 'ben@x.com' }),
      await createUser(client, { userName: 'cid@x.com' }),
    ];
    const team = await createGroup(client, { displayName: 'Team', memberIds: [ann.id] });
    const department = await createGroup(client, { displayName: 'Department', memberIds: [team.id, ben.id] });
    const company = await createGroup(client, { displayName: 'Company', memberIds: [department.id, cid.id, ann.id] });
    const data = await client.query(
      `query($company: ID!, $ann: ID!, $team: ID!) {
        company: group(id: $company) {
          membersCount
          transitiveCount: membersCount(transitive: true)
          transitiveMembers { totalCount nodes { userName } }
        }
        ann: user(id: $ann) { memberOf { nodes { displayName } } transitiveMemberOf { totalCount nodes { displayName } } }
        team: group(id: $team) { memberOf { nodes { displayName } } all: memberOf(transitive: true) { nodes { displayName } } }
      }`,
      { company: company.id, ann: ann.id, team: team.id },
    );
    expect(data.company.membersCount).toBe(3);
    expect(data.company.transitiveCount).toBe(3);
    expect(names(data.company.transitiveMembers)).toEqual(['ann@x.com', 'ben@x.com', 'cid@x.com']);
    expect(names(data.ann.memberOf)).toEqual(['Company', 'Team']);
    expect(names(data.ann.transitiveMemberOf)).toEqual(['Company', 'Department', 'Team']);
    expect(names(data.team.memberOf)).toEqual(['Department']);
    expect(names(data.team.all)).toEqual(['Company', 'Department']);
  });
});

describe('department hierarchy', () => {
  const MOVE = `mutation($id: ID!, $parent: ID) { departmentMove(input: { id: $id, parentId: $parent }) {
    department { name parent { name } } userErrors { code } } }`;

  it('arranges departments in a tree with children, ancestors, members and headcount below', async () => {
    const client = await newTenantClient();
    const head = await createUser(client, { userName: 'head@x.com', department: 'Company' });
    const eng = await createUser(client, { userName: 'eng@x.com', department: 'Engineering' });
    const web = await createUser(client, { userName: 'web1@x.com', department: 'Web' });
    await createUser(client, { userName: 'web2@x.com', department: 'web' });
    const empty = (await client.query(`mutation { departmentCreate(input: { name: "Empty" }) { department { id } } }`))
      .departmentCreate.department;
    await client.query(MOVE, { id: eng.department.id, parent: head.department.id });
    await client.query(MOVE, { id: web.department.id, parent: eng.department.id });
    await client.query(MOVE, { id: empty.id, parent: eng.department.id });
    await client.query(
      `mutation($id: ID!, $head: ID) { departmentUpdate(input: { id: $id, headUserId: $head }) { userErrors { code } } }`,
      { id: head.department.id, head: head.id },
    );

    const data = await client.query(
      `query($company: ID!, $web: ID!, $empty: ID!) {
        company: department(id: $company) {
          head { userName }
          children { nodes { name } }
          headcount
          all: headcount(includeSubDepartments: true)
          members(includeSubDepartments: true) { totalCount nodes { userName } }
        }
        web: department(id: $web) { ancestors { name } parent { name } }
        empty: department(id: $empty) { headcount members { totalCount nodes { id } } children { totalCount } }
      }`,
      { company: head.department.id, web: web.department.id, empty: empty.id },
    );
    expect(data.company.head).toEqual({ userName: 'head@x.com' });
    expect(names(data.company.children)).toEqual(['Engineering']);
    expect(data.company.headcount).toBe(1);
    expect(data.company.all).toBe(4);
    expect(names(data.company.members)).toEqual(['eng@x.com', 'head@x.com', 'web1@x.com', 'web2@x.com']);
    expect(data.web.ancestors.map((d: any) => d.name)).toEqual(['Engineering', 'Company']);
    expect(data.web.parent).toEqual({ name: 'Engineering' });
    expect(data.empty).toEqual({ headcount: 0, members: { totalCount: 0, nodes: [] }, children: { totalCount: 0 } });
  });

  it('refuses a move below itself', async () => {
    const client = await newTenantClient();
    const top = await createUser(client, { userName: 't@x.com', department: 'Top' });
    const low = await createUser(client, { userName: 'l@x.com', department: 'Low' });
    await client.query(MOVE, { id: low.department.id, parent: top.department.id });
    const cycle = await client.query(MOVE, { id: top.department.id, parent: low.department.id });
    expect(cycle.departmentMove).toEqual({ department: null, userErrors: [{ code: 'DEPARTMENT_CYCLE' }] });
    const toTop = await client.query(MOVE, { id: low.department.id, parent: null });
    expect(toTop.departmentMove).toEqual({ department: { name: 'Low', parent: null }, userErrors: [] });
  });
});
