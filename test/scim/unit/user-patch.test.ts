import { applyUserPatch } from '../../../scim-facade/patch/apply-user-patch';
import { parsePatchRequest } from '../../../scim-facade/patch/parse-patch-request';
import type { ScimUser } from '../../../scim-facade/resources/scim-user';
import { expectScimError } from './expect-scim-error';

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const managerPath = `${enterprise}:manager`;
const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** The user of C-01's response, as the facade would read it back. */
function c01User(): ScimUser {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: '48af03ac28ad4fb88478',
    externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
    userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
    name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
    active: true,
    emails: [{ value: 'Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com', type: 'work', primary: true }],
    meta: { resourceType: 'User', created: '2018-03-27T19:59:26.000Z', lastModified: '2018-03-27T19:59:26.000Z' },
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** Parses a PATCH body and applies it to a frozen copy of `user` (so any mutation would throw). */
function patch(user: ScimUser, body: unknown): ScimUser {
  return applyUserPatch(deepFreeze(structuredClone(user)), parsePatchRequest(body, 'User'));
}
const ops = (...Operations: unknown[]) => ({ schemas: [patchOp], Operations });

describe('applyUserPatch: catalogue replays', () => {
  it('C-05 replaces the work email and the family name', () => {
    const result = patch(
      c01User(),
      ops(
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
      ),
    );
    expect(result.emails).toEqual([{ value: 'updatedEmail@microsoft.com', type: 'work', primary: true }]);
    expect(result.name).toEqual({
      formatted: 'givenName familyName',
      familyName: 'updatedFamilyName',
      givenName: 'givenName',
    });
  });

  it('C-06/R-34 replaces userName with the value exactly as sent', () => {
    const result = patch(
      c01User(),
      ops({ op: 'Replace', path: 'userName', value: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com' }),
    );
    expect(result.userName).toBe('5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com');
    expect({ ...result, userName: undefined }).toEqual({ ...c01User(), userName: undefined });
  });

  it('C-07 disables with a boolean (documented sample)', () => {
    expect(
      patch(c01User(), { Operations: [{ op: 'Replace', path: 'active', value: false }], schemas: [patchOp] }).active,
    ).toBe(false);
  });

  it('C-40/R-38 disables in both dialects and re-enables with "True"', () => {
    const disabledDefault = patch(c01User(), ops({ op: 'Replace', path: 'active', value: 'False' }));
    const disabledFlag = patch(c01User(), ops({ op: 'replace', path: 'active', value: false }));
    const disabledLower = patch(c01User(), ops({ op: 'Replace', path: 'active', value: 'false' }));
    expect([disabledDefault.active, disabledFlag.active, disabledLower.active]).toEqual([false, false, false]);
    expect(patch(disabledDefault, ops({ op: 'Replace', path: 'active', value: 'True' })).active).toBe(true);
  });

  it('C-41 adds a single-value string attribute in both dialects', () => {
    expect(patch(c01User(), ops({ op: 'Add', path: 'nickName', value: 'Babs' })).nickName).toBe('Babs');
    expect(patch(c01User(), ops({ op: 'add', path: 'nickName', value: 'Babs' })).nickName).toBe('Babs');
  });

  it('C-42 gives the same user in both dialects', () => {
    const withoutFlag = patch(
      c01User(),
      ops(
        { op: 'Replace', path: 'displayName', value: 'Pvlo' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'TestBcwqnm@test.microsoft.com' },
        { op: 'Replace', path: 'name.givenName', value: 'Gtfd' },
        { op: 'Replace', path: 'name.familyName', value: 'Pkqf' },
        { op: 'Replace', path: 'externalId', value: 'Eqpj' },
        { op: 'Replace', path: `${enterprise}:employeeNumber`, value: 'Eqpj' },
      ),
    );
    const withFlag = patch(
      c01User(),
      ops(
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'TestBcwqnm@test.microsoft.com' },
        {
          op: 'replace',
          value: {
            displayName: 'Pvlo',
            'name.givenName': 'Gtfd',
            'name.familyName': 'Pkqf',
            externalId: 'Eqpj',
            [`${enterprise}:employeeNumber`]: 'Eqpj',
          },
        },
      ),
    );
    expect(withFlag).toEqual(withoutFlag);
    expect(withFlag).toMatchObject({
      displayName: 'Pvlo',
      externalId: 'Eqpj',
      name: { givenName: 'Gtfd', familyName: 'Pkqf', formatted: 'givenName familyName' },
      emails: [{ value: 'TestBcwqnm@test.microsoft.com', type: 'work', primary: true }],
      [enterprise]: { employeeNumber: 'Eqpj' },
    });
  });

  it('C-44 adds a department, marks the work email primary and applies a path-less replace', () => {
    const departmentAdded = patch(
      c01User(),
      ops({ op: 'add', path: `${enterprise}:department`, value: 'Tech Infrastructure' }),
    );
    expect(departmentAdded[enterprise]).toEqual({ department: 'Tech Infrastructure' });

    const result = patch(
      { ...c01User(), emails: [{ value: 'home@x.com', type: 'home', primary: true }] },
      ops(
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'someone@contoso.com' },
        { op: 'replace', path: 'emails[type eq "work"].primary', value: true },
        { op: 'replace', value: { active: false, userName: 'someone' } },
      ),
    );
    expect(result).toMatchObject({
      active: false,
      userName: 'someone',
      emails: [
        { value: 'home@x.com', type: 'home', primary: false },
        { type: 'work', value: 'someone@contoso.com', primary: true },
      ],
    });
  });

  it('C-22/R-40 sets the manager from the legacy form and from the current form, returning {value}', () => {
    const legacy = patch(
      c01User(),
      ops({
        op: 'Add',
        path: 'manager',
        value: [
          {
            $ref: 'http://host/scim/Users/00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
            value: '00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
          },
        ],
      }),
    );
    expect(legacy[enterprise]).toEqual({ manager: { value: '00aa00aa-bb11-cc22-dd33-44ee44ee44ee' } });
    const current = patch(
      c01User(),
      ops({ op: 'add', path: managerPath, value: '2c2f6fb8-254f-492e-b7fe-c09c5a61c8a2' }),
    );
    expect(current[enterprise]).toEqual({ manager: { value: '2c2f6fb8-254f-492e-b7fe-c09c5a61c8a2' } });
  });

  it('b.7 sets, changes and removes the manager as the Logic-App validator does', () => {
    const set = patch(c01User(), ops({ op: 'Add', path: managerPath, value: 'm1' }));
    const changed = patch(set, ops({ op: 'replace', path: managerPath, value: 'm2' }));
    expect(changed[enterprise]!.manager).toEqual({ value: 'm2' });
    expect(patch(changed, ops({ op: 'replace', path: managerPath, value: '' }))[enterprise]!.manager).toBeNull();
    expect(patch(changed, ops({ op: 'replace', path: managerPath, value: null }))[enterprise]!.manager).toBeNull();
    expect(patch(changed, ops({ op: 'remove', path: managerPath }))[enterprise]!.manager).toBeNull();
    expect(
      patch(changed, ops({ op: 'replace', path: `${managerPath}.value`, value: '' }))[enterprise]!.manager,
    ).toBeNull();
    expect(
      patch(changed, ops({ op: 'replace', path: managerPath, value: { value: 'm3', displayName: 'x' } }))[enterprise]!
        .manager,
    ).toEqual({
      value: 'm3',
    });
  });

  it('b.7 SCIM_Null_Update_Test clears attributes replaced with "" and then null', () => {
    const user: ScimUser = {
      ...c01User(),
      title: 'Boss',
      [enterprise]: { department: 'Sales', employeeNumber: '7' },
    };
    for (const empty of ['', null]) {
      const result = patch(
        user,
        ops(
          { op: 'replace', path: 'name.givenName', value: empty },
          { op: 'replace', path: 'emails[type eq "work"].value', value: empty },
          { op: 'replace', path: `${enterprise}:department`, value: empty },
          { op: 'replace', path: 'title', value: empty },
        ),
      );
      expect(result.name).toEqual({ formatted: 'givenName familyName', familyName: 'familyName' });
      expect(result.emails).toEqual([]);
      expect(result[enterprise]).toEqual({ department: null, employeeNumber: '7' });
      expect(result.title).toBeNull();
    }
  });

  it('b.7 replays the public SCIM Validator "Patch User - Replace/Add Attributes" body', () => {
    const result = patch(c01User(), {
      Operations: [
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'oren.collins@white.com' },
        { op: 'add', path: 'emails[type eq "home"].value', value: 'angelita@mante.us' },
        { op: 'add', path: 'emails[type eq "other"].value', value: 'yasmine_bins@braun.us' },
        { op: 'replace', path: 'emails[type eq "work"].display', value: '0TXBC2MOGUI0' },
        { op: 'add', path: 'emails[type eq "work"].primary', value: false },
        { op: 'replace', path: 'emails[type eq "home"].primary', value: true },
      ],
      schemas: [patchOp],
    });
    expect(result.emails).toEqual([
      { value: 'oren.collins@white.com', type: 'work', primary: false, display: '0TXBC2MOGUI0' },
      { type: 'home', value: 'angelita@mante.us', primary: true },
      { type: 'other', value: 'yasmine_bins@braun.us' },
    ]);
  });

  it('b.7 applies a path-less replace with dotted keys (scimitar)', () => {
    const result = patch(
      c01User(),
      ops({ op: 'replace', value: { userName: 'ks', 'name.givenName': 'Keith', 'name.familyName': 'Stella' } }),
    );
    expect(result).toMatchObject({ userName: 'ks', name: { givenName: 'Keith', familyName: 'Stella' } });
    expect(result).not.toHaveProperty(['name.givenName']);
  });
});

