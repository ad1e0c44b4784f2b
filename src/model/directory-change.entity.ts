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
 * The change record (outbox): what every mutation changed, written in its transaction. The
 * sequence number is per tenant and in commit order (see DirectoryChangeCounter).
 */
@Entity({ tableName: 'directory_changes' })
@Index({ name: 'directory_changes_object_idx', properties: ['tenant', 'objectId', 'seq'] })
@Index({ name: 'directory_changes_occurred_at_idx', properties: ['tenant', 'occurredAt'] })
@Index({ name: 'directory_changes_purge_idx', properties: ['occurredAt'] })
export class DirectoryChange {
  [OptionalProps]?: 'occurredAt' | 'changedFields' | 'data';

  @TenantKey('directory_changes')
  tenant!: TenantRef;

  /** bigint, read as a string: sequence numbers may outgrow a JavaScript number. */
  @PrimaryKey({ type: 'bigint', columnType: 'bigint' })
  seq!: string;

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
