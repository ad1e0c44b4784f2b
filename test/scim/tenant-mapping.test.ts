import { randomUUID } from 'node:crypto';
import { startTestService, type TestService } from '../support/harness';
import { createScimUser, ENTERPRISE, entraUser, USER_SCHEMA, type ScimClient } from './support/scim-client';
import { expectScimError, scimTenant, unique, type ScimTenant } from './support/scim-suite';
import type { GraphQLClient } from '../support/graphql';

/**
 * Issue 9: what tenants really map. Their own extension attributes, start and leave dates, and
 * manager and member references that arrive out of order, over HTTP in both Entra dialects.
 */
let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

const CONTOSO = 'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User';
const EVERCATE = 'urn:ietf:params:scim:schemas:extension:evercate:2.0:User';

async function declare(graphql: GraphQLClient, input: Record<string, unknown>) {
  const data = await graphql.query(
    `mutation($input: ExtensionAttributeCreateInput!) {
      extensionAttributeCreate(input: $input) { extensionAttribute { schema name type } userErrors { code field message } }
    }`,
    { input },
  );
  return data.extensionAttributeCreate;
}

async function contosoTenant(): Promise<ScimTenant> {
  const tenant = await scimTenant(service);
  for (const [name, type, extra] of [
    ['costCenterCode', 'STRING', {}],
    ['isContractor', 'BOOLEAN', {}],
    ['floor', 'INTEGER', {}],
    ['fte', 'DECIMAL', {}],
    ['badgeExpires', 'DATE_TIME', {}],
    ['badgeId', 'STRING', { unique: true }],
  ] as const) {
    const result = await declare(tenant.graphql, { schema: CONTOSO, name, type, ...extra });
    expect(result.userErrors).toEqual([]);
  }
  return tenant;
}

async function warningsOf(graphql: GraphQLClient, resourceId?: string): Promise<string[]> {
  const filter = resourceId ? `, filter: { resourceId: "${resourceId}" }` : '';
  const data = await graphql.query(`{ provisioningEvents(first: 1${filter}) { nodes { warnings } } }`);
  return data.provisioningEvents.nodes[0]?.warnings ?? [];
}

describe('declaring extension attributes', () => {
  it('declared attributes appear in /Schemas and /ResourceTypes with the token, and not without one', async () => {
    const { scim, scimToken } = await contosoTenant();
    const withToken = await scim.get('/Schemas');
    const contoso = withToken.body.Resources.find((schema: { id: string }) => schema.id === CONTOSO);
    // By name, as extensionAttributes lists them.
    expect(contoso.attributes.map((a: { name: string; type: string }) => [a.name, a.type])).toEqual([
      ['badgeExpires', 'dateTime'],
      ['badgeId', 'string'],
      ['costCenterCode', 'string'],
      ['floor', 'integer'],
      ['fte', 'decimal'],
      ['isContractor', 'boolean'],
    ]);
    expect(contoso.attributes[1].uniqueness).toBe('server');
    expect((await scim.get(`/Schemas/${CONTOSO}`)).body.id).toBe(CONTOSO);
    const user = await scim.get('/ResourceTypes/User');
    expect(user.body.schemaExtensions).toContainEqual({ schema: CONTOSO, required: false });

    const anonymous = await service.http.get('/scim/Schemas');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.Resources.map((schema: { id: string }) => schema.id)).not.toContain(CONTOSO);
    expect(anonymous.body.Resources.map((schema: { id: string }) => schema.id)).toContain(EVERCATE);
    expect((await service.http.get('/scim/Schemas').set('Authorization', 'Bearer scim_wrong')).status).toBe(401);
    expect(scimToken).toMatch(/^scim_/);
  });

  it('refuses bad declarations with userErrors, and a second declaration of one name (any case)', async () => {
    const { graphql } = await scimTenant(service);
    expect((await declare(graphql, { schema: 'not a urn', name: 'x', type: 'STRING' })).userErrors[0].code).toBe(
      'INVALID_INPUT',
    );
    expect((await declare(graphql, { schema: ENTERPRISE, name: 'x', type: 'STRING' })).userErrors[0].code).toBe(
      'INVALID_INPUT',
    );
    expect((await declare(graphql, { schema: CONTOSO, name: '9lives', type: 'STRING' })).userErrors[0].code).toBe(
      'INVALID_INPUT',
    );
    expect((await declare(graphql, { schema: CONTOSO, name: 'a', type: 'STRING' })).userErrors).toEqual([]);
    expect(
      (await declare(graphql, { schema: CONTOSO.toLowerCase(), name: 'A', type: 'INTEGER' })).userErrors[0].code,
    ).toBe('EXTENSION_ATTRIBUTE_EXISTS');
  });

  it('two racing declarations of one attribute: one is declared, the other told it exists, never a 5xx', async () => {
    const { graphql } = await scimTenant(service);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => declare(graphql, { schema: CONTOSO, name: 'raced', type: 'STRING' })),
    );
    const codes = results.map((result) => result.userErrors[0]?.code ?? 'OK').sort();
    expect(codes).toEqual([
      'EXTENSION_ATTRIBUTE_EXISTS',
      'EXTENSION_ATTRIBUTE_EXISTS',
      'EXTENSION_ATTRIBUTE_EXISTS',
      'OK',
    ]);
    const list = await graphql.query(`{ extensionAttributes { name } }`);
    expect(list.extensionAttributes).toEqual([{ name: 'raced' }]);
  });
});

