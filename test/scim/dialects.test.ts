import { startTestService, type TestService } from '../support/harness';
import { createScimGroup, createScimUser, ENTERPRISE, PATCH_OP, scimMemberIds } from './support/scim-client';
import { expectNoContent, graphqlUser, scimTenant } from './support/scim-suite';

/** Section (b.6) and (b.7): the request pairs of the aadOptscim062020 flag and Microsoft's validators, verbatim. */

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

describe('C-40 Disable user', () => {
  it.each([
    ['without flag', { op: 'Replace', path: 'active', value: 'False' }],
    ['with flag', { op: 'replace', path: 'active', value: false }],
    ['observed lowercase string', { op: 'Replace', path: 'active', value: 'false' }],
  ])('C-40 %s disables the user, and the matching "true" form re-enables it', async (_name, operation) => {
    const { scim, graphql } = await scimTenant(service);
    const user = await createScimUser(scim, 'c40@x.com');
    const response = await scim.patch(`/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [operation] });
    expect(response.status).toBe(200);
    expect(response.body.active).toBe(false);
    expect((await scim.get(`/Users/${user.id}`)).body.active).toBe(false);
    expect((await graphqlUser(graphql, user.id)).active).toBe(false);
    const enable = {
      ...operation,
      value: typeof operation.value === 'boolean' ? true : operation.value === 'False' ? 'True' : 'true',
    };
    const enabled = await scim.patch(`/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [enable] });
    expect(enabled.status).toBe(200);
    expect((await scim.get(`/Users/${user.id}`)).body.active).toBe(true);
  });
});

