import { randomUUID } from 'node:crypto';
import { createUser as createGraphQLUser } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';
import { ENTERPRISE, GROUP_SCHEMA, entraUser, scimMemberIds } from './support/scim-client';
import {
  expectListResponse,
  expectNoContent,
  expectScimError,
  graphqlMemberIds,
  graphqlUser,
  MICROSOFT_GROUP_SCHEMA,
  scimTenant,
  wireFilter,
} from './support/scim-suite';

/**
 * Section (h): the request sequences Entra runs, replayed in both PATCH dialects. The flag
 * dialect (aadOptscim062020) is also sent with the flag on the URL, as admins configure it.
 */
interface Dialect {
  name: string;
  /** Adds what the Tenant URL carries to a path below it. */
  url(path: string): string;
  op(name: 'add' | 'replace' | 'remove'): string;
  active(value: boolean): unknown;
  /** Several attribute changes in one PATCH (C-42). */
  replaceAttributes(changes: Record<string, unknown>): unknown[];
  removeMember(id: string): unknown;
}

const isValueFilterPath = (path: string) => path.includes('[');

const dialects: Dialect[] = [
  {
    name: 'default',
    url: (path) => path,
    op: (name) => name[0]!.toUpperCase() + name.slice(1),
    active: (value) => (value ? 'True' : 'False'),
    replaceAttributes: (changes) => Object.entries(changes).map(([path, value]) => ({ op: 'Replace', path, value })),
    removeMember: (id) => ({ op: 'Remove', path: 'members', value: [{ $ref: null, value: id }] }),
  },
  {
    name: 'aadOptscim062020',
    url: (path) => `${path}${path.includes('?') ? '&' : '?'}aadOptscim062020`,
    op: (name) => name,
    active: (value) => value,
    replaceAttributes: (changes) => {
      const entries = Object.entries(changes);
      const filtered = entries.filter(([path]) => isValueFilterPath(path));
      const rest = entries.filter(([path]) => !isValueFilterPath(path));
      return [
        ...filtered.map(([path, value]) => ({ op: 'replace', path, value })),
        ...(rest.length > 0 ? [{ op: 'replace', value: Object.fromEntries(rest) }] : []),
      ];
    },
    removeMember: (id) => ({ op: 'remove', path: `members[value eq "${id}"]` }),
  },
];

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

