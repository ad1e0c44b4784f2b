import { Check, Entity, Index, OptionalProps, PrimaryKey, Property, type Hidden } from '@mikro-orm/core';
import { TenantKey, type TenantRef } from './tenant-owned';

/**
 * A group of users and groups. Its name is unique per tenant ignoring case: Entra matches groups
 * by displayName, and two groups with one name would make it merge them.
 */
@Entity({ tableName: 'groups' })
@Check({ name: 'groups_display_name_not_blank', expression: "btrim(display_name) <> ''" })
@Index({
  name: 'groups_display_name_unique',
  expression: 'create unique index groups_display_name_unique on groups (tenant_id, display_name_key)',
})
@Index({ name: 'groups_external_id_idx', properties: ['tenant', 'externalIdKey'] })
@Index({ name: 'groups_created_at_idx', properties: ['tenant', 'createdAt', 'id'] })
@Index({ name: 'groups_updated_at_idx', properties: ['tenant', 'updatedAt', 'id'] })
@Index({
  name: 'groups_search_idx',
  expression: 'create index groups_search_idx on groups using gin (tenant_id, search_text gin_trgm_ops)',
})
@Index({
  name: 'groups_search_prefix_idx',
  expression: `create index groups_search_prefix_idx on groups (tenant_id, ((left(search_text, 64) || chr(1) || display_name_key) collate "C"))`,
})
export class Group {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'version';

  @TenantKey('groups')
  tenant!: TenantRef;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text', nullable: true })
  externalId!: string | null;

  @Property({ type: 'text' })
  displayName!: string;

  @Property({ type: 'text', nullable: true })
  description!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  updatedAt!: Date;

  @Property({ type: 'integer', default: 1 })
  version!: number;

  @Property({ type: 'text', hidden: true, generated: '(directory_fold(display_name)) stored' })
  searchText!: Hidden<string>;

  @Property({ type: 'text', nullable: true, hidden: true, generated: '(lower(display_name)) stored' })
  displayNameKey!: Hidden<string>;

  @Property({ type: 'text', nullable: true, hidden: true, generated: '(lower(external_id)) stored' })
  externalIdKey!: Hidden<string | null>;
}
