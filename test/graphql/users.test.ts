import { createUser, graphqlClient, USER_FIELDS, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

async function newTenantClient(): Promise<GraphQLClient> {
  const tenant = await service.createTenant();
  return graphqlClient(service, tenant.graphqlToken);
}

const UPDATE = `mutation($input: UserUpdateInput!) { userUpdate(input: $input) { user { ${USER_FIELDS} } userErrors { code field message } } }`;
const CREATE = `mutation($input: UserCreateInput!) { userCreate(input: $input) { user { id } userErrors { code field message } } }`;

describe('users over GraphQL', () => {
  it('creates a user and reads it back with every value as sent', async () => {
    const client = await newTenantClient();
    const created = await createUser(client, {
      userName: 'Ada.Lovelace@Example.com',
      displayName: 'Ada Lovelace',
      givenName: 'Ada',
      familyName: 'Lovelace',
      title: 'Analyst',
      externalId: 'a1b2',
      emails: [{ value: 'Ada@Example.com', type: 'work', primary: true }],
    });
    expect(created).toMatchObject({
      userName: 'Ada.Lovelace@Example.com',
      displayName: 'Ada Lovelace',
      active: true,
      version: 1,
      emails: [{ value: 'Ada@Example.com', type: 'work', primary: true }],
    });
    const read = await client.query(`query($id: ID!) { user(id: $id) { ${USER_FIELDS} } }`, { id: created.id });
    expect(read.user).toEqual(created);
  });

  it('refuses a userName that differs from a taken one only in case, and writes nothing', async () => {
    const client = await newTenantClient();
    await createUser(client, { userName: 'grace@example.com' });
    const result = await client.query(CREATE, { input: { userName: 'GRACE@example.com', displayName: 'dup' } });
    expect(result.userCreate.user).toBeNull();
    expect(result.userCreate.userErrors).toEqual([
      {
        code: 'USER_NAME_TAKEN',
        field: ['input', 'userName'],
        message: expect.stringContaining('already has this userName'),
      },
    ]);
    const count = await client.query(`{ users { totalCount } }`);
    expect(count.users.totalCount).toBe(1);
  });

  it('allows the same userName in two tenants', async () => {
    const first = await newTenantClient();
    const second = await newTenantClient();
    await createUser(first, { userName: 'same@example.com' });
    await expect(createUser(second, { userName: 'same@example.com' })).resolves.toMatchObject({
      userName: 'same@example.com',
    });
  });

  it('reports a blank userName against the field', async () => {
    const client = await newTenantClient();
    const result = await client.query(CREATE, { input: { userName: '   ' } });
    expect(result.userCreate.userErrors).toEqual([
      { code: 'INVALID_INPUT', field: ['input', 'userName'], message: 'userName is required and must not be blank.' },
    ]);
  });

  it('updates only the given fields, clears fields given as null, and bumps the version', async () => {
    const client = await newTenantClient();
    const user = await createUser(client, {
      userName: 'u@example.com',
      displayName: 'U',
      title: 'Engineer',
      givenName: 'Ulla',
    });
    const result = await client.query(UPDATE, { input: { id: user.id, title: 'Lead', givenName: null } });
    expect(result.userUpdate.userErrors).toEqual([]);
    expect(result.userUpdate.user).toMatchObject({ displayName: 'U', title: 'Lead', givenName: null, version: 2 });
  });

  it('changes nothing (no new version) when the values sent are the values it has', async () => {
    const client = await newTenantClient();
    const user = await createUser(client, {
      userName: 'same@x.com',
      title: 'T',
      emails: [{ value: 'a@x.com', type: 'work' }],
    });
    const result = await client.query(UPDATE, {
      input: { id: user.id, title: 'T', emails: [{ value: 'a@x.com', type: 'work' }] },
    });
    expect(result.userUpdate.user.version).toBe(1);
  });

  it('refuses an update against a stale expectedVersion and keeps the current values', async () => {
    const client = await newTenantClient();
    const user = await createUser(client, { userName: 'v@example.com', title: 'One' });
    await client.query(UPDATE, { input: { id: user.id, title: 'Two' } });
    const stale = await client.query(UPDATE, { input: { id: user.id, title: 'Three', expectedVersion: 1 } });
    expect(stale.userUpdate.userErrors).toEqual([
      {
        code: 'VERSION_CONFLICT',
        field: ['input', 'expectedVersion'],
        message: expect.stringContaining('expected version 1, it is now 2'),
      },
    ]);
    const read = await client.query(`query($id: ID!) { user(id: $id) { title version } }`, { id: user.id });
    expect(read.user).toEqual({ title: 'Two', version: 2 });
  });

  it('deactivates a user, who stays readable and filterable', async () => {
    const client = await newTenantClient();
    const user = await createUser(client, { userName: 'leaver@example.com' });
    await createUser(client, { userName: 'stayer@example.com' });
    await client.query(UPDATE, { input: { id: user.id, active: false } });
    const inactive = await client.query(`{ users(filter: { active: false }) { nodes { userName active } } }`);
    expect(inactive.users.nodes).toEqual([{ userName: 'leaver@example.com', active: false }]);
  });

  it('upserts a department from its name, keeping the string each user was given', async () => {
    const client = await newTenantClient();
    const first = await createUser(client, { userName: 'a@x.com', department: 'Sales ' });
    const second = await createUser(client, { userName: 'b@x.com', department: 'sales ' });
    expect(first.departmentName).toBe('Sales ');
    expect(second.departmentName).toBe('sales ');
    expect(second.department.id).toBe(first.department.id);
    const departments = await client.query(
      `{ departments { totalCount nodes { name members { nodes { userName } } } } }`,
    );
    expect(departments.departments.totalCount).toBe(1);
    expect(departments.departments.nodes[0].members.nodes.map((u: any) => u.userName)).toEqual(['a@x.com', 'b@x.com']);
  });

  it('sets a manager, lists direct reports, and refuses a manager cycle', async () => {
    const client = await newTenantClient();
    const ceo = await createUser(client, { userName: 'ceo@x.com' });
    const vp = await createUser(client, { userName: 'vp@x.com', managerId: ceo.id });
    const engineer = await createUser(client, { userName: 'eng@x.com', managerId: vp.id });
    const reports = await client.query(
      `query($id: ID!) { user(id: $id) { directReports { totalCount nodes { userName } } } }`,
      {
        id: ceo.id,
      },
    );
    expect(reports.user.directReports).toEqual({ totalCount: 1, nodes: [{ userName: 'vp@x.com' }] });

    const cycle = await client.query(
      `mutation($input: UserSetManagerInput!) { userSetManager(input: $input) { user { id } userErrors { code field message } } }`,
      { input: { id: ceo.id, managerId: engineer.id } },
    );
    expect(cycle.userSetManager.userErrors).toEqual([
      {
        code: 'MANAGER_CYCLE',
        field: ['input', 'managerId'],
        message: expect.stringContaining('own management chain'),
      },
    ]);
    const self = await client.query(UPDATE, { input: { id: vp.id, managerId: vp.id } });
    expect(self.userUpdate.userErrors[0]).toMatchObject({ code: 'MANAGER_CYCLE' });
    const ceoAfter = await client.query(`query($id: ID!) { user(id: $id) { managerId version } }`, { id: ceo.id });
    expect(ceoAfter.user).toEqual({ managerId: null, version: 1 });
  });

  it('names an unknown manager as an unknown reference', async () => {
    const client = await newTenantClient();
    const result = await client.query(CREATE, {
      input: { userName: 'x@x.com', managerId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(result.userCreate.userErrors).toEqual([
      { code: 'UNKNOWN_REFERENCE', field: ['input', 'managerId'], message: 'The manager does not exist.' },
    ]);
    expect((await client.query(`{ users { totalCount } }`)).users.totalCount).toBe(0);
  });

  it('reports a malformed id as invalid input rather than failing', async () => {
    const client = await newTenantClient();
    const result = await client.query(CREATE, { input: { userName: 'x@x.com', managerId: 'not-a-uuid' } });
    expect(result.userCreate.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'managerId'] });
    const missing = await client.query(`{ user(id: "not-a-uuid") { id } }`);
    expect(missing.user).toBeNull();
  });

  it('deletes a user: it is gone, its memberships go, and its reports lose their manager', async () => {
    const client = await newTenantClient();
    const boss = await createUser(client, { userName: 'boss@x.com' });
    const report = await createUser(client, { userName: 'report@x.com', managerId: boss.id });
    const group = await client.query(
      `mutation($input: GroupCreateInput!) { groupCreate(input: $input) { group { id } userErrors { code } } }`,
      { input: { displayName: 'Team', memberIds: [boss.id, report.id] } },
    );
    const deleted = await client.query(
      `mutation($id: ID!) { userDelete(input: { id: $id }) { deletedUserId userErrors { code } } }`,
      { id: boss.id },
    );
    expect(deleted.userDelete).toEqual({ deletedUserId: boss.id, userErrors: [] });
    const after = await client.query(
      `query($boss: ID!, $report: ID!, $group: ID!) {
        boss: user(id: $boss) { id }
        report: user(id: $report) { managerId }
        group(id: $group) { members { totalCount nodes { ... on User { userName } } } }
      }`,
      { boss: boss.id, report: report.id, group: group.groupCreate.group.id },
    );
    expect(after).toEqual({
      boss: null,
      report: { managerId: null },
      group: { members: { totalCount: 1, nodes: [{ userName: 'report@x.com' }] } },
    });
    const again = await client.query(`mutation($id: ID!) { userDelete(input: { id: $id }) { userErrors { code } } }`, {
      id: boss.id,
    });
    expect(again.userDelete.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
  });

  it('lets a deleted userName be used again', async () => {
    const client = await newTenantClient();
    const user = await createUser(client, { userName: 'reuse@x.com' });
    await client.query(`mutation($id: ID!) { userDelete(input: { id: $id }) { userErrors { code } } }`, {
      id: user.id,
    });
    await expect(createUser(client, { userName: 'REUSE@x.com' })).resolves.toMatchObject({ userName: 'REUSE@x.com' });
  });
});