describe('writing and reading declared attributes over SCIM', () => {
  it('Q-02 a POST nested under the URN (not in schemas[]) stores values coerced by type, and GET returns them', async () => {
    const { scim, graphql } = await contosoTenant();
    const posted = await scim.post('/Users', {
      ...entraUser('contoso@x.com'),
      schemas: [USER_SCHEMA],
      [CONTOSO]: { costCenterCode: 'CC-42', isContractor: 'True', floor: '7', fte: '0.8', badgeExpires: '2027-01-31' },
    });
    expect(posted.status).toBe(201);
    expect(posted.body[CONTOSO]).toEqual({
      costCenterCode: 'CC-42',
      isContractor: true,
      floor: 7,
      fte: 0.8,
      badgeExpires: '2027-01-31',
    });
    expect(posted.body.schemas).toContain(CONTOSO);
    const read = await scim.get(`/Users/${posted.body.id}`);
    expect(read.body[CONTOSO]).toEqual(posted.body[CONTOSO]);
    const values = await graphql.query(
      `{ user(id: "${posted.body.id}") { extensionAttributes { schema name value } } }`,
    );
    expect(values.user.extensionAttributes).toContainEqual({ schema: CONTOSO, name: 'floor', value: 7 });
  });

  it('C-35 PATCH by URN path (default dialect, "False") and path-less with URN keys (aadOptscim062020)', async () => {
    const { scim } = await contosoTenant();
    const user = await createScimUser(scim, 'patch@x.com');
    const first = await scim.operations(`/Users/${user.id}`, [
      { op: 'Replace', path: `${CONTOSO}:isContractor`, value: 'False' },
      { op: 'Add', path: `${CONTOSO}:costCenterCode`, value: 'A1' },
    ]);
    expect(first.status).toBe(200);
    expect(first.body[CONTOSO]).toEqual({ isContractor: false, costCenterCode: 'A1' });
    const second = await scim.operations(`/Users/${user.id}`, [
      { op: 'replace', value: { [`${CONTOSO}:floor`]: 3, [CONTOSO]: { costCenterCode: 'B2' } } },
    ]);
    expect(second.body[CONTOSO]).toEqual({ isContractor: false, costCenterCode: 'B2', floor: 3 });
    const removed = await scim.operations(`/Users/${user.id}`, [{ op: 'remove', path: `${CONTOSO}:costCenterCode` }]);
    expect(removed.body[CONTOSO]).toEqual({ isContractor: false, floor: 3 });
  });

  it('a value that cannot be coerced is a 400 invalidValue naming the attribute, and nothing is written', async () => {
    const { scim } = await contosoTenant();
    const user = await createScimUser(scim, 'bad@x.com');
    const response = await scim.operations(`/Users/${user.id}`, [
      { op: 'replace', path: 'title', value: 'Changed' },
      { op: 'replace', path: `${CONTOSO}:floor`, value: 'seventh' },
    ]);
    expectScimError(response, 400, 'invalidValue');
    expect(response.body.detail).toContain('floor');
    expect((await scim.get(`/Users/${user.id}`)).body.title).toBeUndefined();
  });

  it('filters and sorts on declared attributes (eq, gt, sw, pr), and honours attributes/excludedAttributes', async () => {
    const { scim } = await contosoTenant();
    for (const [name, floor, code] of [
      ['f1@x.com', 1, 'ABC'],
      ['f5@x.com', 5, 'abd'],
      ['f9@x.com', 9, 'XYZ'],
    ] as const) {
      await createScimUser(scim, name, { [CONTOSO]: { floor, costCenterCode: code } });
    }
    await createScimUser(scim, 'none@x.com');
    const names = async (query: string) =>
      (await scim.get(`/Users?${query}`)).body.Resources.map((user: { userName: string }) => user.userName);
    expect(await names(`filter=${encodeURIComponent(`${CONTOSO}:floor gt 3`)}&sortBy=userName`)).toEqual([
      'f5@x.com',
      'f9@x.com',
    ]);
    expect(await names(`filter=${encodeURIComponent(`${CONTOSO}:costCenterCode sw "ab"`)}&sortBy=userName`)).toEqual([
      'f1@x.com',
      'f5@x.com',
    ]);
    expect(await names(`filter=${encodeURIComponent(`${CONTOSO}:costCenterCode eq "xyz"`)}`)).toEqual(['f9@x.com']);
    expect((await names(`filter=${encodeURIComponent(`${CONTOSO}:floor pr`)}`)).length).toBe(3);
    expect(await names(`sortBy=${encodeURIComponent(`${CONTOSO}:floor`)}&sortOrder=descending`)).toEqual([
      'f9@x.com',
      'f5@x.com',
      'f1@x.com',
      'none@x.com',
    ]);
    const projected = (
      await scim.get(`/Users?attributes=${encodeURIComponent(`${CONTOSO}:floor`)}&filter=userName eq "f5@x.com"`)
    ).body.Resources[0];
    expect(projected[CONTOSO]).toEqual({ floor: 5 });
    expect(projected.userName).toBeUndefined();
    const excluded = (
      await scim.get(
        `/Users?excludedAttributes=${encodeURIComponent(CONTOSO + ':floor')}&filter=userName eq "f5@x.com"`,
      )
    ).body.Resources[0];
    expect(excluded[CONTOSO]).toEqual({ costCenterCode: 'abd' });
  });

  it('a PUT keeps what it sends and clears the extension values it leaves out', async () => {
    const { scim } = await contosoTenant();
    const user = await createScimUser(scim, 'put@x.com', { [CONTOSO]: { floor: 4, costCenterCode: 'P' } });
    const put = await scim.put(`/Users/${user.id}`, entraUser('put@x.com', { [CONTOSO]: { floor: '5' } }));
    expect(put.status).toBe(200);
    expect(put.body[CONTOSO]).toEqual({ floor: 5 });
    const bare = await scim.put(`/Users/${user.id}`, entraUser('put@x.com'));
    expect(bare.body[CONTOSO]).toBeUndefined();
  });

  it('an attribute becomes unique only while no two users share a value', async () => {
    const { scim, graphql } = await contosoTenant();
    await createScimUser(scim, 'd1@x.com', { [CONTOSO]: { costCenterCode: 'same' } });
    const second = await createScimUser(scim, 'd2@x.com', { [CONTOSO]: { costCenterCode: 'SAME' } });
    const makeUnique = () =>
      graphql.query(
        `mutation { extensionAttributeUpdate(input: { schema: "${CONTOSO}", name: "costCenterCode", unique: true }) {
          extensionAttribute { unique } userErrors { code } } }`,
      );
    expect((await makeUnique()).extensionAttributeUpdate.userErrors[0].code).toBe('EXTENSION_VALUE_TAKEN');
    await scim.operations(`/Users/${second.id}`, [
      { op: 'replace', path: `${CONTOSO}:costCenterCode`, value: 'other' },
    ]);
    expect((await makeUnique()).extensionAttributeUpdate).toEqual({
      extensionAttribute: { unique: true },
      userErrors: [],
    });
  });

  it('a value declared unique is refused for a second user (409 uniqueness)', async () => {
    const { scim } = await contosoTenant();
    await createScimUser(scim, 'u1@x.com', { [CONTOSO]: { badgeId: 'B-1' } });
    const second = await scim.post('/Users', entraUser('u2@x.com', { [CONTOSO]: { badgeId: 'b-1' } }));
    expectScimError(second, 409, 'uniqueness');
  });

  it('survive delete and restore; GraphQL filters them and the change feed names them', async () => {
    const { scim, graphql } = await contosoTenant();
    const cursor = (await graphql.query(`{ directoryChangesLatestCursor }`)).directoryChangesLatestCursor;
    const user = await createScimUser(scim, 'keep@x.com', { [CONTOSO]: { costCenterCode: 'K' } });
    await scim.operations(`/Users/${user.id}`, [{ op: 'replace', path: `${CONTOSO}:costCenterCode`, value: 'L' }]);
    const changes = await graphql.query(
      `query($after: String) { directoryChanges(after: $after, first: 10, types: [UPDATED]) { nodes { changedFields } } }`,
      { after: cursor },
    );
    expect(changes.directoryChanges.nodes[0].changedFields).toEqual([`${CONTOSO}:costCenterCode`]);
    const filtered = await graphql.query(
      `{ users(filter: { extensionAttributes: [{ schema: "${CONTOSO}", name: "costCenterCode", eq: "l" }] }) { nodes { id } } }`,
    );
    expect(filtered.users.nodes).toEqual([{ id: user.id }]);
    expect((await scim.delete(`/Users/${user.id}`)).status).toBe(204);
    await graphql.query(`mutation { userRestore(input: { id: "${user.id}" }) { userErrors { code } } }`);
    expect((await scim.get(`/Users/${user.id}`)).body[CONTOSO]).toEqual({ costCenterCode: 'L' });
  });

  it('deleting a declaration with values is refused unless told to drop them', async () => {
    const { scim, graphql } = await contosoTenant();
    const user = await createScimUser(scim, 'drop@x.com', { [CONTOSO]: { floor: 2 } });
    const remove = (dropValues: boolean) =>
      graphql.query(
        `mutation { extensionAttributeDelete(input: { schema: "${CONTOSO}", name: "floor", dropValues: ${dropValues} }) { userErrors { code } } }`,
      );
    expect((await remove(false)).extensionAttributeDelete.userErrors[0].code).toBe('EXTENSION_ATTRIBUTE_IN_USE');
    expect((await remove(true)).extensionAttributeDelete.userErrors).toEqual([]);
    expect((await scim.get(`/Users/${user.id}`)).body[CONTOSO]).toBeUndefined();
  });
});

