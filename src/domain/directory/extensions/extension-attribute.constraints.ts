import type { ConstraintErrors } from '../../../platform/db/database-errors';
import { DomainError } from '../../../platform/errors';

/** What a violation of an extension_attributes or user_extension_values constraint means. */
export const EXTENSION_ATTRIBUTE_CONSTRAINTS: ConstraintErrors = {
  extension_attributes_path_unique: () =>
    new DomainError(
      'EXTENSION_ATTRIBUTE_EXISTS',
      'This schema already has an attribute of this name (names are compared ignoring case).',
      ['name'],
    ),
  user_extension_values_unique: () =>
    new DomainError(
      'EXTENSION_VALUE_TAKEN',
      'Another user already has this value of an extension attribute declared unique.',
      ['extensionAttributes'],
    ),
};
