import fc from 'fast-check';
import { ScimError } from '../../../scim-facade/errors';
import type { Filter } from '../../../scim-facade/filter/filter-ast';
import type { AttrPath } from '../../../scim-facade/schema/attribute-path';
import { parseFilter } from '../../../scim-facade/filter/parse-filter';
import { translateGroupFilter } from '../../../scim-facade/filter/translate-group-filter';
import { translateUserFilter } from '../../../scim-facade/filter/translate-user-filter';
import { applyUserPatch } from '../../../scim-facade/patch/apply-user-patch';
import { parsePatchRequest } from '../../../scim-facade/patch/parse-patch-request';
import { planGroupPatch } from '../../../scim-facade/patch/plan-group-patch';
import type { ScimUser } from '../../../scim-facade/resources/scim-user';

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const runs = { numRuns: 400 };

/** The property every parser has: a result, or a ScimError with a 4xx status; never anything else. */
function resultOrClientError(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    if (!(error instanceof ScimError) || error.status < 400 || error.status > 499) throw error;
  }
}

const filterTokens = fc.constantFrom(
  'userName',
  'USERNAME',
  'emails',
  'emails[type eq "work"]',
  'emails[type eq "work"].value',
  'members',
  'groups',
  'id',
  'active',
  'name.givenName',
  'addresses',
  'meta.created',
  `${enterprise}:manager`,
  `${enterprise}:manager.value`,
  'urn:',
  ':x',
  'a.b.c',
  '$ref',
  '[',
  ']',
  '(',
  ')',
  '.',
  '"',
  '"x"',
  '"2024-01-01T00:00:00Z"',
  '"True"',
  '\\',
  '"\\u12"',
  'eq',
  'NE',
  'co',
  'gt',
  'pr',
  'and',
  'OR',
  'not',
  'not(',
  'true',
  'null',
  '12',
  '-1e999',
  '__proto__',
  'constructor',
);
const separators = fc.constantFrom(' ', '', '  ', '\t', '+');
const tokenSoup = fc
  .array(fc.tuple(filterTokens, separators), { maxLength: 14 })
  .map((parts) => parts.map(([token, separator]) => token + separator).join(''));
const anyText = fc.oneof(fc.string({ maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 120 }), tokenSoup);

describe('filter parser and translators on hostile input', () => {
  it('parseFilter gives an AST or a 4xx ScimError for any string', () => {
    fc.assert(
      fc.property(anyText, (text) => resultOrClientError(() => parseFilter(text))),
      { numRuns: 1000 },
    );
  });

  it('translateUserFilter and translateGroupFilter give a filter or a 4xx ScimError', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        resultOrClientError(() => translateUserFilter(parseFilter(text)));
        resultOrClientError(() => translateGroupFilter(parseFilter(text)));
      }),
      { numRuns: 1000 },
    );
  });

  it('deep nesting is a 4xx, not a stack overflow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.constantFrom('(', 'not (', 'emails['), (depth, opener) =>
        resultOrClientError(() => parseFilter(`${opener.repeat(depth)}a pr`)),
      ),
      { numRuns: 50 },
    );
  });
});

/** Renders an AST as filter text; composite children go in parentheses so parsing gives the AST back. */
function render(filter: Filter): string {
  const child = (part: Filter) => (part.kind === 'and' || part.kind === 'or' ? `(${render(part)})` : render(part));
  switch (filter.kind) {
    case 'and':
    case 'or':
      return filter.filters.map(child).join(` ${filter.kind} `);
    case 'not':
      return `not (${render(filter.filter)})`;
    case 'valuePath':
      return `${renderPath(filter.path)}[${render(filter.filter)}]`;
    case 'present':
      return `${renderPath(filter.path)} pr`;
    case 'compare':
      return `${renderPath(filter.path)} ${filter.operator} ${filter.raw ?? JSON.stringify(filter.value)}`;
  }
}

function renderPath(path: AttrPath): string {
  const name = path.subAttribute === undefined ? path.attribute : `${path.attribute}.${path.subAttribute}`;
  return path.uri === undefined ? name : `${path.uri}:${name}`;
}

const stringOperators = fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le' as const);
const anyString = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }));
const bool = fc.boolean().map((value) => ({ value, raw: String(value) }));
const named = (name: string) => fc.mixedCase(fc.constant(name));
const path = (attribute: string, subAttribute?: string, uri?: string): fc.Arbitrary<AttrPath> =>
  fc
    .tuple(named(attribute), subAttribute === undefined ? fc.constant(undefined) : named(subAttribute))
    .map(([a, s]) => ({
      ...(uri === undefined ? {} : { uri }),
      attribute: a,
      ...(s === undefined ? {} : { subAttribute: s }),
    }));

function stringLeaf(paths: fc.Arbitrary<AttrPath>): fc.Arbitrary<Filter> {
  return fc.oneof(
    fc.record({ kind: fc.constant('compare' as const), path: paths, operator: stringOperators, value: anyString }),
    fc.record({
      kind: fc.constant('compare' as const),
      path: paths,
      operator: fc.constantFrom('eq', 'ne' as const),
      value: fc.constant(null),
      raw: fc.constant('null'),
    }),
    fc.record({ kind: fc.constant('present' as const), path: paths }),
  );
}