describe('applyUserPatch: multi-valued attributes', () => {
  it('Q-09/P-05/R-35 creates the work email when missing', () => {
    const user = { ...c01User(), emails: [] };
    expect(patch(user, ops({ op: 'Replace', path: 'emails[type eq "work"].value', value: 'w@x.com' })).emails).toEqual([
      { type: 'work', value: 'w@x.com' },
    ]);
    const withoutEmails = { ...c01User(), emails: undefined };
    expect(
      patch(withoutEmails, ops({ op: 'add', path: 'emails[type eq "work"].value', value: 'w@x.com' })).emails,
    ).toEqual([{ type: 'work', value: 'w@x.com' }]);
  });

  it('R-35 upserts typed phone numbers and address parts', () => {
    const result = patch(
      c01User(),
      ops(
        { op: 'Replace', path: 'phoneNumbers[type eq "mobile"].value', value: '555-1' },
        { op: 'Replace', path: 'phoneNumbers[type eq "fax"].value', value: '555-2' },
        { op: 'Replace', path: 'addresses[type eq "work"].postalCode', value: '0150' },
        { op: 'Replace', path: 'addresses[type eq "work"].streetAddress', value: '1 Main St' },
        { op: 'Replace', path: 'addresses[type eq "other"].Formatted', value: 'Office 4' },
      ),
    );
    expect(result.phoneNumbers).toEqual([
      { type: 'mobile', value: '555-1' },
      { type: 'fax', value: '555-2' },
    ]);
    expect(result.addresses).toEqual([
      { type: 'work', postalCode: '0150', streetAddress: '1 Main St' },
      { type: 'other', formatted: 'Office 4' },
    ]);
  });

  it('R-41 updates every element that matches the filter', () => {
    const user = {
      ...c01User(),
      emails: [
        { value: 'a@x', type: 'work' },
        { value: 'b@x', type: 'WORK' },
      ],
    };
    expect(patch(user, ops({ op: 'replace', path: 'emails[type eq "work"].value', value: 'c@x' })).emails).toEqual([
      { value: 'c@x', type: 'work' },
      { value: 'c@x', type: 'WORK' },
    ]);
  });

  it('Q-10 makes the matching elements exactly the values of an array of {value}', () => {
    const user = {
      ...c01User(),
      emails: [
        { value: 'w@x', type: 'work', primary: true },
        { value: 'old1@x', type: 'other' },
        { value: 'old2@x', type: 'other' },
        { value: 'old3@x', type: 'other' },
      ],
    };
    const grown = patch(
      user,
      ops({ op: 'Add', path: 'emails[type eq "other"].value', value: [{ value: 'a@x' }, { value: 'b@x' }] }),
    );
    expect(grown.emails).toEqual([
      { value: 'w@x', type: 'work', primary: true },
      { value: 'a@x', type: 'other' },
      { value: 'b@x', type: 'other' },
    ]);
    const fresh = patch(
      { ...c01User(), emails: [] },
      ops({ op: 'Replace', path: 'emails[type eq "other"].value', value: [{ value: 'a@x' }, { value: 'b@x' }] }),
    );
    expect(fresh.emails).toEqual([
      { type: 'other', value: 'a@x' },
      { type: 'other', value: 'b@x' },
    ]);
  });

  it('adds new elements to a multi-valued attribute without duplicating existing ones', () => {
    const result = patch(
      c01User(),
      ops({
        op: 'add',
        path: 'emails',
        value: [
          { value: 'Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com', type: 'work', primary: true },
          { value: 'home@x.com', type: 'home' },
        ],
      }),
    );
    expect(result.emails).toHaveLength(2);
    expect(result.emails![1]).toEqual({ value: 'home@x.com', type: 'home' });
  });

  it('makes an added primary element the only primary one', () => {
    const result = patch(
      c01User(),
      ops({ op: 'add', path: 'emails', value: [{ value: 'new@x', type: 'home', primary: 'True' }] }),
    );
    expect(result.emails!.map((email) => email.primary)).toEqual([false, true]);
  });

  it('leaves other primaries alone when an operation does not set primary', () => {
    const user = {
      ...c01User(),
      emails: [
        { value: 'w@x', type: 'work', primary: true },
        { value: 'h@x', type: 'home', primary: true },
      ],
    };
    expect(patch(user, ops({ op: 'replace', path: 'emails[type eq "work"].value', value: 'w2@x' })).emails).toEqual([
      { value: 'w2@x', type: 'work', primary: true },
      { value: 'h@x', type: 'home', primary: true },
    ]);
    expect(
      patch(user, ops({ op: 'replace', path: 'emails[type eq "work"]', value: { primary: 'True' } })).emails,
    ).toEqual([
      { value: 'w@x', type: 'work', primary: true },
      { value: 'h@x', type: 'home', primary: false },
    ]);
  });

  it('replace swaps the whole list', () => {
    const result = patch(
      c01User(),
      ops({ op: 'replace', path: 'emails', value: [{ value: 'only@x', type: 'other' }] }),
    );
    expect(result.emails).toEqual([{ value: 'only@x', type: 'other' }]);
    expect(patch(c01User(), ops({ op: 'replace', path: 'emails', value: null })).emails).toBeNull();
  });

  it('remove with a value filter removes the matching elements', () => {
    const user = {
      ...c01User(),
      emails: [
        { value: 'w@x', type: 'work' },
        { value: 'h@x', type: 'home' },
      ],
    };
    expect(patch(user, ops({ op: 'remove', path: 'emails[type eq "work"]' })).emails).toEqual([
      { value: 'h@x', type: 'home' },
    ]);
    expect(patch(user, ops({ op: 'remove', path: 'emails[type eq "fax"]' })).emails).toEqual(user.emails);
  });

  it('remove with emails[...].sub clears that sub-attribute', () => {
    const user = { ...c01User(), emails: [{ value: 'w@x', type: 'work', display: 'Work', primary: true }] };
    expect(patch(user, ops({ op: 'remove', path: 'emails[type eq "work"].display' })).emails).toEqual([
      { value: 'w@x', type: 'work', primary: true },
    ]);
    // An element left with nothing but its labels is gone.
    expect(patch(user, ops({ op: 'remove', path: 'emails[type eq "work"].value' })).emails).toEqual([]);
  });

  it('remove of a multi-valued attribute with a value array removes only those elements', () => {
    const user = {
      ...c01User(),
      emails: [
        { value: 'a@x', type: 'work' },
        { value: 'b@x', type: 'home' },
      ],
    };
    expect(patch(user, ops({ op: 'Remove', path: 'emails', value: [{ value: 'A@X' }] })).emails).toEqual([
      { value: 'b@x', type: 'home' },
    ]);
    expect(patch(user, ops({ op: 'remove', path: 'emails', value: null })).emails).toEqual(user.emails);
    expect(patch(user, ops({ op: 'remove', path: 'emails' })).emails).toBeNull();
  });

  it('refuses a filtered upsert whose filter does not describe the element (noTarget)', () => {
    expectScimError(
      () => patch(c01User(), ops({ op: 'replace', path: 'emails[value co "@nowhere"].type', value: 'home' })),
      'noTarget',
      /does not say how to create one/,
    );
  });

  it('C-30..C-32 handles roles in every form Entra sends without failing', () => {
    const singleApp = patch(
      c01User(),
      ops({
        op: 'Add',
        path: 'roles',
        value: [{ value: '{"id":"06b07648-ecfe-589f-9d2f-6325724a46ee","value":"25","displayName":"Role1234"}' }],
      }),
    );
    expect(singleApp.roles).toEqual([
      { value: '{"id":"06b07648-ecfe-589f-9d2f-6325724a46ee","value":"25","displayName":"Role1234"}' },
    ]);
    const assertive = patch(
      singleApp,
      ops({
        op: 'replace',
        path: 'roles',
        value: [
          { primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'User', value: 'User' },
          { primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'Test', value: 'Test' },
        ],
      }),
    );
    expect(assertive.roles).toHaveLength(2);
    const primaryDisplay = patch(
      c01User(),
      ops(
        { op: 'Add', path: 'roles[primary eq "True"].value', value: 'Admin' },
        { op: 'Add', path: 'roles[primary eq "True"].display', value: 'Administrator' },
      ),
    );
    expect(primaryDisplay.roles).toEqual([{ primary: true, value: 'Admin', display: 'Administrator' }]);
  });
});

