import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property, type Hidden } from '@mikro-orm/core';
import { TenantKey, type TenantRef } from './tenant-owned';

export const EXTENSION_ATTRIBUTE_TYPES = ['string', 'boolean', 'integer', 'decimal', 'date_time'] as const;
export type ExtensionAttributeKind = (typeof EXTENSION_ATTRIBUTE_TYPES)[number];

/**
 * An attribute a tenant declared in an extension schema of its own
 * (`urn:ietf:params:scim:schemas:extension:<Name>:2.0:User`), so that what its identity provider
 * maps there is stored, returned, filtered and shown in /Schemas. Schema and name are compared
 * ignoring case and never change; the values live on users (users.extension_values).
 */
@Entity({ tableName: 'extension_attributes' })
@Index({
  name: 'extension_attributes_path_unique',
  expression: 'create unique index extension_attributes_path_unique on extension_attributes (tenant_id, path_key)',
})
export class ExtensionAttribute {
  [OptionalProps]?: 'caseExact' | 'isUnique' | 'createdAt' | 'updatedAt';

  @TenantKey('extension_attributes')
  tenant!: TenantRef;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** The extension schema URN, as declared. */
  @Property({ type: 'text' })
  schema!: string;

  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: [...EXTENSION_ATTRIBUTE_TYPES] })
  type!: ExtensionAttributeKind;

  @Property({ type: 'text', nullable: true })
  description!: string | null;

  /** Whether text values compare case-sensitively (filters, uniqueness). */
  @Property({ type: 'boolean', default: false })
  caseExact!: boolean;

  /** Whether no two users may have the same value. */
  @Property({ type: 'boolean', default: false })
  isUnique!: boolean;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  updatedAt!: Date;

  /** `<schema>:<name>` lower-cased: the key a value is found by, ignoring case. */
  @Property({ type: 'text', hidden: true, generated: "(lower(schema || ':' || name)) stored" })
  pathKey!: Hidden<string>;
}
