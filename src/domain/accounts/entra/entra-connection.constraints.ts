import type { ConstraintErrors } from '../../../platform/db/database-errors';
import { DomainError } from '../../../platform/errors';

/** What a violation of an entra_connections constraint means (the names are the migration's). */
export const ENTRA_CONNECTION_CONSTRAINTS: ConstraintErrors = {
  entra_connections_entra_tenant_unique: () =>
    new DomainError(
      'ENTRA_TENANT_TAKEN',
      'This Microsoft Entra tenant is already connected to another Evercate tenant, so its users and sign-ins ' +
        'would not know which one they belong to. Disconnect it there first (admin page, "Disconnect"), or sign ' +
        'in to Microsoft with an administrator of the organization this Evercate tenant belongs to.',
    ),
};
