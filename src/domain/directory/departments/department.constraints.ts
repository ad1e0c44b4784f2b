import type { ConstraintErrors } from '../../../platform/db/database-errors';
import { DomainError, InvalidInputError, UnknownReferenceError } from '../../../platform/errors';
import { quotedKey } from '../shared/constraint-detail';

/** What a violation of a departments constraint means (the names are the migrations'). */
export const DEPARTMENT_CONSTRAINTS: ConstraintErrors = {
  departments_name_unique: (detail) =>
    new DomainError('DEPARTMENT_NAME_TAKEN', `Another department already has this name${quotedKey(detail)}.`, ['name']),
  departments_parent_fk: () => new UnknownReferenceError('The parent department does not exist.', ['parentId']),
  departments_head_fk: () => new UnknownReferenceError('The head of department does not exist.', ['headUserId']),
  departments_not_own_parent: () =>
    new DomainError('DEPARTMENT_CYCLE', 'A department cannot be its own parent.', ['parentId']),
  departments_cycle: () =>
    new DomainError('DEPARTMENT_CYCLE', 'This parent would make the department its own ancestor.', ['parentId']),
  departments_name_not_blank: () => new InvalidInputError('A department name must not be blank.', ['name']),
};
