import fc from 'fast-check';
import { graphqlClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';
import { aliased, fragmentChain, fragmentFanOut, nestedNotFilterJson } from '../support/hostile-documents';

/**
 * Whatever document and variables a client sends, the answer is never a 5xx and comes quickly.
 * FC_RUNS sets how many requests to try (a benchmark can ask for thousands); CI tries a few dozen.
 */
const RUNS = Number(process.env.FC_RUNS ?? 80);
const ANSWER_WITHIN_MS = 1_000;

let service: TestService;
let token: string;
beforeAll(async () => {
  service = await startTestService({ GRAPHQL_RATE_LIMIT_PER_MINUTE: '0' });
  token = (await service.createTenant()).graphqlToken;
  // A small org for what runs: 40 people, each reporting to the one before.
  const client = graphqlClient(service, token);
  const created = await client.query<Record<string, { user: { id: string } }>>(
    `mutation { ${Array.from({ length: 40 }, (_, i) => `p${i}: userCreate(input: { userName: "p${i}@acme.com" }) { user { id } }`).join(' ')} }`,
  );
  const ids = Object.values(created).map((payload) => payload.user.id);
  await client.query(
    `mutation { ${ids
      .slice(1)
      .map((id, i) => `m${i}: userSetManager(input: { id: "${id}", managerId: "${ids[i]}" }) { user { id } }`)
      .join(' ')} }`,
  );
});
afterAll(() => service.close());

const fieldName = fc.constantFrom(
  'users',
  'user',
  'groups',
  'me',
  'nodes',
  'edges',
  'node',
  'id',
  'totalCount',
  'directReports',
  'directReportsCount',
  'reportsCount',
  'manager',
  'memberOf',
  'displayName',
  '__typename',
  'noSuchField',
  'userCreate',
);
/** Mostly sizes around the limits, sometimes far beyond them. */
const size = (around: number, beyond: number) =>
  fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: around }) }, fc.integer({ min: 1, max: beyond }));

const nestedFilterLiteral = size(80, 3_000).map(
  (levels) => `(filter: ${'{ not: '.repeat(levels)}{ active: true }${' }'.repeat(levels)})`,
);
const fieldArguments = fc.oneof(
  fc.constant(''),
  fc.integer({ min: -1, max: 200 }).map((first) => `(first: ${first})`),
  fc.constantFrom('(first: $n)', '(search: "an")', '(search: $s)', '(id: "00000000-0000-0000-0000-000000000000")'),
  fc.constantFrom('(input: { userName: "fc@acme.com" })', '(input: $input)'),
  nestedFilterLiteral,
);
const alias = fc.oneof(fc.constant(''), fc.constantFrom('a: ', 'b: ', 'c: '));
const directive = fc.constantFrom('', ' @include(if: true)', ' @skip(if: $skip)');
const fragmentName = fc.integer({ min: 0, max: 9 }).map((i) => `F${i}`);

const { selectionSet } = fc.letrec<{ selectionSet: string; selection: string }>((tie) => ({
  selectionSet: fc.array(tie('selection'), { minLength: 1, maxLength: 5 }).map((items) => `{ ${items.join(' ')} }`),
  selection: fc.oneof(
    { depthSize: 'small' },
    fc.tuple(alias, fieldName, fieldArguments, directive).map((parts) => parts.join('')),
    fc.tuple(alias, fieldName, fieldArguments, directive, tie('selectionSet')).map((parts) => parts.join('')),
    fragmentName.map((name) => `...${name}`),
    tie('selectionSet').map((set) => `... on User ${set}`),
    // The same field again and again: what validation compares pairwise.
    fc.tuple(size(100, 2_000), fieldName).map(([count, name]) => Array(count).fill(`${name} { id }`).join(' ')),
  ),
}));