describe.each(dialects)('(h) Entra request sequences, $name dialect', (dialect) => {
  const filterUsers = (filter: string) => `/Users?filter=${wireFilter(filter)}`;
  const filterGroups = (filter: string) => `/Groups?excludedAttributes=members&filter=${wireFilter(filter)}`;

  it('(h)1 Test Connection: a random GUID as userName and as group displayName answers 200 with an empty list (C-17)', async () => {
    const { scim } = await scimTenant(service);
    await scim.post(dialect.url('/Users'), entraUser('present@x.com'));
    expectListResponse(await scim.get(dialect.url(filterUsers(`userName eq "${randomUUID()}"`))), { totalResults: 0 });
    expectListResponse(await scim.get(dialect.url(filterGroups(`displayName eq "${randomUUID()}"`))), {
      totalResults: 0,
    });
  });

  it('(h)2 new user: no match by userName nor externalId, POST, then the manager PATCH once the manager exists (C-01, C-22)', async () => {
    const { scim, graphql } = await scimTenant(service);
    const upn = `new.${dialect.name}@contoso.com`;
    expectListResponse(await scim.get(dialect.url(filterUsers(`userName eq "${upn}"`))), { totalResults: 0 });
    expectListResponse(await scim.get(dialect.url(filterUsers(`externalId eq "new-${dialect.name}"`))), {
      totalResults: 0,
    });
    const created = await scim.post(dialect.url('/Users'), entraUser(upn, { externalId: `new-${dialect.name}` }));
    expect(created.status).toBe(201);
    const id = created.body.id;

    const managerUpn = `manager.${dialect.name}@contoso.com`;
    expectListResponse(await scim.get(dialect.url(filterUsers(`userName eq "${managerUpn}"`))), { totalResults: 0 });
    const manager = await scim.post(dialect.url('/Users'), entraUser(managerUpn));
    expect(manager.status).toBe(201);

    const patched = await scim.operations(dialect.url(`/Users/${id}`), [
      { op: dialect.op('add'), path: `${ENTERPRISE}:manager`, value: manager.body.id },
    ]);
    expect(patched.status).toBe(200);
    expect(patched.body[ENTERPRISE].manager.value).toBe(manager.body.id);
    const read = await scim.get(dialect.url(`/Users/${id}`));
    expect(read.body[ENTERPRISE].manager).toMatchObject({ value: manager.body.id });
    expect((await graphqlUser(graphql, id)).manager).toEqual({ id: manager.body.id });
    const check = await scim.get(
      dialect.url(`${filterUsers(`id eq "${id}" and manager eq "${manager.body.id}"`)}&attributes=id`),
    );
    expect(expectListResponse(check, { totalResults: 1 })[0].id).toBe(id);
  });

  it('(h)3 existing user matched (brownfield): exactly one match, then only the differing attributes (C-42)', async () => {
    const { scim, graphql } = await scimTenant(service);
    const existing = await createGraphQLUser(graphql, {
      userName: `brownfield.${dialect.name}@contoso.com`,
      givenName: 'Old',
      familyName: 'Name',
      emails: [{ value: 'old@contoso.com', type: 'work', primary: true }],
    });
    const matched = expectListResponse(
      await scim.get(dialect.url(filterUsers(`userName eq "BROWNFIELD.${dialect.name}@contoso.com"`))),
      { totalResults: 1 },
    );
    expect(matched[0].id).toBe(existing.id);
    const changes = {
      displayName: 'Pvlo',
      'emails[type eq "work"].value': 'TestBcwqnm@test.microsoft.com',
      'name.givenName': 'Gtfd',
      'name.familyName': 'Pkqf',
      externalId: 'Eqpj',
      [`${ENTERPRISE}:employeeNumber`]: 'Eqpj',
    };
    const patched = await scim.operations(dialect.url(`/Users/${existing.id}`), dialect.replaceAttributes(changes));
    expect(patched.status).toBe(200);
    const read = (await scim.get(dialect.url(`/Users/${existing.id}`))).body;
    expect(read).toMatchObject({
      displayName: 'Pvlo',
      externalId: 'Eqpj',
      name: { givenName: 'Gtfd', familyName: 'Pkqf' },
      emails: [{ value: 'TestBcwqnm@test.microsoft.com', type: 'work', primary: true }],
      [ENTERPRISE]: { employeeNumber: 'Eqpj' },
    });
    expect(read).not.toHaveProperty(['name.givenName']);
    expect(await graphqlUser(graphql, existing.id)).toMatchObject({ givenName: 'Gtfd', employeeNumber: 'Eqpj' });
  });

  it('(h)4 attribute change: GET, compare, PATCH with Add for empty and Replace for set attributes (Q-05)', async () => {
    const { scim } = await scimTenant(service);
    const created = await scim.post(
      dialect.url('/Users'),
      entraUser(`change.${dialect.name}@x.com`, { title: 'Analyst' }),
    );
    const id = created.body.id;
    const current = (await scim.get(dialect.url(`/Users/${id}`))).body;
    expect(current.title).toBe('Analyst');
    expect(current.preferredLanguage).toBeUndefined();
    const patched = await scim.operations(dialect.url(`/Users/${id}`), [
      { op: dialect.op('replace'), path: 'title', value: 'Senior Analyst' },
      { op: dialect.op('add'), path: 'preferredLanguage', value: 'de-CH' },
      { op: dialect.op('add'), path: 'phoneNumbers[type eq "mobile"].value', value: '+41 79 000 00 00' },
      { op: dialect.op('replace'), path: 'addresses[type eq "work"].locality', value: 'Zürich' },
    ]);
    expect(patched.status).toBe(200);
    const read = (await scim.get(dialect.url(`/Users/${id}`))).body;
    expect(read).toMatchObject({
      title: 'Senior Analyst',
      preferredLanguage: 'de-CH',
      phoneNumbers: [{ type: 'mobile', value: '+41 79 000 00 00' }],
      addresses: [{ type: 'work', locality: 'Zürich' }],
    });
    const again = await scim.operations(dialect.url(`/Users/${id}`), [
      { op: dialect.op('add'), path: 'title', value: 'Senior Analyst' },
    ]);
    expect(again.status).toBe(200);
    expect(again.body.meta.version).toBe(read.meta.version);
  });

  it('(h)5 disable then re-enable: the user stays queryable and keeps its group memberships (C-40, R-38)', async () => {
    const { scim, graphql } = await scimTenant(service);
    const created = await scim.post(dialect.url('/Users'), entraUser(`leaver.${dialect.name}@x.com`));
    const id = created.body.id;
    const group = await scim.post(dialect.url('/Groups'), {
      schemas: [GROUP_SCHEMA],
      displayName: `Team ${dialect.name}`,
    });
    expectNoContent(
      await scim.operations(dialect.url(`/Groups/${group.body.id}`), [
        { op: dialect.op('add'), path: 'members', value: [{ value: id }] },
      ]),
    );
    const disabled = await scim.operations(dialect.url(`/Users/${id}`), [
      { op: dialect.op('replace'), path: 'active', value: dialect.active(false) },
    ]);
    expect(disabled.status).toBe(200);
    expect(disabled.body.active).toBe(false);
    expect((await scim.get(dialect.url(`/Users/${id}`))).body.active).toBe(false);
    const found = expectListResponse(
      await scim.get(dialect.url(filterUsers(`userName eq "leaver.${dialect.name}@x.com"`))),
      {
        totalResults: 1,
      },
    );
    expect(found[0].active).toBe(false);
    expect(await scimMemberIds(scim, group.body.id)).toEqual([id]);

    const enabled = await scim.operations(dialect.url(`/Users/${id}`), [
      { op: dialect.op('replace'), path: 'active', value: dialect.active(true) },
    ]);
    expect(enabled.status).toBe(200);
    expect((await scim.get(dialect.url(`/Users/${id}`))).body.active).toBe(true);
    expect((await graphqlUser(graphql, id)).active).toBe(true);
    expect(await scimMemberIds(scim, group.body.id)).toEqual([id]);
  });

  it('(h)6 hard delete: 204; the user is gone from GET, filters and group members (C-08)', async () => {
    const { scim, graphql } = await scimTenant(service);
    const created = await scim.post(dialect.url('/Users'), entraUser(`gone.${dialect.name}@x.com`));
    const id = created.body.id;
    const group = await scim.post(dialect.url('/Groups'), {
      schemas: [GROUP_SCHEMA],
      displayName: `Gone ${dialect.name}`,
      members: [{ value: id }],
    });
    await scim.operations(dialect.url(`/Users/${id}`), [
      { op: dialect.op('replace'), path: 'active', value: dialect.active(false) },
    ]);
    expectNoContent(await scim.delete(dialect.url(`/Users/${id}`)));
    expectScimError(await scim.get(dialect.url(`/Users/${id}`)), 404);
    expectListResponse(await scim.get(dialect.url(filterUsers(`userName eq "gone.${dialect.name}@x.com"`))), {
      totalResults: 0,
    });
    expect(await scimMemberIds(scim, group.body.id)).toEqual([]);
    expect(await graphqlMemberIds(graphql, group.body.id)).toEqual([]);
  });

  it('(h)7 group life: match by displayName, create, many member PATCHes, rename, remove, delete (C-09..C-15)', async () => {
    const { scim, graphql } = await scimTenant(service);
    const userIds: string[] = [];
    for (let i = 0; i < 8; i++)
      userIds.push((await scim.post(dialect.url('/Users'), entraUser(`g${i}.${dialect.name}@x.com`))).body.id);
    const name = `Engineering ${dialect.name}`;
    expectListResponse(await scim.get(dialect.url(filterGroups(`displayName eq "${name}"`))), { totalResults: 0 });
    const created = await scim.post(dialect.url('/Groups'), {
      schemas: [GROUP_SCHEMA, MICROSOFT_GROUP_SCHEMA],
      externalId: randomUUID(),
      displayName: name,
      meta: { resourceType: 'Group' },
    });
    expect(created.status).toBe(201);
    const groupId = created.body.id;

    // Membership arrives as many small PATCHes, some of them concurrent (R-61), and one with several members.
    const single = await Promise.all(
      userIds
        .slice(0, 5)
        .map((id) =>
          scim.operations(dialect.url(`/Groups/${groupId}`), [
            { op: dialect.op('add'), path: 'members', value: [{ $ref: null, value: id }] },
          ]),
        ),
    );
    expect(single.map((response) => response.status)).toEqual([204, 204, 204, 204, 204]);
    expectNoContent(
      await scim.operations(dialect.url(`/Groups/${groupId}`), [
        { op: dialect.op('add'), path: 'members', value: userIds.slice(5).map((value) => ({ value })) },
      ]),
    );
    expect(await scimMemberIds(scim, groupId)).toEqual([...userIds].sort());

    const current = await scim.get(dialect.url(`/Groups/${groupId}?excludedAttributes=members`));
    expect(current.status).toBe(200);
    expect(current.body).not.toHaveProperty('members');
    expectNoContent(
      await scim.operations(dialect.url(`/Groups/${groupId}`), [
        { op: dialect.op('replace'), path: 'displayName', value: `${name} (renamed)` },
      ]),
    );
    expectNoContent(await scim.operations(dialect.url(`/Groups/${groupId}`), [dialect.removeMember(userIds[0]!)]));
    expectNoContent(await scim.operations(dialect.url(`/Groups/${groupId}`), [dialect.removeMember(userIds[0]!)]));
    const matched = expectListResponse(
      await scim.get(dialect.url(filterGroups(`displayName eq "${name} (renamed)"`))),
      {
        totalResults: 1,
      },
    );
    expect(matched[0]).not.toHaveProperty('members');
    expect(await graphqlMemberIds(graphql, groupId)).toEqual(userIds.slice(1).sort());

    expectNoContent(await scim.delete(dialect.url(`/Groups/${groupId}`)));
    expectScimError(await scim.get(dialect.url(`/Groups/${groupId}?excludedAttributes=members`)), 404);
    for (const id of userIds) expect((await scim.get(dialect.url(`/Users/${id}`))).status).toBe(200);
  });
});
