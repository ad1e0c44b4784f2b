import { randomUUID } from 'node:crypto';
import { startTestService, type TestService } from '../support/harness';
import { createScimGroup, createScimUser, ENTERPRISE, USER_SCHEMA, type ScimClient } from './support/scim-client';
import {
  expectListResponse,
  expectScimError,
  rawRequest,
  scimTenant,
  wireFilter,
  type ScimTenant,
} from './support/scim-suite';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

const usersWhere = (scim: ScimClient, filter: string, extra = '') =>
  scim.get(`/Users?filter=${wireFilter(filter)}${extra}`);
const groupsWhere = (scim: ScimClient, filter: string, extra = '&excludedAttributes=members') =>
  scim.get(`/Groups?filter=${wireFilter(filter)}${extra}`);
const userNames = (resources: any[]) => resources.map((resource) => resource.userName).sort();

describe('C-03 / C-04 Get User by query', () => {
  it('C-03 finds the user by userName as sent on the wire (+ and %22) with the full resource (R-25)', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee');
    await createScimUser(scim, 'someone.else@x.com');
    const response = await scim.get('/Users?filter=userName+eq+%22Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee%22');
    const resources = expectListResponse(response, { totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(resources[0]).toEqual((await scim.get(`/Users/${user.id}`)).body);
    expect(resources[0]).toMatchObject({
      schemas: expect.arrayContaining([USER_SCHEMA]),
      id: user.id,
      externalId: user.externalId,
      userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
      active: true,
      meta: { resourceType: 'User' },
    });
  });

  it('C-04 answers 200 with an empty ListResponse when nothing matches (R-25, P-08)', async () => {
    const { scim } = await scimTenant(service);
    await createScimUser(scim, 'exists@x.com');
    const response = await usersWhere(scim, 'userName eq "non-existent user"');
    expectListResponse(response, { totalResults: 0, startIndex: 1, itemsPerPage: 0 });
    expect(response.body.Resources).toEqual([]);
  });

  it('R-28 accepts raw quotes, %40 for @ and %20 for spaces', async () => {
    const { scim, scimToken } = await scimTenant(service);
    const user = await createScimUser(scim, 'raw.quotes@x.com');
    for (const query of [
      'filter=userName%20eq%20"raw.quotes@x.com"',
      'filter=userName+eq+%22raw.quotes%40x.com%22',
      'filter=userName%20eq%20%22raw.quotes%40x.com%22',
    ]) {
      const response = await rawRequest(service, {
        method: 'GET',
        path: `/scim/Users?${query}`,
        headers: { Authorization: `Bearer ${scimToken}` },
      });
      const resources = expectListResponse(response, { totalResults: 1 });
      expect(resources[0].id).toBe(user.id);
    }
  });

  it('R-27 userName eq ignores the case of the value, the attribute name and the operator', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'Mixed.Case@Contoso.com');
    for (const filter of [
      'userName eq "mixed.case@contoso.com"',
      'USERNAME eq "MIXED.CASE@CONTOSO.COM"',
      'UserName EQ "Mixed.Case@Contoso.com"',
      `urn:ietf:params:scim:schemas:core:2.0:User:userName eq "mixed.case@contoso.com"`,
    ]) {
      const resources = expectListResponse(await usersWhere(scim, filter), { totalResults: 1 });
      expect(resources[0]).toMatchObject({ id: user.id, userName: 'Mixed.Case@Contoso.com' });
    }
  });

  it('R-26a a matching filter returns exactly the one user among many', async () => {
    const { scim } = await scimTenant(service);
    for (const name of ['ann@x.com', 'anna@x.com', 'ann@x.co', 'xann@x.com']) await createScimUser(scim, name);
    const resources = expectListResponse(await usersWhere(scim, 'userName eq "ann@x.com"'), { totalResults: 1 });
    expect(resources[0].userName).toBe('ann@x.com');
  });

  it('R-30 an inactive user is still found by filter, with active: false; active eq false finds it', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'inactive@x.com', { active: false });
    await createScimUser(scim, 'active@x.com');
    expect(
      expectListResponse(await usersWhere(scim, 'userName eq "inactive@x.com"'), { totalResults: 1 })[0],
    ).toMatchObject({
      id: user.id,
      active: false,
    });
    expect(userNames(expectListResponse(await usersWhere(scim, 'active eq false')))).toEqual(['inactive@x.com']);
    expect(userNames(expectListResponse(await usersWhere(scim, 'active eq "False"')))).toEqual(['inactive@x.com']);
  });
});