describe('applyUserPatch: simple and complex attributes', () => {
  it('replace of a complex attribute merges its sub-attributes (RFC 7644 §3.5.2.3)', () => {
    expect(
      patch(c01User(), ops({ op: 'replace', path: 'name', value: { givenName: 'Barbara', middleName: 'J' } })).name,
    ).toEqual({
      formatted: 'givenName familyName',
      familyName: 'familyName',
      givenName: 'Barbara',
      middleName: 'J',
    });
    expect(patch(c01User(), ops({ op: 'remove', path: 'name' })).name).toBeNull();
  });

  it('removes simple attributes and sub-attributes', () => {
    const user = { ...c01User(), title: 'Boss' };
    const result = patch(user, ops({ op: 'remove', path: 'title' }, { op: 'remove', path: 'name.formatted' }));
    expect(result.title).toBeNull();
    expect(result.name).toEqual({ familyName: 'familyName', givenName: 'givenName' });
  });

  it('removing an extension attribute of a user without the extension changes nothing', () => {
    expect(patch(c01User(), ops({ op: 'remove', path: `${enterprise}:department` }))).toEqual(c01User());
  });

  it('R-21 ignores unknown attributes in add and path-less values', () => {
    const result = patch(
      c01User(),
      ops(
        {
          op: 'add',
          path: 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:CustomAttribute',
          value: '1',
        },
        { op: 'replace', value: { favouriteColour: 'blue', title: 'Dr' } },
      ),
    );
    expect(result).toEqual({ ...c01User(), title: 'Dr' });
  });

  it('refuses to remove an unknown path and to write read-only attributes', () => {
    expectScimError(() => patch(c01User(), ops({ op: 'remove', path: 'favouriteColour' })), 'invalidPath');
    expectScimError(() => patch(c01User(), ops({ op: 'replace', path: 'groups', value: [] })), 'mutability');
    expectScimError(
      () => patch(c01User(), ops({ op: 'replace', path: 'meta.lastModified', value: 'x' })),
      'mutability',
    );
  });

  it('never changes its input', () => {
    const user = c01User();
    const snapshot = structuredClone(user);
    applyUserPatch(
      user,
      parsePatchRequest(
        ops(
          { op: 'replace', path: 'emails[type eq "work"].value', value: 'x@y' },
          { op: 'remove', path: 'name.givenName' },
        ),
        'User',
      ),
    );
    expect(user).toEqual(snapshot);
  });
});
