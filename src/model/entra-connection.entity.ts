import { Entity, OptionalProps, Property, Unique } from '@mikro-orm/core';
import { TenantKey, type TenantRef } from './tenant-owned';

/**
 * A tenant's connection to its organization's Microsoft Entra tenant, made when an Entra
 * administrator signed in and consented ("Connect Microsoft Entra ID"). The Entra tenant id comes
 * from a verified ID token, never from a request parameter. An Entra tenant connects to one
 * Evercate tenant only, so that index spans tenants, like the single sign-on issuer's.
 */
@Entity({ tableName: 'entra_connections' })
@Unique({ name: 'entra_connections_entra_tenant_unique', properties: ['entraTenantId'] })
export class EntraConnection {
  [OptionalProps]?: 'connectedAt';

  @TenantKey('entra_connections')
  tenant!: TenantRef;

  /** The Entra tenant (directory) id: the ID token's `tid`. */
  @Property({ type: 'uuid' })
  entraTenantId!: string;

  /** The issuer the ID token was verified against, `<authority>/<tid>/v2.0`; single sign-on uses it. */
  @Property({ type: 'text' })
  issuer!: string;

  /** The application (client) id the administrator consented to; single sign-on's audience. */
  @Property({ type: 'text' })
  applicationId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  connectedAt!: Date;

  /** Who consented, as the ID token names them: "Ada Lovelace (ada@contoso.com)". */
  @Property({ type: 'text' })
  connectedBy!: string;

  /** Their Entra object id (`oid`), which never changes. */
  @Property({ type: 'uuid' })
  connectedByObjectId!: string;
}
