import { EntraConnection } from '../../../model/entra-connection.entity';
import { table } from '../../../model/tables';
import type { RecordOf } from '../../../platform/db/entity-table';

/** A tenant's connection to its Entra tenant (src/model/entra-connection.entity.ts). */
export type EntraConnectionRecord = RecordOf<EntraConnection> & {
  /** Single sign-on is configured for the connection's issuer and application, and allowed. */
  singleSignOnAllowed: boolean;
};

/** The entra_connections table for hand-written SQL, aliased `c`. */
export const ENTRA_CONNECTIONS = table(EntraConnection, 'c');

/**
 * What a verified ID token of an Entra administrator says, and where its tenant's single sign-on
 * keys are: all the connection needs. The api layer verifies the token (src/api/auth/entra).
 */
export interface EntraAdministrator {
  entraTenantId: string;
  /** `<authority>/<tid>/v2.0`, the token's verified `iss`. */
  issuer: string;
  /** `<authority>/<tid>/discovery/v2.0/keys`. */
  jwksUri: string;
  /** The application (client) id, the token's verified `aud`. */
  applicationId: string;
  objectId: string;
  /** "Ada Lovelace (ada@contoso.com)", or whichever of the two the token has. */
  displayName: string;
}

/**
 * The app role an organization's Entra administrators assign to the people who administer
 * Evercate: it is in their ID tokens' `roles` claim, and gives them the admin scope when they sign
 * in. Defined once in the multi-tenant app registration (README, "Connect Microsoft Entra ID").
 */
export const ENTRA_ADMIN_ROLE = 'Evercate.Admin';

/** The name of the SCIM token that connecting issues for Entra's Secret Token field. */
export const PROVISIONING_TOKEN_NAME = 'Microsoft Entra provisioning';
