import { randomUUID } from 'node:crypto';
import { startTestService, type TestService } from '../support/harness';
import { createScimUser, ENTERPRISE, entraUser, PATCH_OP, USER_SCHEMA, type ScimClient } from './support/scim-client';
import {
  expectListResponse,
  expectNoContent,
  expectScimError,
  expectScimJson,
  graphqlUser,
  scimTenant,
  wireFilter,
} from './support/scim-suite';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

/** The C-01 body exactly as the tutorial shows it. */
function c01Body(userName: string) {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE],
    externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
    userName,
    active: true,
    emails: [{ primary: true, type: 'work', value: 'Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com' }],
    meta: { resourceType: 'User' },
    name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
    roles: [],
  };
}

describe('C-01 Create User', () => {
  it('C-01 answers 201 with Location, ETag and the created resource, and stores it (R-20)', async () => {
    const { scim, graphql } = await scimTenant(service);
    const userName = 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee';
    const response = await scim.post('/Users', c01Body(userName));
    expect(response.status).toBe(201);
    expectScimJson(response);
    const user = response.body;
    expect(user).toMatchObject({
      id: expect.any(String),
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName,
      active: true,
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      emails: [{ value: 'Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com', type: 'work', primary: true }],
      meta: { resourceType: 'User', created: expect.any(String), lastModified: expect.any(String) },
    });
    expect(user.schemas).toContain(USER_SCHEMA);
    expect(user.id.length).toBeGreaterThan(0);
    expect(response.headers.location).toBe(user.meta.location);
    expect(response.headers.location).toBe(`${service.url}/scim/Users/${user.id}`);
    expect(response.headers.etag).toBe(user.meta.version);
    expect(response.headers.etag).toMatch(/^W\/".+"$/);

    const read = await scim.get(`/Users/${user.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(user);
    expect(await graphqlUser(graphql, user.id)).toMatchObject({
      userName,
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      givenName: 'givenName',
      familyName: 'familyName',
      formattedName: 'givenName familyName',
      active: true,
      emails: [{ value: 'Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com', type: 'work', primary: true }],
    });
  });

  it('R-21 tolerates meta, roles: [], unknown schema URIs, nulls, extension objects and unknown attributes', async () => {
    const { scim, graphql } = await scimTenant(service);
    const response = await scim.post('/Users', {
      ...c01Body('tolerant@x.com'),
      schemas: [USER_SCHEMA, ENTERPRISE, 'urn:example:params:scim:schemas:unknown:1.0:User'],
      title: null,
      phoneNumbers: null,
      favouriteColour: 'teal',
      unknownComplex: { a: [1, 2, { b: null }] },
      'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User': { CustomAttribute: '701984' },
      [ENTERPRISE]: { employeeNumber: '42', department: null },
    });
    expect(response.status).toBe(201);
    expect(response.body).not.toHaveProperty('favouriteColour');
    expect(response.body).not.toHaveProperty('title');
    expect(response.body[ENTERPRISE]).toEqual({ employeeNumber: '42' });
    expect(await graphqlUser(graphql, response.body.id)).toMatchObject({ employeeNumber: '42', title: null });
  });

  it('R-22 refuses a user without userName with a 400 SCIM error, and creates nothing', async () => {
    const { scim } = await scimTenant(service);
    const { userName: _omitted, ...body } = c01Body('ignored');
    const response = await scim.post('/Users', body);
    expectScimError(response, 400);
    expectListResponse(await scim.get('/Users'), { totalResults: 0 });
  });

  it('R-22 refuses malformed JSON with 400 invalidSyntax', async () => {
    const { scim, scimToken } = await scimTenant(service);
    const response = await service.http
      .post('/scim/Users')
      .set('Authorization', `Bearer ${scimToken}`)
      .set('Content-Type', 'application/scim+json')
      .send('{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "junk@x.com",');
    expectScimError(response, 400, 'invalidSyntax');
    expectListResponse(await scim.get('/Users'), { totalResults: 0 });
  });

  it('R-23 answers 409 uniqueness with a detail when the userName exists, and keeps one user', async () => {
    const { scim } = await scimTenant(service);
    await createScimUser(scim, 'emp3@x.com');
    const response = await scim.post('/Users', entraUser('emp3@x.com'));
    expectScimError(response, 409, 'uniqueness');
    expectListResponse(await scim.get(`/Users?filter=${wireFilter('userName eq "emp3@x.com"')}`), { totalResults: 1 });
  });

  it('R-23 answers 409 uniqueness for a userName that differs only in case (R-27)', async () => {
    const { scim } = await scimTenant(service);
    await createScimUser(scim, 'Casey.Jones@Contoso.com');
    const response = await scim.post('/Users', entraUser('casey.jones@contoso.COM'));
    expectScimError(response, 409, 'uniqueness');
    const found = expectListResponse(
      await scim.get(`/Users?filter=${wireFilter('userName eq "CASEY.JONES@contoso.com"')}`),
      {
        totalResults: 1,
      },
    );
    expect(found[0].userName).toBe('Casey.Jones@Contoso.com');
  });

  it('R-41 accepts two work emails in one POST (REF Postman emp1) and returns both', async () => {
    const { scim } = await scimTenant(service);
    const response = await scim.post(
      '/Users',
      entraUser('emp1@x.com', {
        emails: [
          { type: 'work', value: 'emp1@x.com', primary: true },
          { type: 'work', value: 'emp1.other@x.com' },
        ],
      }),
    );
    expect(response.status).toBe(201);
    expect(response.body.emails.map((email: { value: string }) => email.value)).toEqual([
      'emp1@x.com',
      'emp1.other@x.com',
    ]);
  });

  it('R-20 Q-02 accepts "active": "True" as a string in a POST (REF Postman) and returns a boolean', async () => {
    const { scim } = await scimTenant(service);
    const response = await scim.post('/Users', entraUser('stringy@x.com', { active: 'True' }));
    expect(response.status).toBe(201);
    expect(response.body.active).toBe(true);
  });

  it('R-20 a deleted userName can be provisioned again, as a new user', async () => {
    const { scim } = await scimTenant(service);
    const first = await createScimUser(scim, 'again@x.com');
    expectNoContent(await scim.delete(`/Users/${first.id}`));
    const second = await scim.post('/Users', entraUser('Again@x.com'));
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.id);
    expect((await scim.get(`/Users/${first.id}`)).status).toBe(404);
    const found = expectListResponse(await scim.get(`/Users?filter=${wireFilter('userName eq "again@x.com"')}`), {
      totalResults: 1,
    });
    expect(found[0].id).toBe(second.body.id);
  });
});

describe('R-70 text the database cannot store', () => {
  it('R-70 a NUL character (U+0000) in a POST, PATCH or group name is refused with 400 invalidValue, never 500', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'nul@x.com');
    expectScimError(await scim.post('/Users', entraUser('a\u0000b@x.com')), 400, 'invalidValue');
    expectScimError(await scim.post('/Users', entraUser('nul2@x.com', { title: 'a\u0000b' })), 400, 'invalidValue');
    expectScimError(
      await scim.operations(`/Users/${user.id}`, [{ op: 'Replace', path: 'title', value: 'a\u0000b' }]),
      400,
      'invalidValue',
    );
    expectScimError(
      await scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'a\u0000b' }),
      400,
      'invalidValue',
    );
    expectListResponse(await scim.get('/Users'), { totalResults: 1 });
    expect((await scim.get(`/Users/${user.id}`)).body.meta.version).toBe(user.meta.version);
  });
});

describe('C-02 Get User', () => {
  it('C-02 returns the user with an ETag equal to meta.version (R-24)', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'get@x.com');
    const response = await scim.get(`/Users/${user.id}`);
    expect(response.status).toBe(200);
    expectScimJson(response);
    expect(response.body).toMatchObject({ id: user.id, userName: 'get@x.com', meta: { resourceType: 'User' } });
    expect(response.headers.etag).toBe(response.body.meta.version);
  });

  it('C-02 answers 404 with a SCIM error for an unknown id (R-24)', async () => {
    const { scim } = await scimTenant(service);
    expectScimError(await scim.get(`/Users/${randomUUID()}`), 404);
  });

  it('C-02 answers 404, not 400 or 500, for an id in a format we never issue (5171a35d82074e068ce2)', async () => {
    const { scim } = await scimTenant(service);
    expectScimError(await scim.get('/Users/5171a35d82074e068ce2'), 404);
    expectScimError(await scim.get('/Users/23B51B0E5D7AE9110A49411D@7cca31655d49f3640a494224'), 404);
  });

  it('C-02 honours If-None-Match with 304 and the ETag', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'etag@x.com');
    const response = await scim.get(`/Users/${user.id}`, { 'If-None-Match': user.meta.version });
    expect(response.status).toBe(304);
    expect(response.headers.etag).toBe(user.meta.version);
  });
});

describe('C-05 / C-06 Update User', () => {
  it('C-05 replaces the work email and familyName; 200 with the resource; GET shows them', async () => {
    const { scim, graphql } = await scimTenant(service);
    const user = await createScimUser(scim, 'c05@x.com');
    const response = await scim.patch(`/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
      ],
    });
    expect(response.status).toBe(200);
    expectScimJson(response);
    expect(response.body).toMatchObject({
      id: user.id,
      userName: 'c05@x.com',
      name: { familyName: 'updatedFamilyName', givenName: 'givenName' },
      emails: [{ value: 'updatedEmail@microsoft.com', type: 'work', primary: true }],
      active: true,
    });
    expect(response.headers.etag).toBe(response.body.meta.version);
    expect(response.headers.etag).not.toBe(user.meta.version);
    expect(response.body.meta.created).toBe(user.meta.created);
    expect(Date.parse(response.body.meta.lastModified)).toBeGreaterThanOrEqual(Date.parse(user.meta.lastModified));
    const read = await scim.get(`/Users/${user.id}`);
    expect(read.body).toEqual(response.body);
    expect(await graphqlUser(graphql, user.id)).toMatchObject({
      familyName: 'updatedFamilyName',
      emails: [{ value: 'updatedEmail@microsoft.com', type: 'work', primary: true }],
    });
  });

  it('C-06 replaces userName; the old name no longer matches and the new one does', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'before@x.com');
    const response = await scim.patch(`/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'userName', value: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com' }],
    });
    expect(response.status).toBe(200);
    expect(response.body.userName).toBe('5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com');
    expect(response.body.emails).toEqual(user.emails);
    expectListResponse(await scim.get(`/Users?filter=${wireFilter('userName eq "before@x.com"')}`), {
      totalResults: 0,
    });
    const found = expectListResponse(
      await scim.get(`/Users?filter=${wireFilter('userName eq "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"')}`),
      { totalResults: 1 },
    );
    expect(found[0].id).toBe(user.id);
  });

  it('C-06 renaming to a userName another user has answers 409 uniqueness and changes nothing', async () => {
    const { scim } = await scimTenant(service);
    const first = await createScimUser(scim, 'first@x.com');
    const second = await createScimUser(scim, 'second@x.com');
    const response = await scim.operations(`/Users/${second.id}`, [
      { op: 'Replace', path: 'userName', value: 'FIRST@x.com' },
    ]);
    expectScimError(response, 409, 'uniqueness');
    expect((await scim.get(`/Users/${second.id}`)).body.userName).toBe('second@x.com');
    expect((await scim.get(`/Users/${first.id}`)).body.userName).toBe('first@x.com');
  });

  it('R-34 replaces each simple attribute and GET returns it exactly as sent', async () => {
    const { scim, graphql } = await scimTenant(service);
    const user = await createScimUser(scim, 'r34@x.com');
    const values: Record<string, string> = {
      userName: 'R34.Renamed@X.com',
      displayName: '  Zoë  O’Brien-Łukasz ',
      title: 'VP, R&D <Europe>',
      externalId: 'ExtID-Mixed-Case',
      'name.familyName': "O'Brien",
      'name.givenName': 'Zoë',
      'name.formatted': 'Zoë  O’Brien',
      preferredLanguage: 'en-US',
      [`${ENTERPRISE}:employeeNumber`]: '000701984',
      [`${ENTERPRISE}:department`]: 'Tour Operations',
    };
    const response = await scim.operations(
      `/Users/${user.id}`,
      Object.entries(values).map(([path, value]) => ({ op: 'Replace', path, value })),
    );
    expect(response.status).toBe(200);
    const read = (await scim.get(`/Users/${user.id}`)).body;
    expect(read).toMatchObject({
      userName: 'R34.Renamed@X.com',
      displayName: '  Zoë  O’Brien-Łukasz ',
      title: 'VP, R&D <Europe>',
      externalId: 'ExtID-Mixed-Case',
      name: { familyName: "O'Brien", givenName: 'Zoë', formatted: 'Zoë  O’Brien' },
      preferredLanguage: 'en-US',
      [ENTERPRISE]: { employeeNumber: '000701984', department: 'Tour Operations' },
    });
    expect(await graphqlUser(graphql, user.id)).toMatchObject({
      displayName: '  Zoë  O’Brien-Łukasz ',
      departmentName: 'Tour Operations',
      department: { name: 'Tour Operations' },
      employeeNumber: '000701984',
    });
  });

  it('R-33 a PATCH that changes nothing still answers 200 with the resource and keeps the version', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'same@x.com');
    const response = await scim.operations(`/Users/${user.id}`, [
      { op: 'Replace', path: 'name.givenName', value: 'givenName' },
    ]);
    expect(response.status).toBe(200);
    expect(response.body.meta.version).toBe(user.meta.version);
  });

  it('R-24 a PATCH of an unknown user answers 404', async () => {
    const { scim } = await scimTenant(service);
    expectScimError(
      await scim.operations(`/Users/${randomUUID()}`, [{ op: 'Replace', path: 'title', value: 'x' }]),
      404,
    );
  });
});

describe('C-07 Disable User', () => {
  it('C-07 disables with the doc body (Operations before schemas, boolean false); the user stays readable (R-30)', async () => {
    const { scim, graphql } = await scimTenant(service);
    const user = await createScimUser(scim, 'c07@x.com');
    const response = await scim.patch(`/Users/${user.id}`, {
      Operations: [{ op: 'Replace', path: 'active', value: false }],
      schemas: [PATCH_OP],
    });
    expect(response.status).toBe(200);
    expect(response.body.active).toBe(false);
    const read = await scim.get(`/Users/${user.id}`);
    expect(read.status).toBe(200);
    expect(read.body.active).toBe(false);
    const found = expectListResponse(await scim.get(`/Users?filter=${wireFilter('userName eq "c07@x.com"')}`), {
      totalResults: 1,
    });
    expect(found[0]).toMatchObject({ id: user.id, active: false });
    expect((await graphqlUser(graphql, user.id)).active).toBe(false);
  });
});

describe('C-08 / C-23 Delete User', () => {
  it('C-08 answers 204 without a body; GET is then 404 and the filter finds nothing (R-39)', async () => {
    const { scim, graphql } = await scimTenant(service);
    const user = await createScimUser(scim, 'c08@x.com');
    expectNoContent(await scim.delete(`/Users/${user.id}`));
    expectScimError(await scim.get(`/Users/${user.id}`), 404);
    expectListResponse(await scim.get(`/Users?filter=${wireFilter('userName eq "c08@x.com"')}`), {
      totalResults: 0,
    });
    expect(await graphqlUser(graphql, user.id)).toBeNull();
  });

  it('C-23 deleting an unknown or already deleted user answers 404 (R-39)', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'c23@x.com');
    expectNoContent(await scim.delete(`/Users/${user.id}`));
    expectScimError(await scim.delete(`/Users/${user.id}`), 404);
    expectScimError(await scim.delete(`/Users/${randomUUID()}`), 404);
  });

  it('C-23 deleting a manager leaves the report without a manager, still readable', async () => {
    const { scim } = await scimTenant(service);
    const manager = await createScimUser(scim, 'boss@x.com');
    const report = await createScimUser(scim, 'report@x.com');
    await scim.operations(`/Users/${report.id}`, [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: manager.id }]);
    expectNoContent(await scim.delete(`/Users/${manager.id}`));
    const read = await scim.get(`/Users/${report.id}`);
    expect(read.status).toBe(200);
    expect(read.body[ENTERPRISE]?.manager).toBeUndefined();
  });
});

describe('C-19 / C-20 legacy samples', () => {
  it('C-19 provisions the legacy Example 2 body (URN typo, nulls) and stores what it carries', async () => {
    const { scim, graphql } = await scimTenant(service);
    const response = await scim.post('/Users', {
      schemas: [
        'urn:ietf:params:scim:schemas:core:2.0:User',
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0User',
      ],
      externalId: 'jyoung',
      userName: 'jyoung@testuser.com',
      active: true,
      addresses: null,
      displayName: 'Joy Young',
      emails: [{ type: 'work', value: 'jyoung@Contoso.com', primary: true }],
      meta: { resourceType: 'User' },
      name: { familyName: 'Young', givenName: 'Joy' },
      phoneNumbers: null,
      preferredLanguage: null,
      title: null,
      department: null,
      manager: null,
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      externalId: 'jyoung',
      userName: 'jyoung@testuser.com',
      displayName: 'Joy Young',
      emails: [{ type: 'work', value: 'jyoung@Contoso.com', primary: true }],
      name: { familyName: 'Young', givenName: 'Joy' },
    });
    expect(response.body).not.toHaveProperty('addresses');
    expect(await graphqlUser(graphql, response.body.id)).toMatchObject({
      displayName: 'Joy Young',
      emails: [{ value: 'jyoung@Contoso.com', type: 'work', primary: true }],
    });
  });

  it('C-20 queries the current state of a user by id', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'c20@x.com', { title: 'Engineer' });
    const response = await scim.get(`/Users/${user.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: user.id, userName: 'c20@x.com', title: 'Engineer' });
  });
});

