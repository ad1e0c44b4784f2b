import { compileStringCondition, stringColumn } from '../../src/domain/directory/shared/conditions';
import { and, not, or, fragment } from '../../src/platform/db/sql-fragment';

describe('string conditions', () => {
  const column = stringColumn('u.title', { nullable: true });

  it('compares ignoring case through the indexed expression', () => {
    expect(compileStringCondition(column, { eq: 'Lead' })).toEqual({
      text: "coalesce(lower(u.title), '') = lower(?)",
      params: ['Lead'],
    });
  });

  it('adds an exact comparison when case matters', () => {
    const compiled = compileStringCondition(column, { eq: 'Lead', caseSensitive: true });
    expect(compiled.text).toBe("(coalesce(lower(u.title), '') = lower(?)) and (u.title = ?)");
  });

  it('matches LIKE wildcards in values literally', () => {
    expect(compileStringCondition(column, { contains: '50%_off\\' }).params).toEqual(['%50\\%\\_off\\\\%']);
  });
});

describe('boolean composition', () => {
  it('folds constants and keeps SCIM two-valued logic under not', () => {
    const a = fragment('a = ?', 1);
    expect(and([])).toEqual(fragment('true'));
    expect(or([])).toEqual(fragment('false'));
    expect(not(a)).toEqual({ text: 'not coalesce((a = ?), false)', params: [1] });
    expect(or([a, fragment('b = ?', 2)])).toEqual({ text: '(a = ?) or (b = ?)', params: [1, 2] });
  });
});
