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

const CREATE = `mutation($input: DepartmentCreateInput!) { departmentCreate(input: $input) {
  department { id name parentId version head { userName } } userErrors { code field message } } }`;
const UPDATE = `mutation($input: DepartmentUpdateInput!) { departmentUpdate(input: $input) {
  department { id name parentId version parent { name } } userErrors { code field message } } }`;

describe('departments over GraphQL', () => {
  it('creates departments with a head and a parent, and refuses a duplicate name in any case', async () => {
    const client = await newTenantClient();
    const head = await createUser(client, { userName: 'head@x.com' });
    const engineering = (await client.query(CREATE, { input: { name: 'Engineering', headUserId: head.id } }))
      .departmentCreate;
    expect(engineering).toMatchObject({
      department: { name: 'Engineering', head: { userName: 'head@x.com' } },
      userErrors: [],
    });
    const platform = (await client.query(CREATE, { input: { name: 'Platform', parentId: engineering.department.id } }))
      .departmentCreate;
    expect(platform.department.parentId).toBe(engineering.department.id);
    const duplicate = (await client.query(CREATE, { input: { name: 'ENGINEERING' } })).departmentCreate;
    expect(duplicate).toEqual({
      department: null,
      userErrors: [expect.objectContaining({ code: 'DEPARTMENT_NAME_TAKEN' })],
    });
  });

  it('renames a department while users keep the department string they were given', async () => {
    const client = await newTenantClient();
    const user = await createUser(client, { userName: 'u@x.com', department: 'R&D' });
    const renamed = (await client.query(UPDATE, { input: { id: user.department.id, name: 'Research' } }))
      .departmentUpdate;
    expect(renamed.department).toMatchObject({ name: 'Research', version: 2 });
    const read = await client.query(`query($id: ID!) { user(id: $id) { departmentName department { name } } }`, {
      id: user.id,
    });
    expect(read.user).toEqual({ departmentName: 'R&D', department: { name: 'Research' } });
  });

  it('refuses a parent that would make a department its own ancestor', async () => {
    const client = await newTenantClient();
    const top = (await client.query(CREATE, { input: { name: 'Top' } })).departmentCreate.department;
    const middle = (await client.query(CREATE, { input: { name: 'Middle', parentId: top.id } })).departmentCreate
      .department;
    const bottom = (await client.query(CREATE, { input: { name: 'Bottom', parentId: middle.id } })).departmentCreate
      .department;
    const cycle = (await client.query(UPDATE, { input: { id: top.id, parentId: bottom.id } })).departmentUpdate;
    expect(cycle).toEqual({
      department: null,
      userErrors: [
        { code: 'DEPARTMENT_CYCLE', field: ['input', 'parentId'], message: expect.stringContaining('ancestor') },
      ],
    });
    const self = (await client.query(UPDATE, { input: { id: top.id, parentId: top.id } })).departmentUpdate;
    expect(self.userErrors[0].code).toBe('DEPARTMENT_CYCLE');
  });

  it('sets a user department by id, making the department name the user’s department string', async () => {
    const client = await newTenantClient();
    const sales = (await client.query(CREATE, { input: { name: 'Sales' } })).departmentCreate.department;
    const user = await createUser(client, { userName: 's@x.com', departmentId: sales.id });
    expect(user).toMatchObject({ departmentName: 'Sales', department: { id: sales.id } });
    const both = await client.raw(
      `mutation($d: ID!) { userCreate(input: { userName: "b@x.com", department: "Sales", departmentId: $d }) { userErrors { code field } } }`,
      { d: sales.id },
    );
    expect(both.data?.userCreate.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'departmentId'] }]);
  });

  it('pages departments by name with cursors', async () => {
    const client = await newTenantClient();
    for (const name of ['d', 'B', 'a', 'C', 'e']) await client.query(CREATE, { input: { name } });
    const first = await client.query(`{ departments(first: 2) { nodes { name } pageInfo { hasNextPage endCursor } } }`);
    expect(first.departments.nodes).toEqual([{ name: 'a' }, { name: 'B' }]);
    const second = await client.query(
      `query($after: String) { departments(first: 2, after: $after) { nodes { name } pageInfo { hasNextPage } } }`,
      { after: first.departments.pageInfo.endCursor },
    );
    expect(second.departments).toEqual({ nodes: [{ name: 'C' }, { name: 'd' }], pageInfo: { hasNextPage: true } });
  });
});
