import fc from 'fast-check';
import { startTestService, type TestService } from '../support/harness';
import { MAX_ANSWER_MS, propertyRuns } from '../support/property-runs';
import { createScimGroup, createScimUser, ENTERPRISE, PATCH_OP } from './support/scim-client';
import {
  expectListResponse,
  expectScimError,
  rawRequest,
  scimTenant,
  type RawResponse,
  type ScimTenant,
} from './support/scim-suite';

/**
 * Property-based tests against the live endpoints: whatever filter or PATCH document arrives,
 * the answer is 2xx or a 4xx SCIM error document, never a 5xx and never a non-SCIM body.
 */

let service: TestService;
let tenant: ScimTenant;
let userId: string;
let groupId: string;
let memberId: string;
beforeAll(async () => {
  service = await startTestService();
  tenant = await scimTenant(service);
  const manager = await createScimUser(tenant.scim, 'manager@x.com');
  memberId = (await createScimUser(tenant.scim, 'member@x.com', { [ENTERPRISE]: { employeeNumber: '7' } })).id;
  userId = (
    await createScimUser(tenant.scim, 'target@x.com', {
      phoneNumbers: [{ type: 'work', value: '1' }],
      addresses: [{ type: 'work', locality: 'X' }],
    })
  ).id;
  await tenant.scim.operations(`/Users/${userId}`, [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: manager.id }]);
  groupId = (await createScimGroup(tenant.scim, 'Target group', [memberId])).id;
});
afterAll(() => service.close());

/** Percent-encodes every byte of the UTF-8 form except characters that are safe in a query. */
function queryEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9()._~-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** 2xx with a valid SCIM body, or a 4xx SCIM error document, in bounded time; never 5xx (R-70, R-71). */
function expectClientOutcome(response: RawResponse, label: string): void {
  if (response.status >= 500 || response.status < 200) {
    throw new Error(`${label} answered ${response.status}: ${response.text}`);
  }
  if (response.elapsedMs > MAX_ANSWER_MS) throw new Error(`${label} took ${response.elapsedMs} ms`);
  if (response.status >= 400) {
    expectScimError(response, response.status);
    if (response.status === 400) expect(response.body.scimType).toEqual(expect.any(String));
  } else if (response.status !== 204) {
    expect(response.headers['content-type']).toMatch(/^application\/scim\+json/);
  }
}

const get = (path: string) =>
  rawRequest(service, { method: 'GET', path, headers: { Authorization: `Bearer ${tenant.scimToken}` } });

const patch = (path: string, body: string) =>
  rawRequest(service, {
    method: 'PATCH',
    path,
    headers: { Authorization: `Bearer ${tenant.scimToken}`, 'Content-Type': 'application/scim+json' },
    body,
  });

const attributes = fc.constantFrom(
  'userName',
  'USERNAME',
  'displayName',
  'externalId',
  'id',
  'active',
  'title',
  'emails',
  'emails.value',
  'emails.type',
  'emails.primary',
  'phoneNumbers.value',
  'addresses',
  'addresses.locality',
  'name.givenName',
  'name',
  'roles.value',
  'groups',
  'groups.value',
  'members',
  'members.value',
  'members.type',
  'meta.created',
  'meta.lastModified',
  `${ENTERPRISE}:manager`,
  `${ENTERPRISE}:manager.value`,
  `${ENTERPRISE}:employeeNumber`,
  'urn:ietf:params:scim:schemas:core:2.0:User:userName',
  'urn:',
  'x',
  'a.b.c',
  '__proto__',
  'constructor',
  'toString',
  '$ref',
  'emails[',
  '',
);

const operators = fc.constantFrom('eq', 'EQ', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr', 'xx', '=', '');

const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '%',
    '_',
    '*',
    '\\',
    '\\"',
    "'",
    '\u0000',
    '\uFFFF',
    '\uD800',
    '%FF',
    '" or "1"="1',
    "'; drop table users; --",
    '$1',
    '?',
  ),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

const values = fc.oneof(
  hostileText.map((text) => JSON.stringify(text)),
  hostileText.map((text) => `"${text}"`),
  hostileText,
  fc.constantFrom(
    'true',
    'false',
    'null',
    '123',
    '-1.5e300',
    '1e999',
    '"2024-01-01T00:00:00Z"',
    '"2024-02-30"',
    '"target@x.com"',
  ),
  fc.uuid().map((id) => `"${id}"`),
);

