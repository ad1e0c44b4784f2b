import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantKey, type TenantRef } from './tenant-owned';

/**
 * An extension attribute a client (Entra) sent that the tenant has not declared, so it was not
 * stored: how often and when last, for the admin deciding what to declare. Written with the
 * provisioning log entry of each request that carried one; removed when it is declared.
 */
@Entity({ tableName: 'undeclared_extension_attributes' })
export class UndeclaredExtensionAttribute {
  [OptionalProps]?: 'requestCount' | 'firstSeenAt' | 'lastSeenAt';

  @TenantKey('undeclared_extension_attributes')
  tenant!: TenantRef;

  /** The path lower-cased. */
  @PrimaryKey({ type: 'text' })
  pathKey!: string;

  /** `<schema>:<name>` as last sent. */
  @Property({ type: 'text' })
  path!: string;

  /** bigint, read as a string. */
  @Property({ type: 'bigint', columnType: 'bigint', default: 1 })
  requestCount!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  firstSeenAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  lastSeenAt!: Date;
}
