import { getOperationAST, parse } from 'graphql';
import { measureOperation, measureWrittenDocument } from '../../../src/api/graphql/guard/document-measures';
import { fragmentChain, fragmentFanOut } from '../../support/hostile-documents';

function measure(text: string) {
  const document = parse(text);
  return measureOperation(document, getOperationAST(document)!);
}

describe('measureWrittenDocument', () => {
  it('counts fragments, aliases and directives as written, and the deepest input value', () => {
    const document = parse(`
      query($skip: Boolean = false, $f: UserFilterInput = { not: { active: true } }) @a {
        a: users(filter: { and: [{ active: true }] }) @skip(if: $skip) { nodes { ...F } }
        b: users { totalCount }
      }
      fragment F on User @b { id name: displayName @include(if: true) }`);
    expect(measureWrittenDocument(document)).toEqual({
      fragments: 1,
      aliases: 3,
      directives: 4,
      repeatedFields: 0,
      inputDepth: 3,
      hasSubscription: false,
    });
  });

  it('counts fields selected again under the same response name, which validation compares pairwise', () => {
    const document = parse(
      '{ users { totalCount } users { totalCount totalCount } a: me { id } a: me { id } ...F } fragment F on Query { users { id } }',
    );
    expect(measureWrittenDocument(document).repeatedFields).toBe(3);
  });

  it('notices a subscription', () => {
    expect(measureWrittenDocument(parse('query { a } subscription { b }')).hasSubscription).toBe(true);
  });
});

describe('measureOperation', () => {
  it('counts depth as GRAPHQL_MAX_DEPTH always has: fields only, introspection not at all', () => {
    expect(
      measure('{ users { nodes { manager { manager { manager { manager { manager { id } } } } } } } }').depth,
    ).toBe(8);
    expect(measure('{ __schema { types { fields { type { ofType { name } } } } } users { totalCount } }').depth).toBe(
      2,
    );
    expect(
      measure('{ users { ... on UserConnection { nodes { ...F } } } } fragment F on User { manager { id } }').depth,
    ).toBe(4);
  });

  it("counts a fragment's fields and spreads each time it is spread", () => {
    const measures = measure(`{ a: user(id: 1) { ...U } b: user(id: 2) { ...U } }
      fragment U on User { id manager { ...M } } fragment M on User { id displayName }`);
    expect(measures).toEqual({ depth: 3, fields: 2 * (1 + 2 + 2), fragmentSpreads: 4, rootFields: 2 });
  });

  it('counts root fields through fragments: the mutations a request runs', () => {
    const measures =
      measure(`mutation { a: userDelete(input: {}) { userErrors { code } } ...M ... { c: userDelete(input: {}) { userErrors { code } } } }
      fragment M on Mutation { b: userDelete(input: {}) { userErrors { code } } }`);
    expect(measures.rootFields).toBe(3);
  });

  it('measures each fragment once, so a 40-level fan-out (2^40 spreads) takes no time', () => {
    const started = performance.now();
    const measures = measure(fragmentFanOut(40));
    expect(measures.fragmentSpreads).toBe(2 ** 40 - 1);
    expect(measures.fields).toBe(2 ** 39);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('is safe with fragment cycles and unknown fragments, which validation refuses', () => {
    expect(measure('{ ...A } fragment A on Query { a ...B } fragment B on Query { b ...A ...Missing }')).toEqual({
      depth: 1,
      fields: 2,
      fragmentSpreads: 4,
      rootFields: 2,
    });
  });

  it('follows a chain of 10,000 fragments without recursion', () => {
    expect(measure(fragmentChain(10_000))).toEqual({ depth: 0, fields: 1, fragmentSpreads: 10_000, rootFields: 1 });
  });
});
