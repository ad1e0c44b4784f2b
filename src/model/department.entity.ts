import { Check, Entity, Index, OptionalProps, PrimaryKey, Property, type Hidden, type Ref } from '@mikro-orm/core';
import { SameTenant, TenantKey, type TenantRef } from './tenant-owned';
import { User } from './user.entity';

/** A department. Entra sends departments as strings; the directory keeps one per name (ignoring case). */
@Entity({ tableName: 'departments' })
@Check({ name: 'departments_not_own_parent', expression: 'parent_id <> id' })
@Check({ name: 'departments_name_not_blank', expression: "btrim(name) <> ''" })
@Index({
  name: 'departments_name_unique',
  expression: 'create unique index departments_name_unique on departments (tenant_id, name_key)',
})
@Index({ name: 'departments_parent_idx', properties: ['tenant', 'parent'] })
@Index({ name: 'departments_head_idx', properties: ['tenant', 'headUser'] })
@Index({ name: 'departments_created_at_idx', properties: ['tenant', 'createdAt', 'id'] })
@Index({ name: 'departments_updated_at_idx', properties: ['tenant', 'updatedAt', 'id'] })
export class Department {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'version';

  @TenantKey('departments')
  tenant!: TenantRef;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @SameTenant(() => Department, {
    column: 'parent_id',
    foreignKeyName: 'departments_parent_fk',
    deleteRule: 'set null',
    nullable: true,
  })
  parent!: Ref<Department> | null;

  @SameTenant(() => User, {
    column: 'head_user_id',
    foreignKeyName: 'departments_head_fk',
    deleteRule: 'set null',
    nullable: true,
  })
  headUser!: Ref<User> | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  updatedAt!: Date;

  @Property({ type: 'integer', default: 1 })
  version!: number;

  @Property({ type: 'text', nullable: true, hidden: true, generated: '(lower(name)) stored' })
  nameKey!: Hidden<string>;
}