/** Documents the schema accepts, to run: users, their managers and reports, pages of any size, aliased. */
const { userSelection } = fc.letrec<{ userSelection: string; userField: string }>((tie) => ({
  userSelection: fc
    .array(tie('userField'), { minLength: 1, maxLength: 4 })
    .map((fields) => `{ id ${fields.join(' ')} }`),
  userField: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('displayName', 'userName', 'directReportsCount', 'reportsCount', 'managementChain { id }'),
    tie('userSelection').map((set) => `manager ${set}`),
    fc
      .tuple(fc.integer({ min: 0, max: 100 }), tie('userSelection'))
      .map(([first, set]) => `directReports(first: ${first}) { totalCount nodes ${set} }`),
    fc
      .integer({ min: 0, max: 100 })
      .map((first) => `memberOf(first: ${first}) { totalCount nodes { id displayName } }`),
  ),
}));
const validDocument = fc
  .array(
    fc.tuple(
      fc.integer({ min: 0, max: 100 }),
      fc.constantFrom('', ', search: "an"', ', filter: { active: true }'),
      fc.boolean(),
      userSelection,
    ),
    { minLength: 1, maxLength: 60 },
  )
  .map(
    (lists) =>
      `{ ${lists.map(([first, more, count, set], i) => `a${i}: users(first: ${first}${more}) { ${count ? 'totalCount ' : ''}nodes ${set} }`).join(' ')} }`,
  );

const operationType = fc.constantFrom('query', 'query', 'mutation', 'subscription', '');
const generatedDocument = fc
  .tuple(
    operationType,
    selectionSet,
    fc.array(fc.tuple(fc.constantFrom('Query', 'User', 'UserConnection', 'Mutation', 'Nope'), selectionSet), {
      maxLength: 10,
    }),
  )
  .map(([type, set, fragments]) => {
    const head = type
      ? `${type} Op($n: Int, $s: String, $skip: Boolean = false, $input: UserCreateInput, $f: UserFilterInput) `
      : '';
    return `${head}${set} ${fragments.map(([on, body], i) => `fragment F${i} on ${on} ${body}`).join(' ')}`;
  });

const document = fc.oneof(
  { weight: 4, arbitrary: generatedDocument },
  { weight: 4, arbitrary: validDocument },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 45 }).map((levels) => fragmentFanOut(levels)) },
  { weight: 1, arbitrary: size(150, 12_000).map(fragmentChain) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(size(300, 5_000), fc.constantFrom('users(first: 1) { totalCount }', '__typename'))
      .map(([count, field]) => aliased(count, field)),
  },
  { weight: 1, arbitrary: size(200, 20_000).map((levels) => `${'{ a '.repeat(levels)}${'}'.repeat(levels)}`) },
  // Text that is mostly not GraphQL at all.
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.constantFrom('{', '}', '(', ')', '[', ']', '"', '#', '\n', ' ', 'a', '...', ':', '$'),
    }),
  },
);

/** Variables as JSON text: JSON.stringify recurses, and some of these nest thousands of levels. */
const variablesJson = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify({ n: 5, s: 'an', input: value, f: value })),
  size(40, 20_000).map((levels) => `{"n":5,"f":${nestedNotFilterJson(levels)}}`),
  size(20_000, 30_000).map((count) => JSON.stringify({ f: { or: Array(count).fill({ active: true }) } })),
);

describe('the GraphQL guard, on any document', () => {
  it(`answers every request without a 5xx, within ${ANSWER_WITHIN_MS} ms`, async () => {
    await fc.assert(
      fc.asyncProperty(
        document,
        variablesJson,
        fc.constantFrom(undefined, undefined, 'Op', 'Other'),
        fc.boolean(),
        async (query, variables, operationName, tryGet) => {
          const started = performance.now();
          const response =
            tryGet && query.length + (variables?.length ?? 0) < 4_000
              ? await service.http
                  .get('/graphql')
                  .query({ query, ...(variables && { variables }), ...(operationName && { operationName }) })
                  .set('Authorization', `Bearer ${token}`)
                  .set('Accept', 'application/json')
                  // Apollo's CSRF prevention wants it on a GET; browsers cannot send it cross-site.
                  .set('Apollo-Require-Preflight', 'true')
              : await service.http
                  .post('/graphql')
                  .set('Authorization', `Bearer ${token}`)
                  .set('Content-Type', 'application/json')
                  .send(
                    `{"query":${JSON.stringify(query)}${variables ? `,"variables":${variables}` : ''}${operationName ? `,"operationName":"${operationName}"` : ''}}`,
                  );
          const ms = performance.now() - started;
          if (response.status >= 500 || ms > ANSWER_WITHIN_MS) {
            throw new Error(`${response.status} after ${Math.round(ms)} ms: ${response.text.slice(0, 300)}`);
          }
          const codes = (response.body.errors ?? []).map(
            (error: { extensions?: { code?: string } }) => error.extensions?.code,
          );
          expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
        },
      ),
      { seed: 20_261_201, numRuns: RUNS, endOnFailure: true },
    );
  });
});
