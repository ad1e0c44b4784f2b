import { createGroup, createUser, graphqlClient, type GraphQLClient } from '../support/graphql';
import { fieldSelections } from '../support/field-selections';
import { startTestService, type TestService } from '../support/harness';

/**
 * User lists read only the columns their selection needs (src/api/graphql/record-columns.ts).
 * Whatever a query selects, alone or together, through whichever path, each User field must still
 * answer exactly what the full record holds: a field resolver reading an attribute it does not
 * declare would answer null, or fail, here.
 */
let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

const SCHEMA = 'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User';

/** The sub-selection for each object type a User field returns; a new type must be added here. */
const SUB_SELECTIONS: Record<string, string> = {
  MultiValueType: '{ value type primary display }',
  Address: '{ type formatted streetAddress locality region postalCode country primary }',
  ExtensionAttributeValue: '{ schema name value }',
  User: '{ id userName }',
  Department: '{ id name }',
  UserConnection: '{ totalCount nodes { id } }',
  GroupConnection: '{ totalCount nodes { id displayName } }',
  ReportConnection: '{ totalCount edges { depth managerId node { id } } }',
};

/** Each path reaches the user `target` (from `root`, its manager `manager` or its report `report`). */
const PATHS: Array<{ name: string; query: (selection: string) => string; pick: (data: any, ids: Ids) => any }> = [
  {
    name: 'users',
    query: (s) => `{ users(first: 5) { nodes { id ${s} } } }`,
    pick: (data, ids) => data.users.nodes.find((user: any) => user.id === ids.target),
  },
  {
    name: 'users(search)',
    query: (s) => `{ users(search: "Quillfeather", first: 5) { nodes { id ${s} } } }`,
    pick: (data, ids) => data.users.nodes.find((user: any) => user.id === ids.target),
  },
  {
    name: 'user(id)',
    query: (s) => `query($target: ID!) { user(id: $target) { ${s} } }`,
    pick: (data) => data.user,
  },
  {
    name: 'reports nodes',
    query: (s) => `query($manager: ID!) { user(id: $manager) { reports(first: 5) { nodes { id ${s} } } } }`,
    pick: (data, ids) => data.user.reports.nodes.find((user: any) => user.id === ids.target),
  },
  {
    name: 'reports edges',
    query: (s) =>
      `query($manager: ID!) { user(id: $manager) { reports(first: 5) { edges { managerId node { id ${s} } } } } }`,
    pick: (data, ids) => {
      const edge = data.user.reports.edges.find((candidate: any) => candidate.node.id === ids.target);
      expect(edge.managerId).toBe(ids.manager);
      return edge.node;
    },
  },
  {
    name: 'directReports',
    query: (s) => `query($manager: ID!) { user(id: $manager) { directReports(first: 5) { nodes { id ${s} } } } }`,
    pick: (data, ids) => data.user.directReports.nodes.find((user: any) => user.id === ids.target),
  },
  {
    name: 'department members',
    query: (s) =>
      `query($target: ID!) { user(id: $target) { department { members(first: 5) { nodes { id ${s} } } } } }`,
    pick: (data, ids) => data.user.department.members.nodes.find((user: any) => user.id === ids.target),
  },
  {
    name: 'group transitiveMembers',
    query: (s) =>
      `query($target: ID!) { user(id: $target) { memberOf(first: 5) { nodes { transitiveMembers(first: 5) { nodes { id ${s} } } } } } }`,
    pick: (data, ids) =>
      data.user.memberOf.nodes[0].transitiveMembers.nodes.find((user: any) => user.id === ids.target),
  },
  {
    name: 'manager',
    query: (s) => `query($report: ID!) { user(id: $report) { manager { id ${s} } } }`,
    pick: (data) => data.user.manager,
  },
  {
    name: 'managementChain',
    query: (s) => `query($report: ID!) { user(id: $report) { managementChain { id ${s} } } }`,
    pick: (data, ids) => data.user.managementChain.find((user: any) => user.id === ids.target),
  },
];

interface Ids {
  target: string;
  manager: string;
  report: string;
}

