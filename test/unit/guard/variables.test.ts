import { measureVariables } from '../../../src/api/graphql/guard/variables';
import { nestedNotFilterJson } from '../../support/hostile-documents';

const roomy = { maxDepth: 1_000_000, maxValues: 1_000_000 };

const nestedNot = (levels: number) => JSON.parse(nestedNotFilterJson(levels)) as Record<string, unknown>;

describe('measureVariables', () => {
  it('measures the deepest variable and counts every value', () => {
    expect(measureVariables({}, roomy)).toEqual({ depth: 0, values: 0 });
    expect(measureVariables({ id: 'x', first: 10, after: null }, roomy)).toEqual({ depth: 0, values: 3 });
    expect(measureVariables({ filter: { and: [{ active: true }, { title: { eq: 'x' } }] } }, roomy)).toEqual({
      depth: 4,
      values: 7,
    });
  });

  it('measures a filter nested 100,000 levels deep without recursion', () => {
    expect(measureVariables({ filter: nestedNot(100_000) }, roomy)).toEqual({ depth: 100_001, values: 100_002 });
  });

  it('stops once a limit is passed', () => {
    expect(measureVariables({ filter: nestedNot(100_000) }, { maxDepth: 20, maxValues: 1_000_000 }).depth).toBe(21);
    const ids = { ids: Array.from({ length: 100_000 }, (_, i) => String(i)) };
    expect(measureVariables(ids, { maxDepth: 20, maxValues: 1_000 }).values).toBe(1_001);
  });
});