describe('Q-16 B2B guests', () => {
  it('Q-16 a guest userName with #EXT# round-trips and is matched when # arrives as %23', async () => {
    const { scim } = await scimTenant(service);
    const userName = 'alias_theirdomain.com#EXT#@contoso.onmicrosoft.com';
    const user = await createScimUser(scim, userName);
    expect(user.userName).toBe(userName);
    const resources = expectListResponse(
      await scim.get('/Users?filter=userName+eq+%22alias_theirdomain.com%23EXT%23%40contoso.onmicrosoft.com%22'),
      { totalResults: 1 },
    );
    expect(resources[0]).toMatchObject({ id: user.id, userName });
  });
});

describe('C-17 Test Connection probes', () => {
  it('C-17 a random GUID on /Users and /Groups answers 200 with an empty list, without an Accept header (Q-17)', async () => {
    const { scim, scimToken } = await scimTenant(service);
    await createScimUser(scim, 'probe@x.com');
    await createScimGroup(scim, 'Probe group');
    for (const path of [
      `/scim/Users?filter=userName+eq+%22${randomUUID()}%22`,
      `/scim/Users?filter=externalId+eq+%22${randomUUID()}%22`,
      `/scim/Groups?excludedAttributes=members&filter=displayName+eq+%22${randomUUID()}%22`,
    ]) {
      const response = await rawRequest(service, {
        method: 'GET',
        path,
        headers: { Authorization: `Bearer ${scimToken}` },
      });
      expectListResponse(response, { totalResults: 0 });
    }
  });
});

describe('C-18 / R-26 other matching attributes', () => {
  it('C-18 matches by externalId, quoted or unquoted as in the doc (P-15)', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'jyoung@testuser.com', { externalId: 'jyoung' });
    await createScimUser(scim, 'other@testuser.com', { externalId: 'jyoung2' });
    for (const filter of ['externalId eq "jyoung"', 'externalId eq jyoung', 'EXTERNALID eq "jyoung"']) {
      const resources = expectListResponse(await usersWhere(scim, filter), { totalResults: 1 });
      expect(resources[0].id).toBe(user.id);
    }
  });

  it('C-18 externalId is case-exact (RFC 7643): another case does not match', async () => {
    const { scim } = await scimTenant(service);
    await createScimUser(scim, 'exact@x.com', { externalId: 'AbC-123' });
    expectListResponse(await usersWhere(scim, 'externalId eq "abc-123"'), { totalResults: 0 });
    expectListResponse(await usersWhere(scim, 'externalId eq "AbC-123"'), { totalResults: 1 });
  });

  it('R-26 matches by emails[type eq "work"].value and by emails.value', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'mail1@x.com', {
      emails: [
        { type: 'work', value: 'work.mail@contoso.com', primary: true },
        { type: 'home', value: 'home.mail@contoso.com' },
      ],
    });
    await createScimUser(scim, 'mail2@x.com', { emails: [{ type: 'home', value: 'work.mail@other.com' }] });
    for (const filter of [
      'emails[type eq "work"].value eq "work.mail@contoso.com"',
      'emails[type eq "work" and value eq "WORK.MAIL@contoso.com"]',
      'emails.value eq "home.mail@contoso.com"',
      'emails eq "home.mail@contoso.com"',
    ]) {
      const resources = expectListResponse(await usersWhere(scim, filter), { totalResults: 1 });
      expect(resources[0].id).toBe(user.id);
    }
    expectListResponse(await usersWhere(scim, 'emails[type eq "work"].value eq "home.mail@contoso.com"'), {
      totalResults: 0,
    });
  });

  it('R-26 matches by an enterprise attribute the admin marked as matching (employeeNumber)', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'emp-number@x.com', { [ENTERPRISE]: { employeeNumber: '701984' } });
    await createScimUser(scim, 'emp-number2@x.com', { [ENTERPRISE]: { employeeNumber: '7019840' } });
    const resources = expectListResponse(await usersWhere(scim, `${ENTERPRISE}:employeeNumber eq "701984"`), {
      totalResults: 1,
    });
    expect(resources[0].id).toBe(user.id);
  });

  it('R-53 groups match by displayName (any case, quotes escaped) and by externalId', async () => {
    const { scim } = await scimTenant(service);
    const group = await createScimGroup(scim, 'Sales "EMEA" \\ Team');
    await createScimGroup(scim, 'Sales');
    const byName = expectListResponse(await groupsWhere(scim, 'displayName eq "sales \\"emea\\" \\\\ team"'), {
      totalResults: 1,
    });
    expect(byName[0].id).toBe(group.id);
    const byExternalId = expectListResponse(await groupsWhere(scim, `externalId eq "ext-Sales"`), { totalResults: 1 });
    expect(byExternalId[0].displayName).toBe('Sales');
  });
});

