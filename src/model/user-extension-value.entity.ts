import { Entity, Index, Property, type Ref } from '@mikro-orm/core';
import { ExtensionAttribute } from './extension-attribute.entity';
import { SameTenant, TenantKey, type TenantRef } from './tenant-owned';
import { User } from './user.entity';

/**
 * The values of users.extension_values, one row per user and declared attribute, kept by a trigger
 * (migrations/sql/080-extension-values.sql) in the typed forms filters and sorting compare through
 * an index: text lower-cased (`text_key`) and as written, numbers, instants. `unique_key` is set
 * only for attributes declared unique, and a unique index holds it.
 */
@Entity({ tableName: 'user_extension_values' })
@Index({
  name: 'user_extension_values_text_idx',
  expression:
    'create index user_extension_values_text_idx on user_extension_values (tenant_id, attribute_id, (text_key collate "C"), user_id)',
})
@Index({
  name: 'user_extension_values_number_idx',
  expression:
    'create index user_extension_values_number_idx on user_extension_values (tenant_id, attribute_id, number_value, user_id) where number_value is not null',
})
@Index({
  name: 'user_extension_values_time_idx',
  expression:
    'create index user_extension_values_time_idx on user_extension_values (tenant_id, attribute_id, time_value, user_id) where time_value is not null',
})
@Index({
  name: 'user_extension_values_unique',
  expression:
    'create unique index user_extension_values_unique on user_extension_values (tenant_id, attribute_id, unique_key) where unique_key is not null',
})
export class UserExtensionValue {
  @TenantKey('user_extension_values', { foreignKey: false })
  tenant!: TenantRef;

  @SameTenant(() => User, {
    column: 'user_id',
    foreignKeyName: 'user_extension_values_user_fk',
    deleteRule: 'cascade',
    primary: true,
  })
  user!: Ref<User>;

  @SameTenant(() => ExtensionAttribute, {
    column: 'attribute_id',
    foreignKeyName: 'user_extension_values_attribute_fk',
    deleteRule: 'cascade',
    primary: true,
  })
  attribute!: Ref<ExtensionAttribute>;

  @Property({ type: 'text' })
  textKey!: string;

  @Property({ type: 'text' })
  exactText!: string;

  @Property({ type: 'decimal', columnType: 'numeric', nullable: true })
  numberValue!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  timeValue!: Date | null;

  @Property({ type: 'text', nullable: true })
  uniqueKey!: string | null;
}