function equalityLeaf(paths: fc.Arbitrary<AttrPath>, values: fc.Arbitrary<{ value: string | boolean; raw?: string }>) {
  return fc
    .record({ path: paths, operator: fc.constantFrom('eq', 'ne' as const), literal: values })
    .map(({ path: p, operator, literal }): Filter => ({ kind: 'compare', path: p, operator, ...literal }));
}

const isoDate = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString());
function dateLeaf(attribute: fc.Arbitrary<AttrPath>): fc.Arbitrary<Filter> {
  return fc.record({
    kind: fc.constant('compare' as const),
    path: attribute,
    operator: fc.constantFrom('eq', 'ne', 'gt', 'ge', 'lt', 'le' as const),
    value: isoDate,
  });
}

function tree(leaf: fc.Arbitrary<Filter>): fc.Arbitrary<Filter> {
  return fc.letrec<{ filter: Filter }>((tie) => ({
    filter: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'filter' },
      leaf,
      fc.record({
        kind: fc.constant('and' as const),
        filters: fc.array(tie('filter'), { minLength: 2, maxLength: 3 }),
      }),
      fc.record({ kind: fc.constant('or' as const), filters: fc.array(tie('filter'), { minLength: 2, maxLength: 3 }) }),
      fc.record({ kind: fc.constant('not' as const), filter: tie('filter') }),
    ),
  })).filter;
}

const emailElement = tree(
  fc.oneof(stringLeaf(fc.oneof(path('value'), path('type'), path('display'))), equalityLeaf(path('primary'), bool)),
);
const userFilters = tree(
  fc.oneof(
    stringLeaf(
      fc.oneof(
        path('userName'),
        path('externalId'),
        path('displayName'),
        path('title'),
        path('name', 'givenName'),
        path('name', 'formatted'),
        path('department', undefined, enterprise),
        path('emails', 'value'),
        path('phoneNumbers', 'type'),
        path('addresses', 'postalCode'),
      ),
    ),
    equalityLeaf(
      fc.oneof(path('id'), path('manager', 'value', enterprise)),
      anyString.map((value) => ({ value })),
    ),
    equalityLeaf(fc.oneof(path('active'), path('emails', 'primary')), bool),
    equalityLeaf(
      path('active'),
      fc.constantFrom('True', 'False').map((value) => ({ value })),
    ),
    fc.record({
      kind: fc.constant('compare' as const),
      path: path('groups'),
      operator: fc.constant('eq' as const),
      value: anyString,
    }),
    dateLeaf(fc.oneof(path('meta', 'created'), path('meta', 'lastModified'))),
    fc.record({ kind: fc.constant('valuePath' as const), path: path('emails'), filter: emailElement }),
  ),
);
const groupFilters = tree(
  fc.oneof(
    stringLeaf(fc.oneof(path('displayName'), path('externalId'), path('members', 'type'))),
    equalityLeaf(
      fc.oneof(path('id'), path('members'), path('members', 'value')),
      anyString.map((value) => ({ value })),
    ),
    dateLeaf(path('meta', 'lastModified')),
  ),
);

describe('generated valid filters', () => {
  it('round-trip through text to the same AST and translate to a plain JSON UserFilterInput', () => {
    fc.assert(
      fc.property(userFilters, (filter) => {
        const parsed = parseFilter(render(filter));
        expect(parsed).toEqual(filter);
        const translated = translateUserFilter(parsed);
        expect(JSON.parse(JSON.stringify(translated))).toEqual(translated);
      }),
      runs,
    );
  });

  it('round-trip through text to the same AST and translate to a plain JSON GroupFilterInput', () => {
    fc.assert(
      fc.property(groupFilters, (filter) => {
        const parsed = parseFilter(render(filter));
        expect(parsed).toEqual(filter);
        const translated = translateGroupFilter(parsed);
        expect(JSON.parse(JSON.stringify(translated))).toEqual(translated);
      }),
      runs,
    );
  });
});

const user: ScimUser = Object.freeze({
  id: 'u0',
  userName: 'bjensen',
  name: Object.freeze({ givenName: 'Barbara', familyName: 'Jensen' }),
  active: true,
  emails: Object.freeze([
    Object.freeze({ value: 'b@x.com', type: 'work', primary: true }),
  ]) as unknown as ScimUser['emails'],
  [enterprise]: Object.freeze({ department: 'Tour', manager: Object.freeze({ value: 'm1' }) }),
});