describe('C-41 Add a single-value string attribute', () => {
  it.each([
    ['without flag', 'Add'],
    ['with flag', 'add'],
  ])('C-41 %s sets nickName', async (_name, op) => {
    const { scim, graphql } = await scimTenant(service);
    const user = await createScimUser(scim, 'c41@x.com');
    const response = await scim.patch(`/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op, path: 'nickName', value: 'Babs' }],
    });
    expect(response.status).toBe(200);
    expect((await scim.get(`/Users/${user.id}`)).body.nickName).toBe('Babs');
    expect((await graphqlUser(graphql, user.id)).nickName).toBe('Babs');
  });
});

describe('C-42 Replace multiple attributes', () => {
  it('C-42 without flag: one Replace per attribute', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'c42a@x.com');
    const response = await scim.patch(`/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'displayName', value: 'Pvlo' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'TestBcwqnm@test.microsoft.com' },
        { op: 'Replace', path: 'name.givenName', value: 'Gtfd' },
        { op: 'Replace', path: 'name.familyName', value: 'Pkqf' },
        { op: 'Replace', path: 'externalId', value: 'Eqpj' },
        { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: 'Eqpj' },
      ],
    });
    expect(response.status).toBe(200);
    expect((await scim.get(`/Users/${user.id}`)).body).toMatchObject({
      displayName: 'Pvlo',
      emails: [{ type: 'work', value: 'TestBcwqnm@test.microsoft.com', primary: true }],
      name: { givenName: 'Gtfd', familyName: 'Pkqf' },
      externalId: 'Eqpj',
      [ENTERPRISE]: { employeeNumber: 'Eqpj' },
    });
  });

  it('C-42 with flag: a value-filter op plus one path-less replace with dotted and URN keys (R-37)', async () => {
    const { scim, graphql } = await scimTenant(service);
    const user = await createScimUser(scim, 'c42b@x.com');
    const response = await scim.patch(`/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'TestMhvaes@test.microsoft.com' },
        {
          op: 'replace',
          value: {
            displayName: 'Bjfe',
            'name.givenName': 'Kkom',
            'name.familyName': 'Unua',
            [`${ENTERPRISE}:employeeNumber`]: 'Aklq',
          },
        },
      ],
    });
    expect(response.status).toBe(200);
    const read = (await scim.get(`/Users/${user.id}`)).body;
    expect(read).toMatchObject({
      displayName: 'Bjfe',
      emails: [{ type: 'work', value: 'TestMhvaes@test.microsoft.com', primary: true }],
      name: { givenName: 'Kkom', familyName: 'Unua', formatted: 'givenName familyName' },
      [ENTERPRISE]: { employeeNumber: 'Aklq' },
    });
    expect(read).not.toHaveProperty(['name.givenName']);
    expect(read).not.toHaveProperty([`${ENTERPRISE}:employeeNumber`]);
    expect(await graphqlUser(graphql, user.id)).toMatchObject({
      givenName: 'Kkom',
      familyName: 'Unua',
      employeeNumber: 'Aklq',
    });
  });
});

describe('C-43 Remove a group member', () => {
  it('C-43 without flag: Remove members with a value list removes only that member', async () => {
    const { scim } = await scimTenant(service);
    const keep = await createScimUser(scim, 'keep@x.com');
    const drop = await createScimUser(scim, 'drop@x.com');
    const group = await createScimGroup(scim, 'C-43 a', [keep.id, drop.id]);
    expectNoContent(
      await scim.patch(`/Groups/${group.id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'Remove', path: 'members', value: [{ value: drop.id }] }],
      }),
    );
    expect(await scimMemberIds(scim, group.id)).toEqual([keep.id]);
  });

  it('C-43 with flag: remove members[value eq "id"] removes only that member', async () => {
    const { scim } = await scimTenant(service);
    const keep = await createScimUser(scim, 'keep@x.com');
    const drop = await createScimUser(scim, 'drop@x.com');
    const group = await createScimGroup(scim, 'C-43 b', [keep.id, drop.id]);
    expectNoContent(
      await scim.patch(`/Groups/${group.id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'remove', path: `members[value eq "${drop.id}"]` }],
      }),
    );
    expect(await scimMemberIds(scim, group.id)).toEqual([keep.id]);
  });
});

describe('C-44 Extra flag-mode examples', () => {
  it('C-44 add the enterprise department by URN path; the department is upserted by name', async () => {
    const { scim, graphql } = await scimTenant(service);
    const user = await createScimUser(scim, 'c44a@x.com');
    const response = await scim.patch(`/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'add', path: `${ENTERPRISE}:department`, value: 'Tech Infrastructure' }],
    });
    expect(response.status).toBe(200);
    expect((await scim.get(`/Users/${user.id}`)).body[ENTERPRISE].department).toBe('Tech Infrastructure');
    expect(await graphqlUser(graphql, user.id)).toMatchObject({
      departmentName: 'Tech Infrastructure',
      department: { name: 'Tech Infrastructure' },
    });
  });

  it('C-44 add members with [{"value"}] (no $ref)', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'c44b@x.com');
    const group = await createScimGroup(scim, 'C-44');
    expectNoContent(
      await scim.patch(`/Groups/${group.id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'add', path: 'members', value: [{ value: user.id }] }],
      }),
    );
    expect(await scimMemberIds(scim, group.id)).toEqual([user.id]);
  });

  it('C-44 emails[...].value and .primary, then active and userName inside a path-less replace', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'c44c@x.com', { emails: [{ type: 'work', value: 'old@contoso.com' }] });
    const response = await scim.patch(`/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'someone@contoso.com' },
        { op: 'replace', path: 'emails[type eq "work"].primary', value: true },
        { op: 'replace', value: { active: false, userName: 'someone' } },
      ],
    });
    expect(response.status).toBe(200);
    expect((await scim.get(`/Users/${user.id}`)).body).toMatchObject({
      userName: 'someone',
      active: false,
      emails: [{ type: 'work', value: 'someone@contoso.com', primary: true }],
    });
  });
});

