import { encodeCursor, planKeysetPage, toPage } from '../../src/platform/pagination';
import { userSortKey } from '../../src/domain/directory/users/user.sort';
import { DomainError } from '../../src/platform/errors';

describe('keyset pagination', () => {
  const sort = userSortKey('DISPLAY_NAME');

  it('plans a page after a cursor with the id as tie-breaker', () => {
    const cursor = encodeCursor(sort.name, 'ann', '00000000-0000-4000-8000-000000000001');
    const plan = planKeysetPage(sort, 'u.id', { first: 10, after: cursor });
    expect(plan.after.text).toBe('(u.display_name_key, u.id) > (?::text, ?::uuid)');
    expect(plan.after.params).toEqual(['ann', '00000000-0000-4000-8000-000000000001']);
    expect(plan.limit).toBe(11);
    expect(plan.orderBy).toBe('u.display_name_key asc, u.id asc');
  });

  it('refuses a cursor made for another order', () => {
    const cursor = encodeCursor(userSortKey('USER_NAME').name, 'ann', '00000000-0000-4000-8000-000000000001');
    expect(() => planKeysetPage(sort, 'u.id', { after: cursor })).toThrow(DomainError);
  });

  it('refuses page sizes outside 0..100', () => {
    expect(() => planKeysetPage(sort, 'u.id', { first: 101 })).toThrow('first must be between 0 and 100.');
    expect(() => planKeysetPage(sort, 'u.id', { first: -1 })).toThrow(DomainError);
  });

  it('uses the extra row only to tell whether another page follows', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `00000000-0000-4000-8000-00000000000${n}`, sort_key: `k${n}` }));
    const page = toPage(rows, sort, { first: 2 }, (row) => row.id);
    expect(page.items).toHaveLength(2);
    expect(page.hasNextPage).toBe(true);
    expect(page.hasPreviousPage).toBe(false);
  });
});