const { filter: filterArbitrary } = fc.letrec<{ filter: string; leaf: string }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc
      .tuple(tie('filter'), fc.constantFrom('and', 'or', 'AND', 'Or', 'and and', ''), tie('filter'))
      .map(([left, joiner, right]) => `${left} ${joiner} ${right}`),
    tie('filter').map((inner) => `not (${inner})`),
    tie('filter').map((inner) => `(${inner})`),
    fc.tuple(attributes, tie('filter')).map(([attribute, inner]) => `${attribute}[${inner}]`),
  ),
  leaf: fc.oneof(
    fc.tuple(attributes, operators, values).map(([attribute, operator, value]) => `${attribute} ${operator} ${value}`),
    attributes.map((attribute) => `${attribute} pr`),
    hostileText,
  ),
}));

const hostileFilters = fc.oneof(
  filterArbitrary,
  fc.nat({ max: 1500 }).map((depth) => `${'('.repeat(depth)}userName eq "x"${')'.repeat(depth)}`),
  fc.nat({ max: 700 }).map((depth) => `${'not ('.repeat(depth)}active eq true${')'.repeat(depth)}`),
  fc.nat({ max: 400 }).map((count) => Array.from({ length: count + 1 }, (_, i) => `userName eq "u${i}"`).join(' or ')),
  fc.nat({ max: 200 }).map((depth) => `${'emails['.repeat(depth)}value eq "x"${']'.repeat(depth)}`),
);

describe('property: random and hostile filters', () => {
  it('R-29 GET /Users?filter=… answers a ListResponse or a 4xx SCIM error, never 5xx (150 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(hostileFilters, async (filter) => {
        const response = await get(`/scim/Users?filter=${queryEncode(filter)}`);
        expectClientOutcome(response, `filter ${JSON.stringify(filter)}`);
        if (response.status === 200) expectListResponse(response);
      }),
      propertyRuns(150),
    );
  });

  it('R-29 a random filter joined with a condition nothing meets never returns anything (no widening, 100 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(filterArbitrary, async (filter) => {
        const response = await get(`/scim/Users?filter=${queryEncode(`(${filter}) and userName eq "nobody at all"`)}`);
        expectClientOutcome(response, `filter ${JSON.stringify(filter)}`);
        if (response.status === 200) expectListResponse(response, { totalResults: 0 });
      }),
      propertyRuns(100),
    );
  });

  it('R-29 P-09 GET /Groups?filter=… answers a ListResponse or a 4xx SCIM error, never 5xx (100 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(hostileFilters, async (filter) => {
        const response = await get(`/scim/Groups?excludedAttributes=members&filter=${queryEncode(filter)}`);
        expectClientOutcome(response, `filter ${JSON.stringify(filter)}`);
        if (response.status === 200) {
          for (const group of expectListResponse(response)) expect(group).not.toHaveProperty('members');
        }
      }),
      propertyRuns(100),
    );
  });

  it('R-08 random query parameters (startIndex, count, sortBy, attributes, unknown) never cause a 5xx (100 runs)', async () => {
    const parameter = fc.tuple(
      fc.constantFrom(
        'startIndex',
        'count',
        'sortBy',
        'sortOrder',
        'attributes',
        'excludedAttributes',
        'filter',
        'aadOptscim062020',
        'x',
      ),
      fc.oneof(
        hostileText,
        fc.integer().map(String),
        fc.constantFrom('userName', 'members', 'ascending', '-1', '1e3', ''),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(parameter, { maxLength: 4 }),
        fc.constantFrom('/scim/Users', '/scim/Groups'),
        async (parameters, path) => {
          const query = parameters.map(([name, value]) => `${name}=${queryEncode(value)}`).join('&');
          expectClientOutcome(await get(`${path}?${query}`), `${path}?${query}`);
        },
      ),
      propertyRuns(100),
    );
  });
});

const patchPaths = fc.oneof(
  fc.constantFrom(
    'active',
    'userName',
    'displayName',
    'title',
    'externalId',
    'nickName',
    'name',
    'name.givenName',
    'name.familyName',
    'emails',
    'emails[type eq "work"].value',
    'emails[type eq "work"].primary',
    'emails[type eq "work" or value eq "x"].value',
    'emails[value co "x"]',
    'emails[type eq "work"]',
    'phoneNumbers[type eq "mobile"].value',
    'addresses[type eq "work"].postalCode',
    'roles',
    'roles[primary eq "True"].value',
    'members',
    'members[value eq "x"]',
    'members.value',
    'groups',
    'id',
    'meta.created',
    'schemas',
    `${ENTERPRISE}:manager`,
    `${ENTERPRISE}:manager.value`,
    `${ENTERPRISE}:department`,
    ENTERPRISE,
    'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:CustomAttribute',
    '__proto__',
    'constructor.prototype',
    'emails[',
    'emails[type eq "work"].value.x',
    '[]',
    '',
  ),
  hostileText,
);

