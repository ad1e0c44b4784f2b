import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { loadConfig, type GraphQLLimits } from '../../../src/platform/config';
import { requestGuard } from '../../../src/api/graphql/guard/guard';
import type { GuardedRequest } from '../../../src/api/graphql/guard/guarded-request';
import { parseDocument } from '../../../src/api/graphql/guard/parse-document';
import { fragmentFanOut, nestedNotFilterJson } from '../../support/hostile-documents';

const root = path.resolve(__dirname, '../../..');
const schema = buildSchema(readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8'));
const defaults = loadConfig({}).graphql.limits;

function codeOf(query: string, limits: Partial<GraphQLLimits> = {}, request: Partial<GuardedRequest> = {}) {
  const verdict = requestGuard(schema, { ...defaults, ...limits })({ query, persistedQuery: false, ...request });
  return 'refused' in verdict ? verdict.refused.extensions.code : `${verdict.mutations} mutations`;
}

describe('requestGuard', () => {
  it('lets the README examples through with the default limits', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((block) => block[1]!);
    expect(examples.length).toBeGreaterThan(5);
    for (const example of examples) {
      for (const operation of example.split(/\n(?=query|mutation|\{)/)) {
        if (operation.replace(/#.*$/gm, '').trim())
          expect([operation, codeOf(operation)]).toEqual([operation, expect.stringMatching(/mutations$/)]);
      }
    }
  });

  it('refuses each limit with its own code, cheapest check first', () => {
    expect(codeOf('{ users { totalCount } }', {}, { persistedQuery: true })).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    expect(codeOf(`{ users { totalCount } } # ${'x'.repeat(2_000)}`, { maxDocumentBytes: 1_024 })).toBe(
      'DOCUMENT_TOO_LARGE',
    );
    expect(codeOf(`${'{ a '.repeat(65)}${'}'.repeat(65)}`)).toBe('TOO_DEEPLY_NESTED');
    expect(codeOf(`{ ${'__typename '.repeat(200)} }`, { maxTokens: 100 })).toBe('TOO_MANY_TOKENS');
    expect(codeOf(`{ ${'__typename '.repeat(200)} }`)).toBe('TOO_MANY_FIELDS');
    expect(codeOf('subscription { users { totalCount } }')).toBe('SUBSCRIPTIONS_NOT_SUPPORTED');
    expect(codeOf('{ a } fragment A on Query { a } fragment B on Query { a }', { maxFragments: 1 })).toBe(
      'TOO_MANY_FRAGMENTS',
    );
    expect(codeOf('{ a: __typename b: __typename }', { maxAliases: 1 })).toBe('TOO_MANY_ALIASES');
    expect(codeOf(`{ ${'me { id } '.repeat(3)} }`, { maxRepeatedFields: 1 })).toBe('TOO_MANY_FIELDS');
    expect(codeOf('{ __typename @skip(if: false) @include(if: true) }', { maxDirectives: 1 })).toBe(
      'TOO_MANY_DIRECTIVES',
    );
    expect(codeOf('{ users(filter: { not: { not: { active: true } } }) { totalCount } }', { maxInputDepth: 2 })).toBe(
      'INPUT_TOO_DEEP',
    );
    expect(codeOf(fragmentFanOut(23))).toBe('TOO_MANY_FRAGMENTS');
    expect(codeOf('{ users { nodes { id userName displayName } } }', { maxFields: 5 })).toBe('0 mutations');
    expect(codeOf('{ users { nodes { id userName displayName title } } }', { maxFields: 5 })).toBe('TOO_MANY_FIELDS');
    expect(codeOf('{ users { nodes { manager { manager { id } } } } }', { maxDepth: 4 })).toBe('QUERY_TOO_DEEP');
    expect(
      codeOf('{ users(first: 100) { nodes { directReports(first: 100) { nodes { id } } } } }', { maxCost: 5_000 }),
    ).toBe('QUERY_TOO_COSTLY');
  });

  it('bounds the variables', () => {
    const deep = JSON.parse(nestedNotFilterJson(10_000));
    const query = 'query($f: UserFilterInput) { users(filter: $f) { totalCount } }';
    expect(codeOf(query, {}, { variables: { f: deep } })).toBe('VARIABLES_TOO_DEEP');
    expect(
      codeOf(query, { maxVariableValues: 10 }, { variables: { f: { or: Array(20).fill({ active: true }) } } }),
    ).toBe('VARIABLES_TOO_LARGE');
  });

  it('costs the page sizes the variables ask for', () => {
    const query = 'query($n: Int!) { users(first: $n) { nodes { directReports(first: $n) { nodes { id } } } } }';
    expect(codeOf(query, { maxCost: 5_000 }, { variables: { n: 10 } })).toBe('0 mutations');
    expect(codeOf(query, { maxCost: 5_000 }, { variables: { n: 100 } })).toBe('QUERY_TOO_COSTLY');
  });

  it('counts the mutations of the operation the request names', () => {
    const document = `query Q { users { totalCount } }
      mutation M { a: userDelete(input: { id: "1" }) { userErrors { code } } b: userDelete(input: { id: "2" }) { userErrors { code } } }`;
    expect(codeOf(document, {}, { operationName: 'M' })).toBe('2 mutations');
    expect(codeOf(document, {}, { operationName: 'Q' })).toBe('0 mutations');
  });

  it('leaves to Apollo what it reports precisely: syntax errors, unknown operations, a missing query', () => {
    expect(codeOf('{ users { totalCount }')).toBe('0 mutations');
    expect(codeOf('query A { a } query B { b }')).toBe('0 mutations');
    const verdict = requestGuard(schema, defaults)({ persistedQuery: false });
    expect(verdict).toEqual({ mutations: 0, cost: 0 });
  });

  it('tells the estimated cost of what it lets through, which decides whether a request is heavy', () => {
    const guard = requestGuard(schema, defaults);
    const counted = guard({ query: '{ users(first: 1) { totalCount } }', persistedQuery: false });
    const listed = guard({ query: '{ users(first: 1) { nodes { id } } }', persistedQuery: false });
    expect(counted).toMatchObject({ mutations: 0 });
    expect('cost' in counted && counted.cost).toBeGreaterThanOrEqual(defaults.costWeights.count);
    expect('cost' in listed && listed.cost).toBeLessThan(defaults.costWeights.count);
  });
});

describe('parseDocument', () => {
  it('tells too many tokens from a syntax error', () => {
    expect(parseDocument('{ a b c }', 5)).toHaveProperty('document');
    expect(parseDocument('{ a b c d }', 5)).toEqual({ tooManyTokens: true });
    expect(parseDocument('{ a b', 5)).toEqual({ syntaxError: true });
    expect(parseDocument('{ a "unterminated', 5)).toEqual({ syntaxError: true });
    // Comments are not tokens, for the parser's limit as for this count.
    expect(parseDocument('# one\n# two\n{ a b c }', 5)).toHaveProperty('document');
  });
});
