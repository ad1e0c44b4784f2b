import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getNamedType, getOperationAST, isObjectType, parse } from 'graphql';
import { estimateCost, isCount } from '../../../src/api/graphql/guard/cost';
import { aliased, fragmentFanOut } from '../../support/hostile-documents';

const schema = buildSchema(readFileSync(path.resolve(__dirname, '../../../schema/schema.graphql'), 'utf8'));
const weights = { count: 1_000, search: 1_000, mutation: 100 };

function cost(text: string, variables: Record<string, unknown> = {}): number {
  const document = parse(text);
  return estimateCost(schema, document, getOperationAST(document)!, variables, weights);
}

describe('estimateCost', () => {
  it('costs a connection 1 + its page size × each item, so nested pages multiply', () => {
    expect(cost('{ users(first: 100) { nodes { directReports(first: 100) { nodes { id userName } } } } }')).toBe(
      1 + 100 * (1 + (1 + 100 * (1 + 2))),
    );
    expect(cost('{ users { nodes { id } } }')).toBe(1 + 20 * 2);
  });

  it('reads the page size from variables, their defaults and the schema', () => {
    const query = 'query($n: Int! = 5) { users(first: $n) { nodes { id } } }';
    expect(cost(query)).toBe(1 + 5 * 2);
    expect(cost(query, { n: 50 })).toBe(1 + 50 * 2);
    // directoryChanges pages 100 changes when first is left out.
    expect(cost('{ directoryChanges { nodes { sequence } } }')).toBe(1 + 100 * 2);
  });

  it('weighs each count once, not once per row: a page of counts is one batched statement', () => {
    expect(cost('{ users(first: 100) { totalCount nodes { directReportsCount } } }')).toBe(
      1 + 100 * (1 + 1 + 1) + 2 * weights.count,
    );
  });

  it('weighs a search', () => {
    expect(cost('{ users(first: 1, search: "an") { nodes { id } } }')).toBe(3 + weights.search);
    expect(cost('query($s: String) { users(first: 1, search: $s) { nodes { id } } }', { s: 'an' })).toBe(
      3 + weights.search,
    );
    expect(cost('{ users(first: 1, search: "  ") { nodes { id } } }')).toBe(3);
  });

  it('costs every alias on its own', () => {
    const one = cost('{ a: users(first: 1) { totalCount } }');
    expect(one).toBe(2 + weights.count);
    expect(cost(aliased(4_000, 'users(first: 1) { totalCount }'))).toBe(4_000 * one);
  });

  it('weighs each mutation', () => {
    const create = (alias: string) => `${alias}: userCreate(input: { userName: "${alias}" }) { user { id } }`;
    expect(cost(`mutation { ${create('a')} ${create('b')} }`)).toBe(2 * (3 + weights.mutation));
    expect(cost(`mutation { ...M } fragment M on Mutation { ${create('a')} }`)).toBe(3 + weights.mutation);
  });

  it('costs a fragment as if it were written in place, each time it is spread', () => {
    expect(cost('{ users { ...C } } fragment C on UserConnection { nodes { id } }')).toBe(
      cost('{ users { nodes { id } } }'),
    );
    const started = performance.now();
    expect(cost(fragmentFanOut(40, 'users(first: 1) { totalCount }'))).toBe(2 ** 39 * (2 + weights.count));
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('costs nothing for introspection and fields the schema lacks (validation refuses those)', () => {
    expect(cost('{ __typename __schema { types { name } } noSuchField { id } }')).toBe(0);
  });
});

describe('isCount', () => {
  it('prices every count the schema offers as a count query', () => {
    const counts = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((type) => Object.values(type.getFields()).map((field) => ({ type, field })))
      .filter(({ field }) => isCount(field))
      .map(({ type, field }) => `${type.name}.${field.name}: ${getNamedType(field.type).name}`);
    expect(counts.filter((count) => !count.includes('Connection.totalCount: Int')).sort()).toEqual([
      'Department.headcount: Int',
      'Group.membersCount: Int',
      'User.directReportsCount: Int',
      'User.reportsCount: Int',
    ]);
    expect(counts.length).toBeGreaterThan(8);
  });
});