describe('C-21 reference checks', () => {
  it('C-21 id eq X and manager eq Y with attributes=id returns the user with only its id when the manager matches', async () => {
    const { scim } = await scimTenant(service);
    const manager = await createScimUser(scim, 'c21-manager@x.com');
    const other = await createScimUser(scim, 'c21-other@x.com');
    const user = await createScimUser(scim, 'c21@x.com');
    await scim.operations(`/Users/${user.id}`, [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: manager.id }]);
    for (const filter of [
      `id eq ${user.id} and manager eq ${manager.id}`,
      `id eq "${user.id}" and manager eq "${manager.id}"`,
      `manager eq "${manager.id}" and id eq "${user.id}"`,
      `id eq "${user.id}" and ${ENTERPRISE}:manager.value eq "${manager.id}"`,
    ]) {
      const resources = expectListResponse(await usersWhere(scim, filter, '&attributes=id'), { totalResults: 1 });
      expect(resources[0]).toEqual({ id: user.id, schemas: expect.arrayContaining([USER_SCHEMA]) });
    }
    expectListResponse(await usersWhere(scim, `id eq ${user.id} and manager eq ${other.id}`, '&attributes=id'), {
      totalResults: 0,
    });
    expectListResponse(await usersWhere(scim, `id eq ${manager.id} and manager eq ${manager.id}`, '&attributes=id'), {
      totalResults: 0,
    });
  });

  it('C-21 the group form: id eq X and members eq Y with attributes=id', async () => {
    const { scim } = await scimTenant(service);
    const member = await createScimUser(scim, 'c21-member@x.com');
    const outsider = await createScimUser(scim, 'c21-outsider@x.com');
    const group = await createScimGroup(scim, 'C-21', [member.id]);
    const found = expectListResponse(
      await groupsWhere(scim, `id eq "${group.id}" and members eq "${member.id}"`, '&attributes=id'),
      {
        totalResults: 1,
      },
    );
    expect(found[0]).toEqual({ id: group.id, schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'] });
    expectListResponse(
      await groupsWhere(scim, `id eq "${group.id}" and members eq "${outsider.id}"`, '&attributes=id'),
      {
        totalResults: 0,
      },
    );
    expectListResponse(await groupsWhere(scim, `members[value eq "${member.id}"]`, '&attributes=id'), {
      totalResults: 1,
    });
  });

  it('C-21 an id filter with an id we never issue finds nothing (no 400, no 500)', async () => {
    const { scim } = await scimTenant(service);
    await createScimUser(scim, 'c21-any@x.com');
    expectListResponse(await usersWhere(scim, 'id eq "54D382A4-2050-4C03-94D1-E769F1D15682x"'), { totalResults: 0 });
    expectListResponse(await usersWhere(scim, 'id eq "5171a35d82074e068ce2"'), { totalResults: 0 });
    expectListResponse(
      await usersWhere(
        scim,
        `id eq 54D382A4-2050-4C03-94D1-E769F1D15682 and manager eq 2819c223-7f76-453a-919d-413861904646`,
      ),
      { totalResults: 0 },
    );
  });
});

describe('R-29 unsupported filters', () => {
  it('R-29 a user filter we cannot support answers 400 invalidFilter, never a list of everyone', async () => {
    const { scim } = await scimTenant(service);
    await createScimUser(scim, 'everyone1@x.com');
    await createScimUser(scim, 'everyone2@x.com');
    for (const filter of [
      'favouriteColour eq "teal"',
      'userName',
      'userName eq',
      'userName zz "x"',
      '(userName eq "x"',
      'userName eq "x" and',
      'userName eq "x" or or userName eq "y"',
      'emails[type eq "work"',
      'name.nickname eq "x"',
      `${ENTERPRISE}:manager co "x"`,
      'meta.created eq "yesterday"',
      'active eq "maybe"',
      'groups.display eq "x"',
      'userName eq "unterminated',
      'urn:example:unknown:User:attr eq "x"',
    ]) {
      const response = await usersWhere(scim, filter);
      expect({ filter, status: response.status }).toEqual({ filter, status: 400 });
      expectScimError(response, 400, 'invalidFilter');
      expect(response.body.Resources).toBeUndefined();
    }
  });

  it('R-29 P-09 a group filter we cannot support answers 400 invalidFilter, never all groups', async () => {
    const { scim } = await scimTenant(service);
    await createScimGroup(scim, 'G one');
    await createScimGroup(scim, 'G two');
    for (const filter of [
      'members.display eq "x"',
      'owner eq "x"',
      'displayName eq',
      'displayName sw',
      'members[display eq "x"]',
    ]) {
      const response = await groupsWhere(scim, filter);
      expect({ filter, status: response.status }).toEqual({ filter, status: 400 });
      expectScimError(response, 400, 'invalidFilter');
    }
  });
});

describe('R-29 values the database cannot store', () => {
  it('R-29 a filter value with a NUL character (U+0000) finds nothing or answers 400 invalidFilter, never 500', async () => {
    const { scim } = await scimTenant(service);
    await createScimUser(scim, 'nul-filter@x.com');
    for (const filter of ['userName eq "a\u0000b"', 'displayName co "\u0000"', 'externalId sw "x\u0000"']) {
      const response = await usersWhere(scim, filter);
      expect({ filter, status: response.status < 500 }).toEqual({ filter, status: true });
      if (response.status === 200) expectListResponse(response, { totalResults: 0 });
      else expectScimError(response, 400, 'invalidFilter');
    }
    const groups = await groupsWhere(scim, 'displayName eq "a\u0000b"');
    expect(groups.status).toBeLessThan(500);
  });
});

describe('R-28 Q-14 wildcard characters in filter values match literally', () => {
  let tenant: ScimTenant;
  beforeAll(async () => {
    tenant = await scimTenant(service);
    for (const name of [
      'a%b@x.com',
      'a_c@x.com',
      'abc@x.com',
      'aXc@x.com',
      'a*b@x.com',
      'a\\b@x.com',
      "a'b@x.com",
      'a.b@x.com',
      'a?b@x.com',
    ])
      await createScimUser(tenant.scim, name);
  });

  it("R-28 eq with %, _, *, \\, ', . and ? matches only the literal userName", async () => {
    for (const name of ['a%b@x.com', 'a_c@x.com', 'a*b@x.com', 'a\\b@x.com', "a'b@x.com", 'a.b@x.com', 'a?b@x.com']) {
      const escaped = name.replace(/\\/g, '\\\\');
      const resources = expectListResponse(await usersWhere(tenant.scim, `userName eq "${escaped}"`));
      expect({ name, found: userNames(resources) }).toEqual({ name, found: [name] });
    }
  });

  it('R-28 sw, co and ew treat % and _ as characters, not patterns', async () => {
    expect(userNames(expectListResponse(await usersWhere(tenant.scim, 'userName sw "a%"')))).toEqual(['a%b@x.com']);
    expect(userNames(expectListResponse(await usersWhere(tenant.scim, 'userName sw "a_"')))).toEqual(['a_c@x.com']);
    expect(userNames(expectListResponse(await usersWhere(tenant.scim, 'userName co "_"')))).toEqual(['a_c@x.com']);
    expect(userNames(expectListResponse(await usersWhere(tenant.scim, 'userName co "%"')))).toEqual(['a%b@x.com']);
    expect(userNames(expectListResponse(await usersWhere(tenant.scim, 'userName co "\\\\"')))).toEqual(['a\\b@x.com']);
    expect(userNames(expectListResponse(await usersWhere(tenant.scim, 'userName ew "_c@x.com"')))).toEqual([
      'a_c@x.com',
    ]);
    expect(userNames(expectListResponse(await usersWhere(tenant.scim, 'userName co "*"')))).toEqual(['a*b@x.com']);
  });
});

describe('R-31 paging and sorting', () => {
  let tenant: ScimTenant;
  const names = Array.from({ length: 12 }, (_, i) => `page${String(i).padStart(2, '0')}@x.com`);
  beforeAll(async () => {
    tenant = await scimTenant(service);
    // Created in an order unlike their names, so sorting is not the creation order.
    for (const name of [...names].reverse()) {
      const index = names.indexOf(name);
      await createScimUser(tenant.scim, name, {
        name: { givenName: `Given ${index}`, familyName: `Family ${(index * 7) % 12}` },
      });
    }
  });

  it('R-31 pages 12 users with count=5: startIndex 1, 6, 11 (Logic-App SCIM_User_Pagination_Test)', async () => {
    const seen: string[] = [];
    for (const [page, expectedSize] of [5, 5, 2].entries()) {
      const startIndex = page * 5 + 1;
      const resources = expectListResponse(await tenant.scim.get(`/Users?startIndex=${startIndex}&count=5`), {
        totalResults: 12,
        startIndex,
        itemsPerPage: expectedSize,
      });
      seen.push(...resources.map((resource) => resource.userName));
    }
    expect(seen).toHaveLength(12);
    expect([...seen].sort()).toEqual([...names].sort());
  });

  it('R-31 paging with a filter, past the end, with count=0, and with out-of-range values', async () => {
    const filter = `&filter=${wireFilter('userName sw "page0"')}`;
    expectListResponse(await tenant.scim.get(`/Users?startIndex=6&count=5${filter}`), {
      totalResults: 10,
      startIndex: 6,
      itemsPerPage: 5,
    });
    expectListResponse(await tenant.scim.get('/Users?startIndex=50&count=5'), {
      totalResults: 12,
      startIndex: 50,
      itemsPerPage: 0,
    });
    expectListResponse(await tenant.scim.get('/Users?count=0'), { totalResults: 12, itemsPerPage: 0 });
    expectListResponse(await tenant.scim.get('/Users?startIndex=0&count=3'), {
      totalResults: 12,
      startIndex: 1,
      itemsPerPage: 3,
    });
    expectListResponse(await tenant.scim.get('/Users?startIndex=-4&count=-1'), {
      totalResults: 12,
      startIndex: 1,
      itemsPerPage: 0,
    });
    expectListResponse(await tenant.scim.get('/Users?count=100000'), { totalResults: 12, itemsPerPage: 12 });
  });

  it('R-31 a count or startIndex that is not a number answers 400 with a SCIM error', async () => {
    expectScimError(await tenant.scim.get('/Users?count=five'), 400);
    expectScimError(await tenant.scim.get('/Users?startIndex=1.5'), 400);
  });

  it('R-31 sortBy/sortOrder order the whole result before paging', async () => {
    const ascending = expectListResponse(await tenant.scim.get('/Users?sortBy=userName&sortOrder=ascending&count=100'));
    expect(ascending.map((r) => r.userName)).toEqual([...names].sort());
    const descending = expectListResponse(
      await tenant.scim.get('/Users?sortBy=userName&sortOrder=descending&count=100'),
    );
    expect(descending.map((r) => r.userName)).toEqual([...names].sort().reverse());
    const secondPage = expectListResponse(
      await tenant.scim.get('/Users?sortBy=USERNAME&sortOrder=Descending&startIndex=6&count=5'),
    );
    expect(secondPage.map((r) => r.userName)).toEqual([...names].sort().reverse().slice(5, 10));
    const byFamily = expectListResponse(await tenant.scim.get('/Users?sortBy=name.familyName&count=100'));
    const families = byFamily.map((r) => r.name.familyName);
    expect(families).toEqual([...families].sort());
  });

  it('R-31 without sortBy the order is stable across pages (creation order)', async () => {
    const all = expectListResponse(await tenant.scim.get('/Users?count=100')).map((r) => r.id);
    const paged = [
      ...expectListResponse(await tenant.scim.get('/Users?startIndex=1&count=4')),
      ...expectListResponse(await tenant.scim.get('/Users?startIndex=5&count=4')),
      ...expectListResponse(await tenant.scim.get('/Users?startIndex=9&count=4')),
    ].map((r) => r.id);
    expect(paged).toEqual(all);
    expect(expectListResponse(await tenant.scim.get('/Users?count=100'))[0].userName).toBe(names[11]);
  });

  it('R-31 an unsupported sortBy or sortOrder is a 400 SCIM error', async () => {
    expectScimError(await tenant.scim.get('/Users?sortBy=emails[type eq "work"].value'), 400);
    expectScimError(await tenant.scim.get('/Users?sortBy=favouriteColour'), 400);
    expectScimError(await tenant.scim.get('/Users?sortBy=userName&sortOrder=sideways'), 400);
  });

  it('R-31 pages groups too (SCIM_Group_Pagination_Test)', async () => {
    const { scim } = await scimTenant(service);
    for (let i = 0; i < 7; i++) await createScimGroup(scim, `Paged group ${i}`);
    const first = expectListResponse(await scim.get('/Groups?excludedAttributes=members&startIndex=1&count=5'), {
      totalResults: 7,
      itemsPerPage: 5,
    });
    const second = expectListResponse(await scim.get('/Groups?excludedAttributes=members&startIndex=6&count=5'), {
      totalResults: 7,
      startIndex: 6,
      itemsPerPage: 2,
    });
    expect(new Set([...first, ...second].map((g) => g.id)).size).toBe(7);
    const sorted = expectListResponse(
      await scim.get('/Groups?excludedAttributes=members&sortBy=displayName&sortOrder=descending'),
    );
    expect(sorted.map((g) => g.displayName)).toEqual(Array.from({ length: 7 }, (_, i) => `Paged group ${6 - i}`));
  });
});

describe('C-21 attributes and excludedAttributes', () => {
  it('C-21 attributes=id returns only id (and schemas) on a single GET and in a list', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'attrs@x.com', { title: 'T', [ENTERPRISE]: { employeeNumber: '1' } });
    const single = await scim.get(`/Users/${user.id}?attributes=id`);
    expect(single.status).toBe(200);
    expect(single.body).toEqual({ id: user.id, schemas: expect.arrayContaining([USER_SCHEMA]) });
    const list = expectListResponse(await scim.get('/Users?attributes=id'), { totalResults: 1 });
    expect(list[0]).toEqual({ id: user.id, schemas: expect.arrayContaining([USER_SCHEMA]) });
  });

  it('R-25 attributes selects attributes and sub-attributes (any case, URN-qualified too)', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'select@x.com', {
      title: 'T',
      [ENTERPRISE]: { employeeNumber: '7', costCenter: 'C' },
    });
    const response = await scim.get(
      `/Users/${user.id}?attributes=userName,NAME.givenName,emails,${ENTERPRISE}:employeeNumber`,
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: user.id,
      schemas: expect.arrayContaining([USER_SCHEMA, ENTERPRISE]),
      userName: 'select@x.com',
      name: { givenName: 'givenName' },
      emails: user.emails,
      [ENTERPRISE]: { employeeNumber: '7' },
    });
  });

  it('R-25 excludedAttributes leaves attributes out and never removes id', async () => {
    const { scim } = await scimTenant(service);
    const user = await createScimUser(scim, 'exclude@x.com', { title: 'T' });
    const response = await scim.get(`/Users/${user.id}?excludedAttributes=emails,name,title,id`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: user.id, userName: 'exclude@x.com' });
    for (const key of ['emails', 'name', 'title']) expect(response.body).not.toHaveProperty(key);
    const list = expectListResponse(
      await usersWhere(scim, 'userName eq "exclude@x.com"', '&excludedAttributes=emails'),
    );
    expect(list[0]).not.toHaveProperty('emails');
    expect(list[0].userName).toBe('exclude@x.com');
  });
});