describe('undeclared attributes are not stored, but never silently', () => {
  it('a POST and a PATCH carrying one succeed, warn in the provisioning log, and are counted for the admin', async () => {
    const { scim, graphql } = await scimTenant(service);
    const posted = await scim.post('/Users', entraUser('undeclared@x.com', { [CONTOSO]: { shoeSize: '9' } }));
    expect(posted.status).toBe(201);
    expect(posted.body[CONTOSO]).toBeUndefined();
    expect((await warningsOf(graphql, posted.body.id)).join(' ')).toContain(`${CONTOSO}:shoeSize`);
    // Before issue 9 this PATCH answered 400 invalidPath on every Entra cycle.
    const patched = await scim.operations(`/Users/${posted.body.id}`, [
      { op: 'Replace', path: `${CONTOSO}:shoeSize`, value: '10' },
    ]);
    expect(patched.status).toBe(200);
    const list = await graphql.query(`{ undeclaredExtensionAttributes { path schema name requests lastSeenAt } }`);
    expect(list.undeclaredExtensionAttributes).toEqual([
      {
        path: `${CONTOSO}:shoeSize`,
        schema: CONTOSO,
        name: 'shoeSize',
        requests: 2,
        lastSeenAt: expect.any(String),
      },
    ]);
    await declare(graphql, { schema: CONTOSO, name: 'shoeSize', type: 'STRING' });
    expect((await graphql.query(`{ undeclaredExtensionAttributes { path } }`)).undeclaredExtensionAttributes).toEqual(
      [],
    );
  });

  it('a thousand undeclared attributes in one body: 201 with one bounded warning, never a 5xx', async () => {
    const { scim, graphql } = await scimTenant(service);
    const many = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`attr${i}`, `v${i}`]));
    const posted = await scim.post('/Users', entraUser('many@x.com', { [CONTOSO]: many }));
    expect(posted.status).toBe(201);
    const warnings = await warningsOf(graphql, posted.body.id);
    expect(warnings.join(' ')).toContain('and 990 more');
    const list = await graphql.query(`{ undeclaredExtensionAttributes { path } }`);
    expect(list.undeclaredExtensionAttributes.length).toBe(100);
  });

  it('hostile values: a huge string, a NUL, a wrong type are clear 400s and write nothing', async () => {
    const { scim } = await contosoTenant();
    const huge = await scim.post(
      '/Users',
      entraUser('huge@x.com', { [CONTOSO]: { costCenterCode: 'x'.repeat(5000) } }),
    );
    expectScimError(huge, 400);
    const nul = await scim.post('/Users', entraUser('nul@x.com', { [CONTOSO]: { costCenterCode: 'a\u0000b' } }));
    expectScimError(nul, 400);
    const wrong = await scim.post('/Users', entraUser('wrong@x.com', { [CONTOSO]: { isContractor: { yes: 1 } } }));
    expectScimError(wrong, 400);
    const date = await scim.post('/Users', entraUser('date@x.com', { [EVERCATE]: { startDate: '2026-02-30' } }));
    expectScimError(date, 400);
    expect((await scim.get('/Users')).body.totalResults).toBe(0);
  });

  it('a user without extension values costs no statement more when the tenant declared attributes', async () => {
    const plain = await scimTenant(service);
    const declared = await contosoTenant();
    const cost = async (client: ScimClient) => {
      const before = service.database.statementCount;
      await createScimUser(client, unique('cost'));
      return service.database.statementCount - before;
    };
    expect(await cost(declared.scim)).toBe(await cost(plain.scim));
  });
});