async function directoryWithOneFullUser(client: GraphQLClient): Promise<Ids> {
  const declared = await client.query(
    `mutation { extensionAttributeCreate(input: { schema: "${SCHEMA}", name: "floor", type: STRING }) { userErrors { message } } }`,
  );
  expect(declared.extensionAttributeCreate.userErrors).toEqual([]);
  const manager = await createUser(client, { userName: 'manager@example.com', displayName: 'Manager' });
  const target = await createUser(client, {
    userName: 'target@example.com',
    externalId: 'ext-target',
    displayName: 'Tess Quillfeather',
    nickName: 'Tess',
    profileUrl: 'https://example.com/tess',
    title: 'Engineer',
    userType: 'Employee',
    givenName: 'Tess',
    familyName: 'Quillfeather',
    middleName: 'M',
    formattedName: 'Tess M Quillfeather',
    honorificPrefix: 'Dr.',
    honorificSuffix: 'Jr.',
    preferredLanguage: 'en-US',
    locale: 'en-GB',
    timezone: 'Europe/Stockholm',
    emails: [{ value: 'tess@example.com', type: 'work', primary: true }],
    phoneNumbers: [{ value: '+46 8 123', type: 'mobile' }],
    addresses: [{ type: 'work', streetAddress: 'Main 1', locality: 'Stockholm', country: 'SE', primary: true }],
    roles: [{ value: 'Admin', display: 'Administrator' }],
    employeeNumber: 'E-1',
    costCenter: 'CC-1',
    organization: 'Contoso',
    division: 'R&D',
    department: 'Engineering',
    managerId: manager.id,
    startDate: '2026-01-05T00:00:00Z',
    leaveDate: '2027-01-05T00:00:00Z',
    extensionAttributes: [{ schema: SCHEMA, name: 'floor', value: '7' }],
  });
  const report = await createUser(client, {
    userName: 'report@example.com',
    managerReference: 'not-yet-anyone@example.com',
  });
  const group = await createGroup(client, { displayName: 'Engineers' });
  const joined = await client.query(
    `mutation($input: GroupMembersInput!) { groupMembersAdd(input: $input) { userErrors { message } } }`,
    { input: { groupId: group.id, memberIds: [target.id] } },
  );
  expect(joined.groupMembersAdd.userErrors).toEqual([]);
  const moved = await client.query(
    `mutation($input: UserSetManagerInput!) { userSetManager(input: $input) { userErrors { message } } }`,
    { input: { id: report.id, managerId: target.id } },
  );
  expect(moved.userSetManager.userErrors).toEqual([]);
  return { target: target.id, manager: manager.id, report: report.id };
}

describe('User fields read through lists that select only some columns', () => {
  it('answers every field, alone or all together, as the full record holds it, on every path', async () => {
    const tenant = await service.createTenant();
    const client = graphqlClient(service, tenant.graphqlToken);
    const ids = await directoryWithOneFullUser(client);
    const selections = await fieldSelections(client, 'User', SUB_SELECTIONS);
    const all = [...selections.values()].join(' ');

    // The reference: a mutation's payload is read in full, whatever it selects.
    const touched = await client.query(
      `mutation($id: ID!) { userUpdate(input: { id: $id, nickName: "Tessie" }) { user { ${all} } userErrors { message } } }`,
      { id: ids.target },
    );
    expect(touched.userUpdate.userErrors).toEqual([]);
    const full = touched.userUpdate.user;
    expect(full).toMatchObject({
      nickName: 'Tessie',
      manager: { id: ids.manager },
      department: { name: 'Engineering' },
      extensionAttributes: [{ schema: SCHEMA, name: 'floor', value: '7' }],
      memberOf: { totalCount: 1 },
      directReports: { totalCount: 1 },
    });

    const variables = { target: ids.target, manager: ids.manager, report: ids.report };
    for (const path of PATHS) {
      const together = path.pick(await client.query(path.query(all), variables), ids);
      expect({ path: path.name, user: together }).toEqual({ path: path.name, user: full });
      for (const [name, selection] of selections) {
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
