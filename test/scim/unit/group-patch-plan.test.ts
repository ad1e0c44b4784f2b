import { parsePatchRequest } from '../../../scim-facade/patch/parse-patch-request';
import { planGroupPatch } from '../../../scim-facade/patch/plan-group-patch';
import { expectScimError } from './expect-scim-error';

const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const plan = (...Operations: unknown[]) =>
  planGroupPatch(parsePatchRequest({ schemas: [patchOp], Operations }, 'Group'));
const noMemberChange = { kind: 'delta', add: [], remove: [] };

describe('planGroupPatch', () => {
  it('C-12/R-54 renames the group without touching members', () => {
    expect(
      plan({ op: 'Replace', path: 'displayName', value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName' }),
    ).toEqual({
      displayName: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName',
      members: noMemberChange,
    });
  });

  it('Q-04/P-10 a path-less rename, with or without id, never touches members', () => {
    expect(plan({ op: 'replace', value: { displayName: 'Renamed' } })).toEqual({
      displayName: 'Renamed',
      members: noMemberChange,
    });
    expect(plan({ op: 'replace', value: { id: 'g1', displayName: 'Renamed' } })).toEqual({
      displayName: 'Renamed',
      members: noMemberChange,
    });
  });

  it('C-13/R-55 adds a member (default dialect, $ref null)', () => {
    expect(
      plan({ op: 'Add', path: 'members', value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }] }).members,
    ).toEqual({
      kind: 'delta',
      add: ['f648f8d5ea4e4cd38e9c'],
      remove: [],
    });
  });

  it('C-44 adds a member (flag dialect)', () => {
    expect(
      plan({ op: 'add', path: 'members', value: [{ value: '10263a6910a84ef9a581dd9b8dcc0eae' }] }).members,
    ).toEqual({
      kind: 'delta',
      add: ['10263a6910a84ef9a581dd9b8dcc0eae'],
      remove: [],
    });
  });

  it('O-01 adds many members in one operation, each once', () => {
    const ids = Array.from({ length: 150 }, (_, index) => `u${index}`);
    const result = plan({
      op: 'Add',
      path: 'members',
      value: [...ids, 'u0', 'u1'].map((value) => ({ value, type: 'User' })),
    });
    expect(result.members).toEqual({ kind: 'delta', add: ids, remove: [] });
  });

  it('C-14/P-03/R-56 removes only the listed members', () => {
    expect(
      plan({ op: 'Remove', path: 'members', value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }] }).members,
    ).toEqual({
      kind: 'delta',
      add: [],
      remove: ['f648f8d5ea4e4cd38e9c'],
    });
  });

  it('P-03 a remove whose value lists nobody removes nobody', () => {
    expect(plan({ op: 'Remove', path: 'members', value: [] }).members).toEqual(noMemberChange);
    expect(plan({ op: 'Remove', path: 'members', value: null }).members).toEqual(noMemberChange);
  });

  it('C-43 removes a member in both dialects', () => {
    expect(plan({ op: 'Remove', path: 'members', value: [{ value: 'u1091' }] }).members).toEqual({
      kind: 'delta',
      add: [],
      remove: ['u1091'],
    });
    expect(plan({ op: 'remove', path: 'members[value eq "7f4bc1a3-285e-48ae-8202-5accb43efb0e"]' }).members).toEqual({
      kind: 'delta',
      add: [],
      remove: ['7f4bc1a3-285e-48ae-8202-5accb43efb0e'],
    });
  });

  it('R-57 removes members selected by value eq, several joined by or', () => {
    expect(plan({ op: 'remove', path: 'members[value eq "a" or value eq "b"]' }).members).toEqual({
      kind: 'delta',
      add: [],
      remove: ['a', 'b'],
    });
  });

  it('R-58 remove members without a value removes all, then later adds form the new list', () => {
    expect(plan({ op: 'remove', path: 'members' }).members).toEqual({ kind: 'replace', ids: [] });
    expect(
      plan(
        { op: 'add', path: 'members', value: [{ value: 'before' }] },
        { op: 'remove', path: 'members' },
        { op: 'add', path: 'members', value: [{ value: 'a' }, { value: 'b' }] },
        { op: 'remove', path: 'members', value: [{ value: 'b' }] },
      ).members,
    ).toEqual({ kind: 'replace', ids: ['a'] });
  });

  it('Q-13/O-02 replace members is a full replacement (RFC 7644)', () => {
    expect(plan({ op: 'replace', path: 'members', value: [{ value: '673' }] }).members).toEqual({
      kind: 'replace',
      ids: ['673'],
    });
    expect(plan({ op: 'replace', path: 'members', value: [] }).members).toEqual({ kind: 'replace', ids: [] });
    expect(plan({ op: 'replace', value: { members: [{ value: 'x' }] } }).members).toEqual({
      kind: 'replace',
      ids: ['x'],
    });
  });

  it('nets add-then-remove to remove and remove-then-add to add', () => {
    expect(
      plan(
        { op: 'add', path: 'members', value: [{ value: 'x' }] },
        { op: 'remove', path: 'members', value: [{ value: 'x' }] },
      ).members,
    ).toEqual({ kind: 'delta', add: [], remove: ['x'] });
    expect(
      plan({ op: 'remove', path: 'members[value eq "x"]' }, { op: 'add', path: 'members', value: [{ value: 'x' }] })
        .members,
    ).toEqual({ kind: 'delta', add: ['x'], remove: [] });
  });

  it('sets and clears externalId; the last displayName wins', () => {
    expect(
      plan(
        { op: 'replace', path: 'externalId', value: 'e1' },
        { op: 'replace', path: 'displayName', value: 'first' },
        { op: 'replace', value: { displayName: 'second' } },
      ),
    ).toEqual({ externalId: 'e1', displayName: 'second', members: noMemberChange });
    expect(plan({ op: 'remove', path: 'externalId' }).externalId).toBeNull();
    expect(plan({ op: 'replace', path: 'externalId', value: '' }).externalId).toBeNull();
  });

  it('refuses to remove or empty displayName', () => {
    expectScimError(() => plan({ op: 'remove', path: 'displayName' }), 'invalidValue', /required/);
    expectScimError(() => plan({ op: 'replace', path: 'displayName', value: '' }), 'invalidValue', /required/);
  });

  it('refuses member operations it cannot fold exactly', () => {
    expectScimError(
      () => plan({ op: 'add', path: 'members', value: [{ display: 'no id' }] }),
      'invalidValue',
      /needs "value"/,
    );
    expectScimError(
      () => plan({ op: 'remove', path: 'members[type eq "User"]' }),
      'invalidFilter',
      /selected only by id/,
    );
    expectScimError(() => plan({ op: 'add', path: 'members[value eq "x"]', value: { value: 'x' } }), 'invalidPath');
    expectScimError(() => plan({ op: 'replace', path: 'members[value eq "x"].type', value: 'Group' }), 'invalidPath');
    expectScimError(() => plan({ op: 'replace', path: 'members[value eq "x"].display', value: 'x' }), 'mutability');
    expectScimError(() => plan({ op: 'remove', path: 'members.value' }), 'invalidPath');
    expectScimError(() => plan({ op: 'replace', path: 'id', value: 'x' }), 'mutability');
  });
});