describe('start and leave dates (urn:…:evercate:2.0:User)', () => {
  it('are returned exactly as sent, and "who starts in the next 14 days, by start date" is one GraphQL query', async () => {
    const { scim, graphql } = await scimTenant(service);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const soon = await createScimUser(scim, 'soon@x.com', { [EVERCATE]: { startDate: `${day(3)}T08:00:00+02:00` } });
    await createScimUser(scim, 'sooner@x.com', { [EVERCATE]: { startDate: day(1) } });
    await createScimUser(scim, 'later@x.com', { [EVERCATE]: { startDate: `${day(30)}T08:00:00Z` } });
    await createScimUser(scim, 'never@x.com');
    expect(soon[EVERCATE]).toEqual({ startDate: `${day(3)}T08:00:00+02:00` });
    const patched = await scim.operations(`/Users/${soon.id}`, [
      { op: 'Add', path: `${EVERCATE}:leaveDate`, value: `${day(400)}T17:00:00.000Z` },
    ]);
    expect(patched.body[EVERCATE].leaveDate).toBe(`${day(400)}T17:00:00.000Z`);
    const data = await graphql.query(
      `query($from: DateTimeISO!, $to: DateTimeISO!) {
        users(filter: { startDate: { gte: $from, lt: $to } }, orderBy: { field: START_DATE }) { nodes { userName startDate } }
      }`,
      {
        from: new Date(Date.now() - 86_400_000).toISOString(),
        to: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      },
    );
    expect(data.users.nodes.map((user: { userName: string }) => user.userName)).toEqual(['sooner@x.com', 'soon@x.com']);
    const filtered = await scim.get(`/Users?filter=${encodeURIComponent(`${EVERCATE}:startDate pr`)}`);
    expect(filtered.body.totalResults).toBe(3);
  });
});

