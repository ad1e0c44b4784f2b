import { bracketNesting } from '../../../src/api/graphql/guard/text-scan';

describe('bracketNesting', () => {
  it('counts selections, arguments, lists and input objects inside each other', () => {
    expect(bracketNesting('{ users(filter: { and: [{ active: true }] }) { nodes { id } } }')).toBe(5);
    expect(bracketNesting('query { a } query { b }')).toBe(1);
    expect(bracketNesting('')).toBe(0);
  });

  it('ignores brackets in strings, block strings and comments', () => {
    expect(bracketNesting('{ users(search: "{{[[((\\"{{") { id } }')).toBe(2);
    expect(bracketNesting('{ a(text: """ {{{ \\""" [[[ """) }')).toBe(2);
    expect(bracketNesting('# {{{{{{\n{ a }')).toBe(1);
  });

  it('still counts brackets after an unterminated string, which the parser refuses anyway', () => {
    expect(bracketNesting('{ a(x: "open\n{{{ } } }')).toBe(5);
  });

  it('measures 100,000 levels in one pass, where a recursive parser would overflow the stack', () => {
    expect(bracketNesting('{'.repeat(100_000) + '}'.repeat(100_000))).toBe(100_000);
  });
});