describe('C-22 manager (R-40, Q-06)', () => {
  async function managerOf(scim: ScimClient, id: string) {
    const read = await scim.get(`/Users/${id}`);
    return read.body[ENTERPRISE]?.manager;
  }

  it('C-22 accepts the legacy form path "manager" with [{$ref, value}] and returns {value}', async () => {
    const { scim, graphql } = await scimTenant(service);
    const manager = await createScimUser(scim, 'mgr@x.com', { displayName: 'The Manager' });
    const user = await createScimUser(scim, 'emp@x.com');
    const response = await scim.patch(`/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        {
          op: 'Add',
          path: 'manager',
          value: [{ $ref: `http://example.com/scim/Users/${manager.id}`, value: manager.id }],
        },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body[ENTERPRISE].manager).toMatchObject({ value: manager.id });
    expect(await managerOf(scim, user.id)).toMatchObject({ value: manager.id, displayName: 'The Manager' });
    expect((await graphqlUser(graphql, user.id)).manager).toEqual({ id: manager.id });
  });

  it('C-22 accepts the current form: URN path with a bare id string, returned as an object', async () => {
    const { scim } = await scimTenant(service);
    const manager = await createScimUser(scim, 'mgr2@x.com');
    const user = await createScimUser(scim, 'emp2@x.com');
    const response = await scim.operations(`/Users/${user.id}`, [
      { op: 'add', path: `${ENTERPRISE}:manager`, value: manager.id },
    ]);
    expect(response.status).toBe(200);
    const returned = await managerOf(scim, user.id);
    expect(typeof returned).toBe('object');
    expect(returned.value).toBe(manager.id);
  });

  it('C-22 accepts {"value": id}, changes the manager, and removes it with "" and with Remove (R-40)', async () => {
    const { scim } = await scimTenant(service);
    const first = await createScimUser(scim, 'm1@x.com');
    const second = await createScimUser(scim, 'm2@x.com');
    const user = await createScimUser(scim, 'e@x.com');
    const path = `${ENTERPRISE}:manager`;
    expect((await scim.operations(`/Users/${user.id}`, [{ op: 'Add', path, value: { value: first.id } }])).status).toBe(
      200,
    );
    expect((await managerOf(scim, user.id)).value).toBe(first.id);
    expect((await scim.operations(`/Users/${user.id}`, [{ op: 'replace', path, value: second.id }])).status).toBe(200);
    expect((await managerOf(scim, user.id)).value).toBe(second.id);
    expect((await scim.operations(`/Users/${user.id}`, [{ op: 'replace', path, value: '' }])).status).toBe(200);
    expect(await managerOf(scim, user.id)).toBeUndefined();
    expect((await scim.operations(`/Users/${user.id}`, [{ op: 'Add', path, value: first.id }])).status).toBe(200);
    expect((await scim.operations(`/Users/${user.id}`, [{ op: 'Remove', path }])).status).toBe(200);
    expect(await managerOf(scim, user.id)).toBeUndefined();
  });

  it('C-22 a manager id that names no user is kept pending, never shown as another user (issue 9)', async () => {
    const { scim, graphql } = await scimTenant(service);
    const user = await createScimUser(scim, 'orphan@x.com');
    const missing = randomUUID();
    const response = await scim.operations(`/Users/${user.id}`, [
      { op: 'Add', path: `${ENTERPRISE}:manager`, value: missing },
    ]);
    expect(response.status).toBe(200);
    expect(response.body[ENTERPRISE].manager).toEqual({ value: missing });
    const read = await graphql.query(`{ user(id: "${user.id}") { manager { id } pendingManagerReference } }`);
    expect(read.user).toEqual({ manager: null, pendingManagerReference: missing });
  });
});

