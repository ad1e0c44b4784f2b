import type { ConstraintErrors } from '../../../platform/db/database-errors';
import { DomainError, InvalidInputError, UnknownReferenceError } from '../../../platform/errors';
import { quotedKey } from '../shared/constraint-detail';

/** What a violation of a users constraint means (the names are the migrations'). */
export const USER_CONSTRAINTS: ConstraintErrors = {
  users_user_name_unique: (detail) =>
    new DomainError(
      'USER_NAME_TAKEN',
      `Another user already has this userName${quotedKey(detail)} (userNames are unique regardless of case).`,
      ['userName'],
    ),
  users_manager_fk: () => new UnknownReferenceError('The manager does not exist.', ['managerId']),
  users_department_fk: () => new UnknownReferenceError('The department does not exist.', ['departmentId']),
  users_not_own_manager: () => new DomainError('MANAGER_CYCLE', 'A user cannot be their own manager.', ['managerId']),
  users_manager_cycle: () =>
    new DomainError('MANAGER_CYCLE', 'This manager would put the user in their own management chain.', ['managerId']),
  users_user_name_not_blank: () => new InvalidInputError('userName must not be blank.', ['userName']),
};