describe('other operators (beyond what Entra sends, but never widened)', () => {
  it('R-27 or, not, pr, sw and date comparisons select exactly what they say', async () => {
    const { scim } = await scimTenant(service);
    await createScimUser(scim, 'op1@x.com', { title: 'Engineer' });
    await createScimUser(scim, 'op2@x.com');
    await createScimUser(scim, 'other3@x.com', { title: 'Designer', active: false });
    expect(
      userNames(expectListResponse(await usersWhere(scim, 'userName eq "op1@x.com" or userName eq "other3@x.com"'))),
    ).toEqual(['op1@x.com', 'other3@x.com']);
    expect(userNames(expectListResponse(await usersWhere(scim, 'title pr')))).toEqual(['op1@x.com', 'other3@x.com']);
    expect(userNames(expectListResponse(await usersWhere(scim, 'not (title pr)')))).toEqual(['op2@x.com']);
    expect(userNames(expectListResponse(await usersWhere(scim, 'userName sw "op" and not (active eq true)')))).toEqual(
      [],
    );
    expect(userNames(expectListResponse(await usersWhere(scim, 'active eq true and title eq "engineer"')))).toEqual([
      'op1@x.com',
    ]);
    expectListResponse(await usersWhere(scim, 'meta.created gt "2000-01-01T00:00:00Z"'), { totalResults: 3 });
    expectListResponse(await usersWhere(scim, 'meta.lastModified lt "2000-01-01T00:00:00Z"'), { totalResults: 0 });
  });
});