describe('C-30..C-32 roles (R-42)', () => {
  it('C-30 SingleAppRoleAssignment: the POST shape round-trips and the PATCH with a JSON-encoded value is stored as sent', async () => {
    const { scim, graphql } = await scimTenant(service);
    const post = await scim.post('/Users', {
      schemas: [USER_SCHEMA],
      externalId: 'alias',
      userName: 'alias@contoso.OnMicrosoft.com',
      active: true,
      displayName: 'First Name Last Name',
      meta: { resourceType: 'User' },
      roles: [{ primary: true, type: 'WindowsAzureActiveDirectoryRole', value: 'Admin' }],
    });
    expect(post.status).toBe(201);
    expect(post.body.roles).toEqual([{ primary: true, type: 'WindowsAzureActiveDirectoryRole', value: 'Admin' }]);
    const encoded = '{"id":"06b07648-ecfe-589f-9d2f-6325724a46ee","value":"25","displayName":"Role1234"}';
    const patch = await scim.operations(`/Users/${post.body.id}`, [
      { op: 'Add', path: 'roles', value: [{ value: encoded }] },
    ]);
    expect(patch.status).toBe(200);
    const read = await scim.get(`/Users/${post.body.id}`);
    expect(read.body.roles).toEqual(expect.arrayContaining([expect.objectContaining({ value: encoded })]));
    expect(read.body.roles).toEqual(
      expect.arrayContaining([{ primary: true, type: 'WindowsAzureActiveDirectoryRole', value: 'Admin' }]),
    );
    expect((await graphqlUser(graphql, post.body.id)).roles).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: encoded })]),
    );
  });

  it('C-31 AppRoleAssignmentsComplex: two roles in the POST and two JSON-encoded roles added by PATCH', async () => {
    const { scim } = await scimTenant(service);
    const post = await scim.post('/Users', {
      schemas: [USER_SCHEMA],
      externalId: 'alias',
      userName: 'alias31@contoso.OnMicrosoft.com',
      active: true,
      displayName: 'First Name Last Name',
      meta: { resourceType: 'User' },
      roles: [
        { primary: false, type: 'WindowsAzureActiveDirectoryRole', displayName: 'Admin', value: 'Admin' },
        { primary: false, type: 'WindowsAzureActiveDirectoryRole', displayName: 'User', value: 'User' },
      ],
    });
    expect(post.status).toBe(201);
    expect(post.body.roles).toEqual([
      expect.objectContaining({ primary: false, type: 'WindowsAzureActiveDirectoryRole', value: 'Admin' }),
      expect.objectContaining({ primary: false, type: 'WindowsAzureActiveDirectoryRole', value: 'User' }),
    ]);
    const admin = '{"id":"06b07648-ecfe-589f-9d2f-6325724a46ee","value":"Admin","displayName":"Admin"}';
    const user = '{"id":"06b07648-ecfe-599f-9d2f-6325724a46ee","value":"User","displayName":"User"}';
    const patch = await scim.operations(`/Users/${post.body.id}`, [
      { op: 'Add', path: 'roles', value: [{ value: admin }, { value: user }] },
    ]);
    expect(patch.status).toBe(200);
    const values = (await scim.get(`/Users/${post.body.id}`)).body.roles.map((role: { value: string }) => role.value);
    expect(values).toEqual(expect.arrayContaining(['Admin', 'User', admin, user]));
    expect(values).toHaveLength(4);
  });

  it('C-32 AssertiveAppRoleAssignmentsComplex: replace roles sets exactly the roles sent', async () => {
    const { scim } = await scimTenant(service);
    const roles = [
      { primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'User', value: 'User' },
      { primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'Test', value: 'Test' },
    ];
    const post = await scim.post('/Users', {
      schemas: [USER_SCHEMA],
      externalId: 'contoso',
      userName: 'contoso@alias.onmicrosoft.com',
      active: true,
      roles: [{ primary: true, type: 'WindowsAzureActiveDirectoryRole', display: 'Old', value: 'Old' }],
    });
    expect(post.status).toBe(201);
    const patch = await scim.operations(`/Users/${post.body.id}`, [{ op: 'replace', path: 'roles', value: roles }]);
    expect(patch.status).toBe(200);
    expect((await scim.get(`/Users/${post.body.id}`)).body.roles).toEqual(roles);
    const postAgain = await scim.post('/Users', {
      schemas: [USER_SCHEMA],
      externalId: 'contoso2',
      userName: 'contoso2@alias.onmicrosoft.com',
      active: true,
      roles,
    });
    expect(postAgain.status).toBe(201);
    expect(postAgain.body.roles).toEqual(roles);
  });
});