const patchValues = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('True', 'False', 'true', '', null, [], {}, [{ value: 'x' }], [{ $ref: null, value: 'x' }], {
    value: '',
  }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.uuid().map((value) => [{ value }]),
  fc.dictionary(
    fc.constantFrom(
      'displayName',
      'name.givenName',
      `${ENTERPRISE}:employeeNumber`,
      'active',
      'userName',
      'members',
      'id',
      '__proto__',
      'x.y',
    ),
    fc.jsonValue({ maxDepth: 2 }),
  ),
);

/** Mostly well-formed operations (so PATCHes get past parsing and reach the core), some broken ones. */
const operation = fc.record(
  {
    op: fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom('add', 'Add', 'replace', 'Replace', 'REMOVE', 'remove') },
      { weight: 1, arbitrary: fc.oneof(fc.constantFrom('move', ''), fc.jsonValue({ maxDepth: 1 })) },
    ),
    path: fc.oneof({ weight: 8, arbitrary: patchPaths }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) }),
    value: patchValues,
  },
  { requiredKeys: ['op'] },
);

const patchDocuments = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .array(operation, { maxLength: 4 })
      .map((Operations) => JSON.stringify({ schemas: [PATCH_OP], Operations })),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
  {
    weight: 1,
    arbitrary: fc
      .record(
        { schemas: fc.jsonValue({ maxDepth: 1 }), Operations: fc.jsonValue({ maxDepth: 3 }) },
        { requiredKeys: [] },
      )
      .map((value) => JSON.stringify(value)),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
);

describe('property: random and hostile PATCH documents', () => {
  it('R-32 PATCH /Users/{id} answers 200 with the user or a 4xx SCIM error, never 5xx (150 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(patchDocuments, async (body) => {
        const response = await patch(`/scim/Users/${userId}`, body);
        expectClientOutcome(response, `PATCH ${body}`);
        if (response.status < 300) {
          expect(response.status).toBe(200);
          expect(response.body.id).toBe(userId);
        }
      }),
      propertyRuns(150),
    );
    const read = await get(`/scim/Users/${userId}`);
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(userId);
  });

  it('R-55 PATCH /Groups/{id} answers 204 or a 4xx SCIM error, never 5xx (150 runs)', async () => {
    const memberOps = fc.array(
      fc.record(
        {
          op: fc.constantFrom('add', 'Add', 'remove', 'Remove', 'replace'),
          path: fc.constantFrom('members', `members[value eq "${memberId}"]`, 'displayName', 'externalId'),
          value: fc.oneof(
            patchValues,
            fc.constant([{ value: memberId }]),
            fc.constant([{ $ref: null, value: userId }]),
          ),
        },
        { requiredKeys: ['op'] },
      ),
      { maxLength: 5 },
    );
    const documents = fc.oneof(
      patchDocuments,
      memberOps.map((Operations) => JSON.stringify({ schemas: [PATCH_OP], Operations })),
    );
    await fc.assert(
      fc.asyncProperty(documents, async (body) => {
        const response = await patch(`/scim/Groups/${groupId}`, body);
        expectClientOutcome(response, `PATCH ${body}`);
        if (response.status < 300) expect(response.status).toBe(204);
      }),
      propertyRuns(150),
    );
    const read = await get(`/scim/Groups/${groupId}`);
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(groupId);
  });

  it('R-21 POST /Users with random extra attributes answers 201 or a 4xx SCIM error, never 5xx (100 runs)', async () => {
    let counter = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.oneof(patchPaths, fc.string({ maxLength: 10 })), patchValues, { maxKeys: 6 }),
        async (extra) => {
          const body = JSON.stringify({ ...extra, userName: `random-${counter++}@x.com` });
          const response = await rawRequest(service, {
            method: 'POST',
            path: '/scim/Users',
            headers: { Authorization: `Bearer ${tenant.scimToken}`, 'Content-Type': 'application/scim+json' },
            body,
          });
          expectClientOutcome(response, `POST ${body}`);
          if (response.status < 300) expect(response.status).toBe(201);
        },
      ),
      propertyRuns(100),
    );
  });
});
