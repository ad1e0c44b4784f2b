import { parseFilter } from '../../../scim-facade/filter/parse-filter';
import { translateGroupFilter } from '../../../scim-facade/filter/translate-group-filter';
import { translateUserFilter } from '../../../scim-facade/filter/translate-user-filter';
import { expectScimError } from './expect-scim-error';

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const userFilter = (filter: string) => translateUserFilter(parseFilter(filter));
const groupFilter = (filter: string) => translateGroupFilter(parseFilter(filter));

describe('translateUserFilter', () => {
  it('C-03/R-27 userName eq becomes a case-insensitive StringFilter', () => {
    expect(userFilter('userName eq "Test_User"')).toEqual({ userName: { eq: 'Test_User' } });
    expect(userFilter('USERNAME EQ "x"')).toEqual({ userName: { eq: 'x' } });
  });

  it('R-26/P-15 externalId eq compares case-sensitively (caseExact)', () => {
    expect(userFilter('externalId eq "0a21f0f2"')).toEqual({ externalId: { eq: '0a21f0f2', caseSensitive: true } });
  });

  it('C-18 accepts an unquoted value', () => {
    expect(userFilter('externalId eq jyoung')).toEqual({ externalId: { eq: 'jyoung', caseSensitive: true } });
  });

  it('maps every SCIM operator to its StringFilter operator', () => {
    expect(userFilter('title ne "a"')).toEqual({ title: { ne: 'a' } });
    expect(userFilter('title co "a"')).toEqual({ title: { contains: 'a' } });
    expect(userFilter('title sw "a"')).toEqual({ title: { startsWith: 'a' } });
    expect(userFilter('title ew "a"')).toEqual({ title: { endsWith: 'a' } });
    expect(userFilter('title gt "a"')).toEqual({ title: { gt: 'a' } });
    expect(userFilter('title ge "a"')).toEqual({ title: { gte: 'a' } });
    expect(userFilter('title lt "a"')).toEqual({ title: { lt: 'a' } });
    expect(userFilter('title le "a"')).toEqual({ title: { lte: 'a' } });
    expect(userFilter('title pr')).toEqual({ title: { present: true } });
  });

  it('keeps wildcard characters as plain characters', () => {
    expect(userFilter('displayName co "50%_off*"')).toEqual({ displayName: { contains: '50%_off*' } });
  });

  it('reads eq null as absent and ne null as present', () => {
    expect(userFilter('nickName eq null')).toEqual({ nickName: { present: false } });
    expect(userFilter('nickName ne null')).toEqual({ nickName: { present: true } });
    expectScimError(() => userFilter('nickName co null'), 'invalidFilter', /cannot compare "nickName" with null/);
  });

  it('maps the same-name string attributes', () => {
    for (const name of [
      'displayName',
      'nickName',
      'profileUrl',
      'title',
      'userType',
      'preferredLanguage',
      'locale',
      'timezone',
    ]) {
      expect(userFilter(`${name} eq "v"`)).toEqual({ [name]: { eq: 'v' } });
    }
  });

  it('maps name sub-attributes', () => {
    expect(userFilter('name.givenName eq "a"')).toEqual({ givenName: { eq: 'a' } });
    expect(userFilter('name.familyName eq "a"')).toEqual({ familyName: { eq: 'a' } });
    expect(userFilter('name.middleName eq "a"')).toEqual({ middleName: { eq: 'a' } });
    expect(userFilter('name.formatted eq "a"')).toEqual({ formattedName: { eq: 'a' } });
  });

  it('maps id to an IdFilter that supports eq, ne and pr only', () => {
    expect(userFilter('id eq "u1"')).toEqual({ id: { eq: 'u1' } });
    expect(userFilter('id ne "u1"')).toEqual({ id: { ne: 'u1' } });
    expect(userFilter('id pr')).toEqual({ id: { present: true } });
    expectScimError(() => userFilter('id co "u"'), 'invalidFilter', /"co" is not supported on "id"/);
  });

  it("R-38 maps active, reading Entra's string booleans; pr holds for everyone", () => {
    expect(userFilter('active eq true')).toEqual({ active: true });
    expect(userFilter('active eq "False"')).toEqual({ active: false });
    expect(userFilter('active ne true')).toEqual({ not: { active: true } });
    expect(userFilter('active pr')).toEqual({ id: { present: true } });
    expectScimError(() => userFilter('active eq "yes"'), 'invalidFilter', /true or false/);
    expectScimError(() => userFilter('active gt true'), 'invalidFilter', /"gt" is not supported on "active"/);
  });

  it('maps emails eq and emails.value to the emails value', () => {
    expect(userFilter('emails eq "a@x"')).toEqual({ emails: { value: { eq: 'a@x' } } });
    expect(userFilter('emails.value co "@x"')).toEqual({ emails: { value: { contains: '@x' } } });
    expect(userFilter('emails.type eq "work"')).toEqual({ emails: { type: { eq: 'work' } } });
    expect(userFilter('emails.primary eq true')).toEqual({ emails: { primary: true } });
    expect(userFilter('emails pr')).toEqual({ emails: { value: { present: true } } });
  });

  it('R-26 puts both conditions of emails[type eq "work"].value eq "x" on one element', () => {
    expect(userFilter('emails[type eq "work"].value eq "x@y"')).toEqual({
      emails: { type: { eq: 'work' }, value: { eq: 'x@y' } },
    });
  });

  it('keeps and/or/not inside a value path on the element', () => {
    expect(userFilter('emails[type eq "work" or not (value ew ".org")]')).toEqual({
      emails: { or: [{ type: { eq: 'work' } }, { not: { value: { endsWith: '.org' } } }] },
    });
  });

  it('tests separate conditions on a multi-valued attribute against any element each', () => {
    expect(userFilter('emails.type eq "work" and emails.value eq "x"')).toEqual({
      emails: { type: { eq: 'work' } },
      and: [{ emails: { value: { eq: 'x' } } }],
    });
  });

  it('maps phoneNumbers and roles like emails', () => {
    expect(userFilter('phoneNumbers[type eq "mobile"].value eq "555"')).toEqual({
      phoneNumbers: { type: { eq: 'mobile' }, value: { eq: '555' } },
    });
    expect(userFilter('roles[primary eq "True"].display eq "Admin"')).toEqual({
      roles: { primary: true, display: { eq: 'Admin' } },
    });
  });

  it('maps address sub-attributes to an AddressFilterInput', () => {
    expect(userFilter('addresses[type eq "work"].postalCode eq "1234"')).toEqual({
      addresses: { type: { eq: 'work' }, postalCode: { eq: '1234' } },
    });
    expect(userFilter('addresses.country eq "ML"')).toEqual({ addresses: { country: { eq: 'ML' } } });
    expect(userFilter('addresses pr')).toMatchObject({
      addresses: { or: expect.arrayContaining([{ country: { present: true } }]) },
    });
    expectScimError(() => userFilter('addresses eq "x"'), 'invalidFilter', /"addresses" is not supported/);
  });

  it('maps the enterprise attributes, URN-qualified or not', () => {
    expect(userFilter(`${enterprise}:employeeNumber eq "701984"`)).toEqual({ employeeNumber: { eq: '701984' } });
    expect(userFilter('costCenter eq "4130"')).toEqual({ costCenter: { eq: '4130' } });
    expect(userFilter(`${enterprise}:organization eq "U"`)).toEqual({ organization: { eq: 'U' } });
    expect(userFilter(`${enterprise}:division eq "T"`)).toEqual({ division: { eq: 'T' } });
    expect(userFilter(`${enterprise}:department eq "Tour Operations"`)).toEqual({
      departmentName: { eq: 'Tour Operations' },
    });
    expect(userFilter('employeeNumber eq 701984')).toEqual({ employeeNumber: { eq: '701984' } });
  });

  it('C-21 maps manager and manager.value to managerId', () => {
    expect(
      userFilter('id eq 54D382A4-2050-4C03-94D1-E769F1D15682 and manager eq 2819c223-7f76-453a-919d-413861904646'),
    ).toEqual({
      id: { eq: '54D382A4-2050-4C03-94D1-E769F1D15682' },
      managerId: { eq: '2819c223-7f76-453a-919d-413861904646' },
    });
    expect(userFilter(`${enterprise}:manager.value eq "m"`)).toEqual({ managerId: { eq: 'm' } });
    expect(userFilter('manager pr')).toEqual({ managerId: { present: true } });
    expectScimError(() => userFilter('manager.displayName eq "Boss"'), 'invalidFilter', /manager.displayName/);
  });

  it("maps a user's groups to memberOf, eq only", () => {
    expect(userFilter('groups eq "g1"')).toEqual({ memberOf: { groupId: 'g1' } });
    expect(userFilter('groups.value eq "g1"')).toEqual({ memberOf: { groupId: 'g1' } });
    expectScimError(() => userFilter('groups ne "g1"'), 'invalidFilter', /supports only eq/);
    expectScimError(() => userFilter('groups.display eq "x"'), 'invalidFilter', /"groups.display" is not supported/);
  });

  it('maps meta.created and meta.lastModified to DateTimeFilters', () => {
    expect(userFilter('meta.lastModified gt "2011-05-13T04:42:34Z"')).toEqual({
      updatedAt: { gt: '2011-05-13T04:42:34.000Z' },
    });
    expect(userFilter('meta.created ge "2024-01-31T10:00:00+01:00"')).toEqual({
      createdAt: { gte: '2024-01-31T09:00:00.000Z' },
    });
    expect(userFilter('meta.created lt "2024-01-31"')).toEqual({ createdAt: { lt: '2024-01-31T00:00:00.000Z' } });
    expect(userFilter('meta.created le "2024-01-31T10:00:00"')).toEqual({
      createdAt: { lte: '2024-01-31T10:00:00.000Z' },
    });
    expect(userFilter('meta.created eq "2024-01-31T10:00:00.5+0100"')).toEqual({
      createdAt: { eq: '2024-01-31T09:00:00.500Z' },
    });
    expect(userFilter('meta.created ne "2024-01-31"')).toEqual({
      not: { createdAt: { eq: '2024-01-31T00:00:00.000Z' } },
    });
    expect(userFilter('meta.created pr')).toEqual({ id: { present: true } });
  });

  it('refuses invalid dates and text operators on dates', () => {
    for (const date of ['"yesterday"', '"2024-02-30"', '"2024-13-01"', '42', 'null', '"2024-01-01T10:00:61Z"']) {
      expectScimError(() => userFilter(`meta.created gt ${date}`), 'invalidFilter', /needs a date-time/);
    }
    expectScimError(() => userFilter('meta.created co "2024"'), 'invalidFilter', /"co" is not supported/);
  });

  it('translates and, or and not', () => {
    expect(userFilter('userName eq "a" or (title eq "b" and not (active eq false))')).toEqual({
      or: [{ userName: { eq: 'a' } }, { title: { eq: 'b' }, not: { active: false } }],
    });
  });

  it('R-29/P-09 refuses unknown and untranslatable attributes instead of widening the filter', () => {
    expectScimError(() => userFilter('foo eq "x"'), 'invalidFilter', /"foo" is not an attribute of a User/);
    expectScimError(() => userFilter('userName eq "a" or foo eq "x"'), 'invalidFilter', /"foo"/);
    expectScimError(() => userFilter('name.honorificPrefix eq "Dr"'), 'invalidFilter', /name.honorificPrefix/);
    expectScimError(() => userFilter('name eq "x"'), 'invalidFilter', /"name" is not supported/);
    expectScimError(() => userFilter('meta.version eq "W/1"'), 'invalidFilter', /meta.version/);
    expectScimError(() => userFilter('emails[bogus eq "x"]'), 'invalidFilter', /"bogus" is not an attribute/);
    expectScimError(() => userFilter('members eq "x"'), 'invalidFilter', /"members" is not an attribute of a User/);
    expectScimError(() => userFilter('urn:example:custom:2.0:User:shoeSize eq "9"'), 'invalidFilter', /shoeSize/);
  });
});