describe('C-33 / C-34 / C-35 attribute mappings', () => {
  it('C-33 sets work, mobile and fax phone numbers by filtered path', async () => {
    const { scim, graphql } = await scimTenant(service);
    const user = await createScimUser(scim, 'phones@x.com');
    const response = await scim.operations(`/Users/${user.id}`, [
      { op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '555-555-5555' },
      { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '555-555-5556' },
      { op: 'Add', path: 'phoneNumbers[type eq "fax"].value', value: '555-555-5557' },
    ]);
    expect(response.status).toBe(200);
    const phones = (await scim.get(`/Users/${user.id}`)).body.phoneNumbers;
    expect(phones).toEqual([
      { value: '555-555-5555', type: 'work' },
      { value: '555-555-5556', type: 'mobile' },
      { value: '555-555-5557', type: 'fax' },
    ]);
    expect((await graphqlUser(graphql, user.id)).phoneNumbers).toHaveLength(3);
  });

  it('C-34 creates a user with enterprise and custom extensions, ignoring the client id, meta and the custom URN', async () => {
    const { scim, graphql } = await scimTenant(service);
    const manager = await createScimUser(scim, 'jsmith@x.com', { displayName: 'John Smith' });
    const response = await scim.post('/Users', {
      schemas: [USER_SCHEMA, ENTERPRISE],
      userName: 'bjensen',
      id: '48af03ac28ad4fb88478',
      externalId: 'bjensen',
      name: { formatted: 'Ms. Barbara J Jensen III', familyName: 'Jensen', givenName: 'Barbara' },
      [ENTERPRISE]: {
        employeeNumber: '701984',
        costCenter: '4130',
        organization: 'Universal Studios',
        division: 'Theme Park',
        department: 'Tour Operations',
        manager: { value: manager.id, $ref: `../Users/${manager.id}`, displayName: 'John Smith' },
      },
      'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User': { CustomAttribute: '701984' },
      meta: {
        resourceType: 'User',
        created: '2010-01-23T04:56:22Z',
        lastModified: '2011-05-13T04:42:34Z',
        version: 'W/"3694e05e9dff591"',
        location: 'https://example.com/v2/Users/00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
      },
    });
    expect(response.status).toBe(201);
    expect(response.body.id).not.toBe('48af03ac28ad4fb88478');
    expect(response.body.meta.created).not.toBe('2010-01-23T04:56:22Z');
    expect(response.body.schemas).toEqual([USER_SCHEMA, ENTERPRISE]);
    expect(response.body[ENTERPRISE]).toMatchObject({
      employeeNumber: '701984',
      costCenter: '4130',
      organization: 'Universal Studios',
      division: 'Theme Park',
      department: 'Tour Operations',
      manager: { value: manager.id, displayName: 'John Smith' },
    });
    expect(await graphqlUser(graphql, response.body.id)).toMatchObject({
      costCenter: '4130',
      organization: 'Universal Studios',
      division: 'Theme Park',
      department: { name: 'Tour Operations' },
      manager: { id: manager.id },
    });
  });

  it('C-35 every target path of the typical mapping table is writable and reads back (capital V and F included)', async () => {
    const { scim, graphql } = await scimTenant(service);
    const manager = await createScimUser(scim, 'c35-manager@x.com');
    const user = await scim.post('/Users', { schemas: [USER_SCHEMA], userName: 'c35@x.com' });
    expect(user.status).toBe(201);
    const id = user.body.id;
    const mapped: Array<[string, unknown]> = [
      ['active', 'False'],
      [`${ENTERPRISE}:department`, 'Sales'],
      ['displayName', 'Casey Jones'],
      [`${ENTERPRISE}:employeeNumber`, 'E-1001'],
      ['phoneNumbers[type eq "fax"].value', '+1 555 0100'],
      ['name.givenName', 'Casey'],
      ['title', 'Account Executive'],
      ['emails[type eq "work"].value', 'casey@contoso.com'],
      ['externalId', 'cjones'],
      [`${ENTERPRISE}:manager`, manager.id],
      ['phoneNumbers[type eq "mobile"].value', '+1 555 0101'],
      ['addresses[type eq "work"].postalCode', '98052'],
      ['emails[type eq "other"].Value', 'smtp:casey@contoso.net'],
      ['addresses[type eq "other"].Formatted', 'Building 4, Office 12'],
      ['addresses[type eq "work"].streetAddress', '1 Microsoft Way'],
      ['name.familyName', 'Jones'],
      ['phoneNumbers[type eq "work"].value', '+1 555 0102'],
      ['userName', 'casey.jones@contoso.com'],
    ];
    for (const [path, value] of mapped) {
      const response = await scim.operations(`/Users/${id}`, [{ op: 'Replace', path, value }]);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
    }
    const read = (await scim.get(`/Users/${id}`)).body;
    expect(read).toMatchObject({
      active: false,
      displayName: 'Casey Jones',
      title: 'Account Executive',
      externalId: 'cjones',
      userName: 'casey.jones@contoso.com',
      name: { givenName: 'Casey', familyName: 'Jones' },
      [ENTERPRISE]: { department: 'Sales', employeeNumber: 'E-1001', manager: { value: manager.id } },
    });
    expect(read.emails).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'work', value: 'casey@contoso.com' }),
        expect.objectContaining({ type: 'other', value: 'smtp:casey@contoso.net' }),
      ]),
    );
    expect(read.phoneNumbers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'fax', value: '+1 555 0100' }),
        expect.objectContaining({ type: 'mobile', value: '+1 555 0101' }),
        expect.objectContaining({ type: 'work', value: '+1 555 0102' }),
      ]),
    );
    expect(read.addresses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'work', postalCode: '98052', streetAddress: '1 Microsoft Way' }),
        expect.objectContaining({ type: 'other', formatted: 'Building 4, Office 12' }),
      ]),
    );
    expect(read.addresses).toHaveLength(2);
    expect(await graphqlUser(graphql, id)).toMatchObject({
      active: false,
      departmentName: 'Sales',
      title: 'Account Executive',
    });
  });

  it('C-35 the group mappings: displayName (matching), members and externalId ← objectId', async () => {
    const { scim } = await scimTenant(service);
    const member = await createScimUser(scim, 'c35-member@x.com');
    const created = await scim.post('/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'C-35 Group',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const patch = await scim.operations(`/Groups/${id}`, [
      { op: 'Replace', path: 'externalId', value: 'objectid-2' },
      { op: 'Replace', path: 'displayName', value: 'C-35 Group renamed' },
      { op: 'Add', path: 'members', value: [{ value: member.id }] },
    ]);
    expect(patch.status).toBe(204);
    const found = expectListResponse(
      await scim.get(`/Groups?filter=${wireFilter('displayName eq "C-35 Group renamed"')}`),
      { totalResults: 1 },
    );
    expect(found[0]).toMatchObject({ id, externalId: 'objectid-2', displayName: 'C-35 Group renamed' });
    expect(found[0].members.map((m: { value: string }) => m.value)).toEqual([member.id]);
  });
});

