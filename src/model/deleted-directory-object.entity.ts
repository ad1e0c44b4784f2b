import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantKey, type TenantRef } from './tenant-owned';

export type DeletedObjectType = 'user' | 'group';

/**
 * A deleted user or group, restorable until the purge removes it after the retention window: the
 * row as it was (snapshot) and what it was part of (relations), nothing else.
 */
@Entity({ tableName: 'deleted_directory_objects' })
@Index({ name: 'deleted_directory_objects_list_idx', properties: ['tenant', 'objectType', 'deletedAt', 'id'] })
@Index({ name: 'deleted_directory_objects_deleted_at_idx', properties: ['deletedAt'] })
export class DeletedDirectoryObject {
  [OptionalProps]?: 'deletedAt' | 'relations';

  @TenantKey('deleted_directory_objects')
  tenant!: TenantRef;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Enum({ items: ['user', 'group'] })
  objectType!: DeletedObjectType;

  /** The userName or displayName it had. */
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  deletedAt!: Date;

  @Property({ type: 'json', columnType: 'jsonb' })
  snapshot!: Record<string, unknown>;

  @Property({ type: 'json', columnType: 'jsonb', default: "'{}'" })
  relations!: Record<string, unknown>;
}