describe('b.7 Microsoft validator request shapes', () => {
  it('C-22 SCIM_Update_Manager_Test: set, change and remove with "" (each 200/204), GET in between', async () => {
    const { scim } = await scimTenant(service);
    const first = await createScimUser(scim, 'mgr-a@x.com');
    const second = await createScimUser(scim, 'mgr-b@x.com');
    const user = await createScimUser(scim, 'report@x.com');
    const path = `${ENTERPRISE}:manager`;
    const steps: Array<[unknown, string | undefined]> = [
      [{ op: 'Add', path, value: first.id }, first.id],
      [{ op: 'replace', path, value: second.id }, second.id],
      [{ op: 'replace', path, value: '' }, undefined],
    ];
    for (const [operation, expected] of steps) {
      const response = await scim.patch(`/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [operation] });
      expect([200, 204]).toContain(response.status);
      const manager = (await scim.get(`/Users/${user.id}`)).body[ENTERPRISE]?.manager;
      if (expected === undefined) expect(manager?.value ?? null).toBeNull();
      else expect(manager).toMatchObject({ value: expected });
    }
  });

  it('Q-15 SCIM_Null_Update_Test: replace with "" and then with null clears each mapped attribute', async () => {
    const { scim, graphql } = await scimTenant(service);
    const full = {
      displayName: 'Full Person',
      title: 'Boss',
      preferredLanguage: 'en-GB',
      name: { givenName: 'Full', familyName: 'Person', formatted: 'Full Person' },
      emails: [{ type: 'work', value: 'full@contoso.com', primary: true }],
      phoneNumbers: [{ type: 'work', value: '+44 20 0000 0000' }],
      addresses: [{ type: 'work', postalCode: 'SW1A 1AA', locality: 'London' }],
      [ENTERPRISE]: { department: 'Board', employeeNumber: '1' },
    };
    const paths = [
      'displayName',
      'title',
      'preferredLanguage',
      'name.givenName',
      'name.familyName',
      'emails[type eq "work"].value',
      'phoneNumbers[type eq "work"].value',
      'addresses[type eq "work"].postalCode',
      `${ENTERPRISE}:department`,
      `${ENTERPRISE}:employeeNumber`,
    ];
    for (const empty of ['', null]) {
      const user = await createScimUser(scim, `null-${String(empty)}@x.com`, full);
      for (const path of paths) {
        const response = await scim.patch(`/Users/${user.id}`, {
          schemas: [PATCH_OP],
          Operations: [{ op: 'replace', path, value: empty }],
        });
        expect({ path, empty, status: response.status }).toEqual({ path, empty, status: 200 });
      }
      const read = (await scim.get(`/Users/${user.id}`)).body;
      for (const key of ['displayName', 'title', 'preferredLanguage', 'emails', 'phoneNumbers'])
        expect({ key, value: read[key] }).toEqual({ key, value: undefined });
      expect(read.name).toEqual({ formatted: 'Full Person' });
      expect(read.addresses).toEqual([{ type: 'work', locality: 'London' }]);
      expect(read[ENTERPRISE]).toBeUndefined();
      expect(await graphqlUser(graphql, user.id)).toMatchObject({
        displayName: null,
        title: null,
        givenName: null,
        departmentName: null,
        employeeNumber: null,
        emails: [],
      });
    }
  });

  it('R-35 public SCIM Validator "Patch User – Replace/Add Attributes" on emails', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'validator@x.com', {
      emails: [{ type: 'work', value: 'first@white.com', primary: true }],
    });
    const response = await scim.patch(`/Users/${user.id}`, {
      Operations: [
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'oren.collins@white.com' },
        { op: 'add', path: 'emails[type eq "home"].value', value: 'angelita@mante.us' },
        { op: 'add', path: 'emails[type eq "other"].value', value: 'yasmine_bins@braun.us' },
        { op: 'replace', path: 'emails[type eq "work"].display', value: '0TXBC2MOGUI0' },
        { op: 'add', path: 'emails[type eq "work"].primary', value: false },
        { op: 'replace', path: 'emails[type eq "home"].primary', value: true },
      ],
      schemas: [PATCH_OP],
    });
    expect(response.status).toBe(200);
    const emails = (await scim.get(`/Users/${user.id}`)).body.emails;
    expect(emails).toHaveLength(3);
    expect(emails).toEqual(
      expect.arrayContaining([
        { type: 'work', value: 'oren.collins@white.com', display: '0TXBC2MOGUI0', primary: false },
        { type: 'home', value: 'angelita@mante.us', primary: true },
        { type: 'other', value: 'yasmine_bins@braun.us' },
      ]),
    );
  });

  it('R-37 path-less replace with userName and dotted name keys (scimitar PR#69)', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'keith@x.com');
    const response = await scim.patch(`/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        {
          op: 'replace',
          value: { userName: 'keith.stella@x.com', 'name.givenName': 'Keith', 'name.familyName': 'Stella' },
        },
      ],
    });
    expect(response.status).toBe(200);
    const read = (await scim.get(`/Users/${user.id}`)).body;
    expect(read).toMatchObject({ userName: 'keith.stella@x.com', name: { givenName: 'Keith', familyName: 'Stella' } });
    expect(read).not.toHaveProperty(['name.givenName']);
  });
});
