import { parsePatchRequest } from '../../../scim-facade/patch/parse-patch-request';
import type { PatchOperation } from '../../../scim-facade/patch/patch-operation';
import { expectScimError } from './expect-scim-error';

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const body = (...Operations: unknown[]) => ({ schemas: [patchOp], Operations });

/** The parts of an operation a reader cares about: op, canonical path, filter presence, value. */
function summary(operation: PatchOperation) {
  return {
    op: operation.op,
    path: operation.path.attribute.canonicalPath,
    ...(operation.path.filter ? { filtered: true } : {}),
    ...('value' in operation ? { value: operation.value } : {}),
  };
}
const userOps = (request: unknown) => parsePatchRequest(request, 'User').map(summary);

describe('parsePatchRequest', () => {
  it('P-01/R-32 reads op in any case', () => {
    expect(
      userOps(
        body(
          { op: 'Add', path: 'nickName', value: 'a' },
          { op: 'REPLACE', path: 'title', value: 'b' },
          { op: 'Remove', path: 'locale' },
        ),
      ),
    ).toEqual([
      { op: 'add', path: 'nickName', value: 'a' },
      { op: 'replace', path: 'title', value: 'b' },
      { op: 'remove', path: 'locale' },
    ]);
  });

  it('is lenient about schemas, key order and the case of member names', () => {
    expect(userOps({ operations: [{ Op: 'replace', Path: 'title', Value: 'x' }] })).toEqual([
      { op: 'replace', path: 'title', value: 'x' },
    ]);
    expect(
      userOps({ Operations: [{ value: 'x', path: 'title', op: 'replace' }], schemas: [patchOp, 'urn:example:extra'] }),
    ).toEqual([{ op: 'replace', path: 'title', value: 'x' }]);
  });

  it('C-07/C-40 Q-02/P-02/R-36 coerces string booleans for boolean attributes', () => {
    for (const [sent, expected] of [
      ['False', false],
      ['True', true],
      ['false', false],
      ['TRUE', true],
      [false, false],
    ] as const) {
      expect(userOps(body({ op: 'Replace', path: 'active', value: sent }))).toEqual([
        { op: 'replace', path: 'active', value: expected },
      ]);
    }
    expectScimError(
      () => userOps(body({ op: 'replace', path: 'active', value: 'yes' })),
      'invalidValue',
      /true or false/,
    );
  });

  it('P-20 unwraps a single value sent as [{"value": x}] or {"value": x}', () => {
    expect(userOps(body({ op: 'replace', path: 'title', value: [{ $ref: null, value: 'Boss' }] }))).toEqual([
      { op: 'replace', path: 'title', value: 'Boss' },
    ]);
    expect(userOps(body({ op: 'replace', path: 'active', value: { value: 'False' } }))).toEqual([
      { op: 'replace', path: 'active', value: false },
    ]);
    expectScimError(
      () => userOps(body({ op: 'replace', path: 'title', value: ['a', 'b'] })),
      'invalidValue',
      /takes one value, not a list of 2/,
    );
  });

  it('Q-15 turns "" into null (clear)', () => {
    expect(userOps(body({ op: 'replace', path: 'title', value: '' }))).toEqual([
      { op: 'replace', path: 'title', value: null },
    ]);
  });

  it('C-42/Q-04/R-37 expands a path-less replace with dotted and URN keys into one operation per attribute', () => {
    expect(
      userOps(
        body(
          { op: 'replace', path: 'emails[type eq "work"].value', value: 'TestMhvaes@test.microsoft.com' },
          {
            op: 'replace',
            value: {
              displayName: 'Bjfe',
              'name.givenName': 'Kkom',
              'name.familyName': 'Unua',
              [`${enterprise}:employeeNumber`]: 'Aklq',
            },
          },
        ),
      ),
    ).toEqual([
      { op: 'replace', path: 'emails.value', filtered: true, value: 'TestMhvaes@test.microsoft.com' },
      { op: 'replace', path: 'displayName', value: 'Bjfe' },
      { op: 'replace', path: 'name.givenName', value: 'Kkom' },
      { op: 'replace', path: 'name.familyName', value: 'Unua' },
      { op: 'replace', path: `${enterprise}:employeeNumber`, value: 'Aklq' },
    ]);
  });

  it('P-04 expands extension URN objects and core-URN-qualified keys; ignores unknown and read-only keys', () => {
    expect(
      userOps(
        body({
          op: 'add',
          value: {
            [enterprise]: { department: 'Tour Operations', manager: 'm1', shoeSize: 9 },
            'urn:ietf:params:scim:schemas:core:2.0:User:userName': 'bjensen',
            'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:CustomAttribute': '701984',
            id: 'ignored',
            meta: { resourceType: 'User' },
            schemas: ['x'],
            'not a path': 1,
            NAME: { GivenName: 'Barbara', bogus: 1 },
          },
        }),
      ),
    ).toEqual([
      { op: 'add', path: `${enterprise}:department`, value: 'Tour Operations' },
      { op: 'add', path: `${enterprise}:manager`, value: { value: 'm1' } },
      { op: 'add', path: 'userName', value: 'bjensen' },
      { op: 'add', path: 'name', value: { givenName: 'Barbara' } },
    ]);
  });

  it('ignores keys such as __proto__ and constructor in JSON bodies', () => {
    const request = JSON.parse(
      '{"Operations":[{"op":"add","value":{"__proto__":{"polluted":true},"constructor":{"x":1},"title":"t"}}]}',
    );
    expect(userOps(request)).toEqual([{ op: 'add', path: 'title', value: 't' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('treats a path that is the extension URN like a path-less value within it', () => {
    expect(userOps(body({ op: 'replace', path: enterprise, value: { costCenter: '4130' } }))).toEqual([
      { op: 'replace', path: `${enterprise}:costCenter`, value: '4130' },
    ]);
  });

  it('parses value-filter paths with canonical sub-attribute names (C-35 sends "Value")', () => {
    const [operation] = parsePatchRequest(
      body({ op: 'Add', path: 'EMAILS[TYPE eq "other"].Value', value: 'a@x' }),
      'User',
    );
    expect(operation!.path.attribute.canonicalPath).toBe('emails.value');
    expect(operation!.path.filter).toEqual({
      kind: 'compare',
      path: { attribute: 'type' },
      operator: 'eq',
      value: 'other',
    });
  });

  it('C-22/R-40 accepts every manager form', () => {
    const managerPath = `${enterprise}:manager`;
    expect(userOps(body({ op: 'add', path: managerPath, value: 'm1' }))).toEqual([
      { op: 'add', path: managerPath, value: { value: 'm1' } },
    ]);
    expect(userOps(body({ op: 'Add', path: 'manager', value: [{ $ref: 'http://x/Users/m1', value: 'm1' }] }))).toEqual([
      { op: 'add', path: managerPath, value: { $ref: 'http://x/Users/m1', value: 'm1' } },
    ]);
    expect(userOps(body({ op: 'replace', path: managerPath, value: '' }))).toEqual([
      { op: 'replace', path: managerPath, value: null },
    ]);
    expect(userOps(body({ op: 'replace', path: `${managerPath}.value`, value: 'm2' }))).toEqual([
      { op: 'replace', path: `${managerPath}.value`, value: 'm2' },
    ]);
  });

  it('R-21 ignores an add to an attribute the service does not store', () => {
    expect(userOps(body({ op: 'add', path: 'urn:example:custom:2.0:User:shoeSize', value: '9' }))).toEqual([]);
    expect(userOps(body({ op: 'add', path: 'x509Certificates', value: [{ value: 'x' }] }))).toEqual([]);
  });

  it('refuses to replace or remove an unknown path', () => {
    expectScimError(
      () => userOps(body({ op: 'replace', path: 'shoeSize', value: '9' })),
      'invalidPath',
      /Operations\[0\]: "shoeSize" is not an attribute of a User/,
    );
    expectScimError(() => userOps(body({ op: 'remove', path: 'emails.bogus' })), 'invalidPath', /emails.bogus/);
  });

  it('refuses writes to read-only attributes', () => {
    expectScimError(() => userOps(body({ op: 'replace', path: 'id', value: 'x' })), 'mutability', /"id" is read-only/);
    expectScimError(() => userOps(body({ op: 'remove', path: 'groups' })), 'mutability', /"groups" is read-only/);
    expectScimError(() => userOps(body({ op: 'add', path: 'meta.created', value: 'x' })), 'mutability');
    expectScimError(
      () => userOps(body({ op: 'replace', path: `${enterprise}:manager.displayName`, value: 'x' })),
      'mutability',
    );
  });

  it('refuses to remove or empty a required attribute', () => {
    expectScimError(() => userOps(body({ op: 'remove', path: 'userName' })), 'invalidValue', /"userName" is required/);
    expectScimError(() => userOps(body({ op: 'replace', path: 'userName', value: '' })), 'invalidValue', /required/);
  });

  it('refuses a sub-attribute of every element and a filter on a single-valued attribute', () => {
    expectScimError(
      () => userOps(body({ op: 'replace', path: 'emails.value', value: 'x' })),
      'invalidPath',
      /emails\[type eq/,
    );
    expectScimError(
      () => userOps(body({ op: 'replace', path: 'manager[value eq "x"]', value: 'x' })),
      'invalidPath',
      /only multi-valued attributes take a \[ \] filter/,
    );
    expectScimError(
      () => userOps(body({ op: 'replace', path: 'emails[kind eq "work"].value', value: 'x' })),
      'invalidPath',
      /"kind" is not a sub-attribute of emails/,
    );
    expectScimError(
      () => userOps(body({ op: 'replace', path: 'emails[primary co "x"].value', value: 'x' })),
      'invalidPath',
      /true or false/,
    );
  });

  it('refuses malformed bodies with actionable details', () => {
    expectScimError(() => parsePatchRequest('nope', 'User'), 'invalidSyntax', /JSON object/);
    expectScimError(() => parsePatchRequest({ schemas: [patchOp] }, 'User'), 'invalidSyntax', /"Operations" array/);
    expectScimError(() => userOps(body('x')), 'invalidSyntax', /Operations\[0\] must be an object/);
    expectScimError(() => userOps(body({ op: 'merge', path: 'title', value: 'x' })), 'invalidSyntax', /"merge"/);
    expectScimError(() => userOps(body({ op: 'add', path: 'title' })), 'invalidValue', /needs a "value"/);
    expectScimError(() => userOps(body({ op: 'remove' })), 'noTarget', /needs a "path"/);
    expectScimError(() => userOps(body({ op: 'replace', value: 'x' })), 'invalidValue', /object whose keys/);
    expectScimError(() => userOps(body({ op: 'replace', path: 7, value: 'x' })), 'invalidPath', /must be a string/);
    expectScimError(
      () =>
        userOps(
          body({ op: 'replace', path: 'title', value: 'x' }, { op: 'replace', path: 'emails[type eq', value: 'x' }),
        ),
      'invalidPath',
      /^Operations\[1\]: Invalid path "emails\[type eq": expected a value after "eq"/,
    );
    expectScimError(() => userOps(body({ op: 'replace', path: 'name', value: 5 })), 'invalidValue', /takes an object/);
    expectScimError(
      () => userOps(body({ op: 'replace', path: 'title', value: { x: 1 } })),
      'invalidValue',
      /single value/,
    );
  });

  it('parses group operations against the Group schema', () => {
    const groupOps = (request: unknown) => parsePatchRequest(request, 'Group').map(summary);
    expect(groupOps(body({ op: 'replace', value: { id: 'g1', displayName: 'New name' } }))).toEqual([
      { op: 'replace', path: 'displayName', value: 'New name' },
    ]);
    expect(groupOps(body({ op: 'Add', path: 'members', value: [{ $ref: null, value: 'u1' }] }))).toEqual([
      { op: 'add', path: 'members', value: [{ value: 'u1' }] },
    ]);
    expectScimError(() => groupOps(body({ op: 'replace', path: 'userName', value: 'x' })), 'invalidPath');
    expectScimError(() => groupOps(body({ op: 'remove', path: 'displayName' })), 'invalidValue', /required/);
  });
});