const patchPaths = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      'active',
      'userName',
      'title',
      'name',
      'name.givenName',
      'emails',
      'emails.value',
      'emails[type eq "work"].value',
      'emails[type eq "work"]',
      'emails[value co "x"].type',
      'emails[primary eq "True"].display',
      'phoneNumbers[type eq "mobile"].value',
      'addresses[type eq "work"].postalCode',
      'roles',
      `${enterprise}:manager`,
      'manager',
      `${enterprise}:manager.value`,
      `${enterprise}:department`,
      enterprise,
      'groups',
      'id',
      'meta.created',
      'members',
      'members[value eq "u1"]',
      'members[type eq "User"]',
      'displayName',
      'externalId',
      'bogus',
      'emails[',
      '',
    ),
    weight: 10,
  },
  { arbitrary: anyText, weight: 1 },
);
const patchValues = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('True', 'False', '', null, 'u1'),
  fc.array(fc.record({ value: fc.oneof(fc.constantFrom('u1', 'u2', ''), anyString), $ref: fc.constant(null) }), {
    maxLength: 3,
  }),
  fc.dictionary(
    fc.constantFrom(
      'name.givenName',
      'displayName',
      'active',
      `${enterprise}:employeeNumber`,
      enterprise,
      'members',
      'emails',
      'id',
      '__proto__',
      'manager',
    ),
    fc.jsonValue({ maxDepth: 2 }),
  ),
);
const operation = fc.record(
  {
    op: fc.oneof(
      { arbitrary: fc.constantFrom('add', 'Add', 'replace', 'Replace', 'remove', 'Remove'), weight: 20 },
      { arbitrary: fc.jsonValue({ maxDepth: 1 }), weight: 1 },
    ),
    path: fc.oneof({ arbitrary: patchPaths, weight: 10 }, { arbitrary: fc.jsonValue({ maxDepth: 1 }), weight: 1 }),
    value: patchValues,
  },
  { requiredKeys: ['op'] },
);
const patchBodies = fc.oneof(
  {
    arbitrary: fc.record({
      schemas: fc.constant(['urn:ietf:params:scim:api:messages:2.0:PatchOp']),
      Operations: fc.array(operation, { maxLength: 4 }),
    }),
    weight: 8,
  },
  { arbitrary: fc.record({ operations: fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }) }), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
  { arbitrary: fc.anything({ maxDepth: 2 }), weight: 1 },
);

describe('PATCH parsing and application on hostile input', () => {
  it('parsePatchRequest + applyUserPatch give a user or a 4xx ScimError, and never change the input', () => {
    fc.assert(
      fc.property(patchBodies, (body) =>
        resultOrClientError(() => applyUserPatch(user, parsePatchRequest(body, 'User'))),
      ),
      { numRuns: 1000 },
    );
  });

  it('parsePatchRequest + planGroupPatch give a plan or a 4xx ScimError', () => {
    fc.assert(
      fc.property(patchBodies, (body) => resultOrClientError(() => planGroupPatch(parsePatchRequest(body, 'Group')))),
      { numRuns: 1000 },
    );
  });
});

type MemberOperation =
  | { kind: 'add' | 'removeListed' | 'replace'; ids: string[] }
  | { kind: 'removeFiltered'; id: string }
  | { kind: 'removeAll' };

const memberId = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const memberOperation: fc.Arbitrary<MemberOperation> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('add', 'removeListed', 'replace' as const),
    ids: fc.array(memberId, { maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('removeFiltered' as const), id: memberId }),
  fc.record({ kind: fc.constant('removeAll' as const) }),
);

function asScim(operation: MemberOperation): unknown {
  const values = (ids: string[]) => ids.map((value) => ({ value }));
  switch (operation.kind) {
    case 'add':
      return { op: 'Add', path: 'members', value: values(operation.ids) };
    case 'removeListed':
      return { op: 'Remove', path: 'members', value: values(operation.ids) };
    case 'replace':
      return { op: 'replace', path: 'members', value: values(operation.ids) };
    case 'removeFiltered':
      return { op: 'remove', path: `members[value eq "${operation.id}"]` };
    case 'removeAll':
      return { op: 'remove', path: 'members' };
  }
}

/** What the operations do when applied one after another (RFC 7644 semantics). */
function applyInOrder(initial: Set<string>, operations: MemberOperation[]): Set<string> {
  const members = new Set(initial);
  for (const operation of operations) {
    if (operation.kind === 'add') operation.ids.forEach((id) => members.add(id));
    if (operation.kind === 'removeListed') operation.ids.forEach((id) => members.delete(id));
    if (operation.kind === 'removeFiltered') members.delete(operation.id);
    if (operation.kind === 'removeAll' || operation.kind === 'replace') members.clear();
    if (operation.kind === 'replace') operation.ids.forEach((id) => members.add(id));
  }
  return members;
}

describe('planGroupPatch folding', () => {
  it('has the same effect as applying the operations one after another, for any order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(memberId), fc.array(memberOperation, { maxLength: 8 }), (initial, operations) => {
        const { members } = planGroupPatch(parsePatchRequest({ Operations: operations.map(asScim) }, 'Group'));
        let planned: Set<string>;
        if (members.kind === 'replace') {
          planned = new Set(members.ids);
          expect(members.ids).toHaveLength(planned.size);
        } else {
          expect(members.add.filter((id) => members.remove.includes(id))).toEqual([]);
          planned = new Set(initial);
          members.remove.forEach((id) => planned.delete(id));
          members.add.forEach((id) => planned.add(id));
        }
        expect([...planned].sort()).toEqual([...applyInOrder(new Set(initial), operations)].sort());
      }),
      runs,
    );
  });
});