describe('R-61 concurrent PATCHes of one user', () => {
  it('R-61 ten concurrent PATCHes without If-Match all succeed and none of their changes is lost', async () => {
    const { scim, graphql } = await scimTenant(service);
    const user = await createScimUser(scim, 'busy@x.com', { emails: [] });
    const types = Array.from({ length: 10 }, (_, i) => `type${i}`);
    const responses = await Promise.all(
      types.map((type) =>
        scim.operations(`/Users/${user.id}`, [
          { op: 'Add', path: `emails[type eq "${type}"].value`, value: `${type}@contoso.com` },
        ]),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(types.map(() => 200));
    const emails = (await scim.get(`/Users/${user.id}`)).body.emails;
    expect(emails.map((email: { type: string }) => email.type).sort()).toEqual([...types].sort());
    expect((await graphqlUser(graphql, user.id)).emails).toHaveLength(10);
  });
});

describe('C-22 concurrent manager changes', () => {
  it('C-22 two concurrent PATCHes that would make a manager cycle: one succeeds, the other is a 400, never 5xx', async () => {
    const { scim } = await scimTenant(service);
    const a = await createScimUser(scim, 'cycle-a@x.com');
    const b = await createScimUser(scim, 'cycle-b@x.com');
    const path = `${ENTERPRISE}:manager`;
    for (let round = 0; round < 6; round++) {
      const statuses = (
        await Promise.all([
          scim.operations(`/Users/${a.id}`, [{ op: 'Add', path, value: b.id }]),
          scim.operations(`/Users/${b.id}`, [{ op: 'Add', path, value: a.id }]),
        ])
      ).map((response) => response.status);
      expect({ round, statuses: [...statuses].sort() }).toEqual({ round, statuses: [200, 400] });
      const managers = [
        (await scim.get(`/Users/${a.id}`)).body[ENTERPRISE]?.manager?.value,
        (await scim.get(`/Users/${b.id}`)).body[ENTERPRISE]?.manager?.value,
      ];
      expect(managers.filter(Boolean)).toHaveLength(1);
      await scim.operations(`/Users/${a.id}`, [{ op: 'Remove', path }]);
      await scim.operations(`/Users/${b.id}`, [{ op: 'Remove', path }]);
    }
  });
});

describe('If-Match and ETags', () => {
  it('C-05 answers 412 when If-Match names a stale version; the user keeps the newer change', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'ifmatch@x.com');
    const stale = user.meta.version;
    const first = await scim.operations(`/Users/${user.id}`, [{ op: 'Replace', path: 'title', value: 'first' }], {
      'If-Match': stale,
    });
    expect(first.status).toBe(200);
    const second = await scim.operations(`/Users/${user.id}`, [{ op: 'Replace', path: 'title', value: 'second' }], {
      'If-Match': stale,
    });
    expectScimError(second, 412);
    expect((await scim.get(`/Users/${user.id}`)).body.title).toBe('first');
  });

  it('C-08 answers 412 on a stale If-Match for DELETE; the user still exists', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'ifmatch-delete@x.com');
    await scim.operations(`/Users/${user.id}`, [{ op: 'Replace', path: 'title', value: 'changed' }]);
    expectScimError(await scim.delete(`/Users/${user.id}`, { 'If-Match': user.meta.version }), 412);
    expect((await scim.get(`/Users/${user.id}`)).status).toBe(200);
  });
});

describe('PUT /Users/{id}', () => {
  it('R-34 PUT replaces the whole user: attributes left out are cleared', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'put@x.com', { title: 'Old title' });
    const response = await scim.put(`/Users/${user.id}`, {
      schemas: [USER_SCHEMA],
      userName: 'put@x.com',
      displayName: 'Put Person',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: user.id, userName: 'put@x.com', displayName: 'Put Person' });
    expect(response.body).not.toHaveProperty('title');
    expect(response.body).not.toHaveProperty('emails');
  });
});
