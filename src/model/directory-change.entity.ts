import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantKey, type TenantRef } from './tenant-owned';

export const OBJECT_TYPES = ['user', 'group', 'department'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

export type ChangeType =
  | 'created'
  | 'updated'
  | 'deactivated'
  | 'reactivated'
  | 'deleted'
  | 'restored'
  | 'manager_changed'
  | 'member_added'
  | 'member_removed';

/**
 * The change record (outbox): what every mutation changed, written in its transaction with an id
 * and no sequence number; readers of the feed number the committed changes first, per tenant and
 * in the order they became visible (migrations/sql/070-change-sequencing.sql).
 */
@Entity({ tableName: 'directory_changes' })
@Index({ name: 'directory_changes_object_idx', properties: ['tenant', 'objectId', 'seq'] })
@Index({
  name: 'directory_changes_seq_unique',
  expression:
    'create unique index directory_changes_seq_unique on directory_changes (tenant_id, seq) where seq is not null',
})
@Index({
  name: 'directory_changes_unsequenced_idx',
  expression: 'create index directory_changes_unsequenced_idx on directory_changes (tenant_id, id) where seq is null',
})
@Index({ name: 'directory_changes_occurred_at_idx', properties: ['tenant', 'occurredAt'] })
@Index({ name: 'directory_changes_purge_idx', properties: ['occurredAt'] })
export class DirectoryChange {
  [OptionalProps]?: 'id' | 'seq' | 'occurredAt' | 'changedFields' | 'data';

  @TenantKey('directory_changes')
  tenant!: TenantRef;

  /** Global, in insertion order; bigint, read as a string. */
  @PrimaryKey({ type: 'bigint', columnType: 'bigint', autoincrement: true, generated: 'identity' })
  id!: string;

  /** The position in the tenant's feed, given when a reader first needs it; bigint, read as a string. */
  @Property({ type: 'bigint', columnType: 'bigint', nullable: true })
  seq!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  occurredAt!: Date;

  @Enum({ items: [...OBJECT_TYPES] })
  objectType!: ObjectType;

  @Property({ type: 'uuid' })
  objectId!: string;

  @Property({ type: 'text' })
  changeType!: ChangeType;

  @Property({ type: 'text[]', columnType: 'text[]', defaultRaw: "'{}'" })
  changedFields!: string[];

  @Property({ type: 'json', columnType: 'jsonb', default: "'{}'" })
  data!: Record<string, unknown>;

  /** Who made the change: "scim:<token id>", "graphql:<token id>", "sso:<user id>", "cli". */
  @Property({ type: 'text' })
  actor!: string;
}
