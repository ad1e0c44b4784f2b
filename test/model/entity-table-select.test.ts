import { USERS } from '../../src/domain/directory/users/user.record';

describe('EntityTable.selectOf', () => {
  it('selects every column when no choice is given', () => {
    expect(USERS.selectOf(undefined)).toBe(USERS.select);
  });

  it('selects the chosen keys and the id, in the entity order', () => {
    expect(USERS.selectOf(['managerId', 'displayName'])).toBe('u.id, u.display_name, u.manager_id');
    expect(USERS.selectOf([])).toBe('u.id');
  });

  it('refuses a key the record does not have', () => {
    expect(() => USERS.selectOf(['nope' as never])).toThrow('users has no column for nope');
  });
});
