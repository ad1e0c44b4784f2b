import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantKey, type TenantRef } from './tenant-owned';

/**
 * One SCIM request that changed something or failed: what Entra did and why something failed, for
 * the tenant's admin. Never holds a credential.
 */
@Entity({ tableName: 'provisioning_events' })
@Index({ name: 'provisioning_events_resource_idx', properties: ['tenant', 'resourceId', 'id'] })
@Index({ name: 'provisioning_events_occurred_at_idx', properties: ['tenant', 'occurredAt'] })
@Index({ name: 'provisioning_events_purge_idx', properties: ['occurredAt'] })
export class ProvisioningEvent {
  [OptionalProps]?: 'id' | 'occurredAt' | 'warnings';

  @TenantKey('provisioning_events')
  tenant!: TenantRef;

  /** An identity column: ids grow with time, so the key also orders the log. Read as a string. */
  @PrimaryKey({ type: 'bigint', columnType: 'bigint', autoincrement: true, generated: 'identity' })
  id!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  occurredAt!: Date;

  @Property({ type: 'text', nullable: true })
  requestId!: string | null;

  @Property({ type: 'text' })
  method!: string;

  @Property({ type: 'text' })
  path!: string;

  @Property({ type: 'text' })
  operation!: string;

  @Property({ type: 'text', nullable: true })
  resourceType!: string | null;

  @Property({ type: 'text', nullable: true })
  resourceId!: string | null;

  @Property({ type: 'integer' })
  status!: number;

  @Enum({ items: ['success', 'failure'] })
  outcome!: 'success' | 'failure';

  @Property({ type: 'text', nullable: true })
  scimType!: string | null;

  @Property({ type: 'text', nullable: true })
  detail!: string | null;

  /** What was done otherwise than asked, for a request that succeeded: an ignored attribute, a pending manager. */
  @Property({ type: 'text[]', columnType: 'text[]', defaultRaw: "'{}'" })
  warnings!: string[];
  /**
   * Who made the request, as in the change record: `scim:<token id>` for the SCIM secret token,
   * `oauth:<client id>` for an OAuth client's access token. Null for entries from before it was kept.
   */
  @Property({ type: 'text', nullable: true })
  actor!: string | null;
}