describe('translateGroupFilter', () => {
  it('C-11 displayName eq becomes a case-insensitive StringFilter', () => {
    expect(groupFilter('displayName eq "displayName"')).toEqual({ displayName: { eq: 'displayName' } });
  });

  it('externalId compares case-sensitively; id is an IdFilter', () => {
    expect(groupFilter('externalId eq "8aa1"')).toEqual({ externalId: { eq: '8aa1', caseSensitive: true } });
    expect(groupFilter('id eq "g1"')).toEqual({ id: { eq: 'g1' } });
  });

  it('C-21 maps members and members.value to a member id', () => {
    expect(groupFilter('id eq "g1" and members eq "u1"')).toEqual({ id: { eq: 'g1' }, members: { id: { eq: 'u1' } } });
    expect(groupFilter('members.value eq "u1"')).toEqual({ members: { id: { eq: 'u1' } } });
    expect(groupFilter('members.type eq "User"')).toEqual({ members: { type: { eq: 'User' } } });
    expect(groupFilter('members pr')).toEqual({ members: { id: { present: true } } });
  });

  it('maps a members value path whose conditions fit one member', () => {
    expect(groupFilter('members[value eq "u1" and type eq "User"]')).toEqual({
      members: { id: { eq: 'u1' }, type: { eq: 'User' } },
    });
    expectScimError(() => groupFilter('members[value eq "a" or value eq "b"]'), 'invalidFilter', /joined by "and"/);
    expectScimError(() => groupFilter('members[value eq "a" and value eq "b"]'), 'invalidFilter', /twice/);
    expectScimError(() => groupFilter('members[display eq "a"]'), 'invalidFilter', /members.display|"display"/);
  });

  it('maps meta timestamps', () => {
    expect(groupFilter('meta.created gt "2024-01-01T00:00:00Z"')).toEqual({
      createdAt: { gt: '2024-01-01T00:00:00.000Z' },
    });
  });

  it('R-29 refuses what a group does not have', () => {
    expectScimError(() => groupFilter('userName eq "a"'), 'invalidFilter', /not an attribute of a Group/);
    expectScimError(() => groupFilter('members.display eq "a"'), 'invalidFilter', /members.display/);
    expectScimError(() => groupFilter('members co "a"'), 'invalidFilter', /"co" is not supported/);
  });
});