describe('manager references that arrive out of order', () => {
  it('resolve by externalId or userName, else stay pending and resolve when the manager appears', async () => {
    const { scim, graphql } = await scimTenant(service);
    const boss = await createScimUser(scim, 'boss@x.com', { externalId: 'EXT-BOSS' });
    const byExternal = await createScimUser(scim, 'r1@x.com', { [ENTERPRISE]: { manager: { value: 'ext-boss' } } });
    expect(byExternal[ENTERPRISE].manager.value).toBe(boss.id);
    const early = await scim.post('/Users', entraUser('r2@x.com', { [ENTERPRISE]: { manager: { value: 'SuzzyQ' } } }));
    expect(early.status).toBe(201);
    expect(early.body[ENTERPRISE].manager).toEqual({ value: 'SuzzyQ' });
    expect((await warningsOf(graphql, early.body.id)).join(' ')).toContain('SuzzyQ');
    const suzzy = await createScimUser(scim, 'suzzyq');
    const read = await graphql.query(`{ user(id: "${early.body.id}") { manager { id } pendingManagerReference } }`);
    expect(read.user).toEqual({ manager: { id: suzzy.id }, pendingManagerReference: null });
  });

  it('the same pending manager is resolved once, whichever of two racing creates names it', async () => {
    for (let round = 0; round < 5; round++) {
      const { scim, graphql } = await scimTenant(service);
      const [report, manager] = await Promise.all([
        scim.post(
          '/Users',
          entraUser(`report${round}@x.com`, { [ENTERPRISE]: { manager: { value: `boss${round}` } } }),
        ),
        scim.post('/Users', entraUser(`boss${round}`, { externalId: null })),
      ]);
      expect([report.status, manager.status]).toEqual([201, 201]);
      const read = await graphql.query(`{ user(id: "${report.body.id}") { manager { id } pendingManagerReference } }`);
      expect(read.user).toEqual({ manager: { id: manager.body.id }, pendingManagerReference: null });
    }
  });

  it('two racing managers matching one pending reference: it resolves to exactly one of them, no deadlock', async () => {
    // One's userName is the other's externalId: both take the same reference lock.
    for (let round = 0; round < 5; round++) {
      const { scim, graphql } = await scimTenant(service);
      const report = await createScimUser(scim, 'waiting@x.com', { [ENTERPRISE]: { manager: { value: 'dana' } } });
      const [a, b] = await Promise.all([
        scim.post('/Users', entraUser('dana', { externalId: null })),
        scim.post('/Users', entraUser('other@x.com', { externalId: 'DANA' })),
      ]);
      expect([a.status, b.status]).toEqual([201, 201]);
      const read = await graphql.query(`{ user(id: "${report.id}") { managerId pendingManagerReference } }`);
      expect([a.body.id, b.body.id]).toContain(read.user.managerId);
      expect(read.user.pendingManagerReference).toBeNull();
    }
  });

  it('a cycle is still refused', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'self@x.com');
    expectScimError(
      await scim.operations(`/Users/${user.id}`, [
        { op: 'replace', path: `${ENTERPRISE}:manager`, value: 'self@x.com' },
      ]),
      400,
    );
  });
});

