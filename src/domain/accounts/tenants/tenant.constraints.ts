import type { ConstraintErrors } from '../../../platform/db/database-errors';
import { InvalidInputError } from '../../../platform/errors';

/** What a violation of a tenants constraint means (the names are the migrations'). */
export const TENANT_CONSTRAINTS: ConstraintErrors = {
  tenants_name_not_blank: () => new InvalidInputError('A tenant name must not be blank.', ['name']),
};
