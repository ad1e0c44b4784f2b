import { Entity, Index, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { SameTenant, TenantKey, type TenantRef } from './tenant-owned';
import { User } from './user.entity';

/**
 * The lower-cased email addresses of users, kept by a trigger from users.emails (migrations/sql):
 * "the user with this email" is then a lookup by plain `=`, which row-level security lets an index
 * serve (jsonb containment is not leakproof).
 */
@Entity({ tableName: 'user_emails' })
@Index({ name: 'user_emails_value_idx', properties: ['tenant', 'valueKey', 'typeKey'] })
export class UserEmail {
  @TenantKey('user_emails', { foreignKey: false })
  tenant!: TenantRef;

  @SameTenant(() => User, {
    column: 'user_id',
    foreignKeyName: 'user_emails_user_fk',
    deleteRule: 'cascade',
    primary: true,
  })
  user!: Ref<User>;

  /** The element's position in users.emails (from 1). */
  @PrimaryKey({ type: 'integer' })
  position!: number;

  @Property({ type: 'text' })
  valueKey!: string;

  @Property({ type: 'text' })
  typeKey!: string;
}
