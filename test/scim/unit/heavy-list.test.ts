import { isHeavyList } from '../../../scim-facade/filter/heavy-list';

describe('isHeavyList', () => {
  it('a list found by equality is light: what Entra sends before a create (C-03), and equalities joined', () => {
    expect(isHeavyList({ filter: 'userName eq "a@x.com"' })).toBe(false);
    expect(isHeavyList({ filter: 'externalId eq "1" and userName eq "a"' })).toBe(false);
    expect(isHeavyList({ filter: 'emails[value eq "a@x.com"]' })).toBe(false);
  });

  it('a list without a filter, or with any other comparison, is heavy', () => {
    expect(isHeavyList({})).toBe(true);
    expect(isHeavyList({ filter: 'displayName co "a"' })).toBe(true);
    expect(isHeavyList({ filter: 'userName sw "a"' })).toBe(true);
    expect(isHeavyList({ filter: 'meta.lastModified gt "2026-01-01T00:00:00Z"' })).toBe(true);
    expect(isHeavyList({ filter: 'title pr' })).toBe(true);
    expect(isHeavyList({ filter: 'not (userName eq "a")' })).toBe(true);
    expect(isHeavyList({ filter: 'userName eq "a" or displayName co "b"' })).toBe(true);
  });

  it('a filter that does not parse is not heavy: it is answered 400 before anything is read', () => {
    expect(isHeavyList({ filter: 'userName eq' })).toBe(false);
    expect(isHeavyList({ filter: ['a', 'b'] })).toBe(false);
  });
});
