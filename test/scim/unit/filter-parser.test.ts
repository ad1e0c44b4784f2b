import { parseFilter } from '../../../scim-facade/filter/parse-filter';
import { expectScimError } from './expect-scim-error';

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('parseFilter', () => {
  it('C-03 parses userName eq with a quoted value', () => {
    expect(parseFilter('userName eq "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee"')).toEqual({
      kind: 'compare',
      path: { attribute: 'userName' },
      operator: 'eq',
      value: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
    });
  });

  it('R-27 reads operators, keywords and literals in any case', () => {
    expect(parseFilter('UserName EQ "a" AND active Eq TRUE')).toEqual({
      kind: 'and',
      filters: [
        { kind: 'compare', path: { attribute: 'UserName' }, operator: 'eq', value: 'a' },
        { kind: 'compare', path: { attribute: 'active' }, operator: 'eq', value: true, raw: 'TRUE' },
      ],
    });
  });

  it('parses every comparison operator and pr', () => {
    for (const operator of ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']) {
      expect(parseFilter(`title ${operator} "x"`)).toMatchObject({ kind: 'compare', operator, value: 'x' });
    }
    expect(parseFilter('title pr')).toEqual({ kind: 'present', path: { attribute: 'title' } });
  });

  it('parses number, boolean and null literals, keeping the token as written', () => {
    expect(parseFilter('x eq 42')).toMatchObject({ value: 42, raw: '42' });
    expect(parseFilter('x eq -1.5e3')).toMatchObject({ value: -1500, raw: '-1.5e3' });
    expect(parseFilter('x eq false')).toMatchObject({ value: false });
    expect(parseFilter('x eq null')).toMatchObject({ value: null });
  });

  it('decodes JSON string escapes', () => {
    expect(parseFilter(String.raw`displayName eq "a\"b\\c\/d\n\u00e9"`)).toMatchObject({ value: 'a"b\\c/d\né' });
  });

  it('keeps a backslash that starts no JSON escape (DOMAIN\\user)', () => {
    expect(parseFilter(String.raw`userName eq "DOMAIN\user"`)).toMatchObject({ value: 'DOMAIN\\user' });
  });

  it('gives and tighter binding than or', () => {
    expect(parseFilter('a eq 1 or b eq 2 and c eq 3')).toEqual({
      kind: 'or',
      filters: [
        { kind: 'compare', path: { attribute: 'a' }, operator: 'eq', value: 1, raw: '1' },
        {
          kind: 'and',
          filters: [
            { kind: 'compare', path: { attribute: 'b' }, operator: 'eq', value: 2, raw: '2' },
            { kind: 'compare', path: { attribute: 'c' }, operator: 'eq', value: 3, raw: '3' },
          ],
        },
      ],
    });
  });

  it('honours parentheses and not', () => {
    expect(parseFilter('(a pr or b pr) and not (c pr)')).toEqual({
      kind: 'and',
      filters: [
        {
          kind: 'or',
          filters: [
            { kind: 'present', path: { attribute: 'a' } },
            { kind: 'present', path: { attribute: 'b' } },
          ],
        },
        { kind: 'not', filter: { kind: 'present', path: { attribute: 'c' } } },
      ],
    });
    expect(parseFilter('NOT(c pr)')).toEqual({ kind: 'not', filter: { kind: 'present', path: { attribute: 'c' } } });
  });

  it('parses sub-attributes and URN-qualified names', () => {
    expect(parseFilter('name.givenName sw "J"')).toMatchObject({
      path: { attribute: 'name', subAttribute: 'givenName' },
    });
    expect(parseFilter(`${enterprise}:manager.value eq "m"`)).toMatchObject({
      path: { uri: enterprise, attribute: 'manager', subAttribute: 'value' },
    });
    expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "u"')).toMatchObject({
      path: { uri: 'urn:ietf:params:scim:schemas:core:2.0:User', attribute: 'userName' },
    });
  });

  it('parses value paths with a filter inside the brackets', () => {
    expect(parseFilter('emails[type eq "work" and value co "@x"]')).toEqual({
      kind: 'valuePath',
      path: { attribute: 'emails' },
      filter: {
        kind: 'and',
        filters: [
          { kind: 'compare', path: { attribute: 'type' }, operator: 'eq', value: 'work' },
          { kind: 'compare', path: { attribute: 'value' }, operator: 'co', value: '@x' },
        ],
      },
    });
  });

  it('R-26 reads emails[type eq "work"].value eq "x" as one element with both conditions', () => {
    expect(parseFilter('emails[type eq "work"].value eq "x@y"')).toEqual({
      kind: 'valuePath',
      path: { attribute: 'emails' },
      filter: {
        kind: 'and',
        filters: [
          { kind: 'compare', path: { attribute: 'type' }, operator: 'eq', value: 'work' },
          { kind: 'compare', path: { attribute: 'value' }, operator: 'eq', value: 'x@y' },
        ],
      },
    });
  });

  it('C-18/Q-14 accepts an unquoted value', () => {
    expect(parseFilter('externalId eq jyoung')).toEqual({
      kind: 'compare',
      path: { attribute: 'externalId' },
      operator: 'eq',
      value: 'jyoung',
      raw: 'jyoung',
    });
  });

  it('C-21 parses the manager reference check with unquoted ids', () => {
    expect(
      parseFilter('id eq 54D382A4-2050-4C03-94D1-E769F1D15682 and manager eq 2819c223-7f76-453a-919d-413861904646'),
    ).toMatchObject({
      kind: 'and',
      filters: [
        { path: { attribute: 'id' }, value: '54D382A4-2050-4C03-94D1-E769F1D15682' },
        { path: { attribute: 'manager' }, value: '2819c223-7f76-453a-919d-413861904646' },
      ],
    });
  });

  it('R-28 tolerates runs of whitespace (a decoded "+" is a space)', () => {
    expect(parseFilter('  userName   eq\t"a"  ')).toMatchObject({ operator: 'eq', value: 'a' });
  });

  describe('refuses what it cannot parse, saying what and where', () => {
    it.each([
      ['', /the filter is empty/],
      ['userName eq', /expected a value after "eq", but the filter ends \(at character 12\)/],
      ['userName xx "a"', /expected an operator .* found "xx/],
      ['userName eq "a', /no closing double quote \(at character 13\)/],
      ['(userName eq "a"', /expected "\)" to close the "\(" at character 1/],
      ['emails[type eq "work"', /expected "]" to close the "\[" at character 7/],
      ['userName eq "a" nor x pr', /expected "and", "or" or the end of the filter/],
      ['userName eq "a" and', /expected an attribute name, found the end/],
      ['emails[x[y eq 1]]', /cannot contain another \[ \]/],
      ['emails[name.x eq 1]', /inside \[ \] name a sub-attribute/],
      ['a.b.c eq 1', /is not an attribute path/],
      ['name.givenName[x eq 1]', /must follow an attribute name/],
      ['userName', /expected an operator/],
      ['"userName" eq "a"', /expected an attribute name/],
      ['not (a pr', /expected "\)"/],
    ])('%j', (filter, detail) => {
      expectScimError(() => parseFilter(filter), 'invalidFilter', detail);
    });

    it('refuses nesting deeper than 32 levels', () => {
      expectScimError(
        () => parseFilter(`${'('.repeat(40)}a pr${')'.repeat(40)}`),
        'invalidFilter',
        /nests more than 32/,
      );
    });
  });
});
