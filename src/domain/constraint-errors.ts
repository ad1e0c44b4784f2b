import type { ConstraintErrors } from '../platform/db/database-errors';
import { ENTRA_CONNECTION_CONSTRAINTS } from './accounts/entra/entra-connection.constraints';
import { SSO_SETTINGS_CONSTRAINTS } from './accounts/sso/sso-settings.constraints';
import { TENANT_CONSTRAINTS } from './accounts/tenants/tenant.constraints';
import { DEPARTMENT_CONSTRAINTS } from './directory/departments/department.constraints';
import { EXTENSION_ATTRIBUTE_CONSTRAINTS } from './directory/extensions/extension-attribute.constraints';
import { GROUP_CONSTRAINTS } from './directory/groups/group.constraints';
import { USER_CONSTRAINTS } from './directory/users/user.constraints';

/** Every constraint whose violation a client can cause, with the domain error it means. */
export const CONSTRAINT_ERRORS: ConstraintErrors = {
  ...USER_CONSTRAINTS,
  ...GROUP_CONSTRAINTS,
  ...DEPARTMENT_CONSTRAINTS,
  ...EXTENSION_ATTRIBUTE_CONSTRAINTS,
  ...TENANT_CONSTRAINTS,
  ...SSO_SETTINGS_CONSTRAINTS,
  ...ENTRA_CONNECTION_CONSTRAINTS,
};