describe('groups and lenient reads', () => {
  it('a group POST under the core Group URN, with bare string members and one unknown member skipped', async () => {
    const { scim, graphql } = await scimTenant(service);
    const user = await createScimUser(scim, 'member@x.com');
    const missing = randomUUID();
    const response = await scim.post('/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      'urn:ietf:params:scim:schemas:core:2.0:Group': { displayName: 'Nested name' },
      members: [user.id, { value: missing }],
    });
    expect(response.status).toBe(201);
    expect(response.body.displayName).toBe('Nested name');
    expect(response.body.members.map((m: { value: string }) => m.value)).toEqual([user.id]);
    expect((await warningsOf(graphql, response.body.id)).join(' ')).toContain(missing);
  });

  it('attributes=emails[type eq "work"] returns only the work emails; /serviceConfiguration is served', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'mails@x.com', {
      emails: [
        { type: 'work', value: 'w@x.com', primary: true },
        { type: 'home', value: 'h@x.com' },
      ],
    });
    const read = await scim.get(`/Users/${user.id}?attributes=${encodeURIComponent('emails[type eq "work"]')}`);
    expect(read.body.emails).toEqual([{ type: 'work', value: 'w@x.com', primary: true }]);
    const excluded = await scim.get(
      `/Users/${user.id}?excludedAttributes=${encodeURIComponent('emails[type eq "work"]')}`,
    );
    expect(excluded.body.emails).toBeUndefined();
    const config = await scim.get('/serviceConfiguration');
    expect(config.status).toBe(200);
    expect(config.body.patch).toEqual({ supported: true });
  });
});
