import { Check, Entity, Index, OptionalProps, PrimaryKey, Property, type Hidden, type Ref } from '@mikro-orm/core';
import type { Department } from './department.entity';
import { SameTenant, TenantKey, type TenantRef } from './tenant-owned';
import type { Address, ExtensionValues, MultiValue } from './values';

/**
 * A person in the directory. Values are stored as they were written: Entra compares what it reads
 * back with what it sent. The *Key columns are lower-cased copies kept by PostgreSQL for lookups
 * and sorting that row-level security lets an index serve (plain `=` is leakproof, lower() is not).
 */
@Entity({ tableName: 'users' })
@Check({ name: 'users_not_own_manager', expression: 'manager_id <> id' })
@Check({ name: 'users_user_name_not_blank', expression: "btrim(user_name) <> ''" })
@Check({ name: 'users_manager_or_pending', expression: 'manager_id is null or pending_manager_reference is null' })
@Check({ name: 'users_extension_values_object', expression: "jsonb_typeof(extension_values) = 'object'" })
@Check({
  name: 'users_multi_valued_are_arrays',
  expression:
    "jsonb_typeof(emails) = 'array' and jsonb_typeof(phone_numbers) = 'array' and jsonb_typeof(addresses) = 'array' and jsonb_typeof(roles) = 'array'",
})
@Index({
  name: 'users_user_name_unique',
  expression: 'create unique index users_user_name_unique on users (tenant_id, user_name_key)',
})
@Index({ name: 'users_external_id_idx', properties: ['tenant', 'externalIdKey'] })
@Index({ name: 'users_display_name_idx', properties: ['tenant', 'displayNameKey', 'id'] })
@Index({ name: 'users_given_name_idx', properties: ['tenant', 'givenNameKey', 'id'] })
@Index({ name: 'users_family_name_idx', properties: ['tenant', 'familyNameKey', 'id'] })
@Index({ name: 'users_employee_number_idx', properties: ['tenant', 'employeeNumberKey', 'id'] })
@Index({ name: 'users_manager_idx', properties: ['tenant', 'manager', 'userNameKey'] })
@Index({ name: 'users_department_idx', properties: ['tenant', 'department', 'userNameKey'] })
@Index({ name: 'users_created_at_idx', properties: ['tenant', 'createdAt', 'id'] })
@Index({ name: 'users_updated_at_idx', properties: ['tenant', 'updatedAt', 'id'] })
@Index({ name: 'users_start_date_idx', properties: ['tenant', 'startDateInstant', 'id'] })
@Index({ name: 'users_leave_date_idx', properties: ['tenant', 'leaveDateInstant', 'id'] })
@Index({
  name: 'users_pending_manager_idx',
  expression:
    'create index users_pending_manager_idx on users (tenant_id, pending_manager_key) where pending_manager_key is not null',
})
@Index({
  name: 'users_active_idx',
  expression: 'create index users_active_idx on users (tenant_id, id) where not active',
})
@Index({
  name: 'users_search_idx',
  expression: 'create index users_search_idx on users using gin (tenant_id, search_text gin_trgm_ops)',
})
@Index({
  name: 'users_search_prefix_idx',
  expression: `create index users_search_prefix_idx on users (tenant_id, ((left(search_text, 64) || chr(1) || user_name_key) collate "C"))`,
})
export class User {
  [OptionalProps]?:
    | 'active'
    | 'emails'
    | 'phoneNumbers'
    | 'addresses'
    | 'roles'
    | 'extensionValues'
    | 'createdAt'
    | 'updatedAt'
    | 'version';

  @TenantKey('users')
  tenant!: TenantRef;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text', nullable: true })
  externalId!: string | null;

  @Property({ type: 'text' })
  userName!: string;

  @Property({ type: 'text', nullable: true })
  displayName!: string | null;

  @Property({ type: 'text', nullable: true })
  nickName!: string | null;

  @Property({ type: 'text', nullable: true })
  profileUrl!: string | null;

  @Property({ type: 'text', nullable: true })
  title!: string | null;

  @Property({ type: 'text', nullable: true })
  userType!: string | null;

  @Property({ type: 'text', nullable: true })
  givenName!: string | null;

  @Property({ type: 'text', nullable: true })
  familyName!: string | null;

  @Property({ type: 'text', nullable: true })
  middleName!: string | null;

  @Property({ type: 'text', nullable: true })
  formattedName!: string | null;

  @Property({ type: 'text', nullable: true })
  honorificPrefix!: string | null;

  @Property({ type: 'text', nullable: true })
  honorificSuffix!: string | null;

  @Property({ type: 'text', nullable: true })
  preferredLanguage!: string | null;

  @Property({ type: 'text', nullable: true })
  locale!: string | null;

  @Property({ type: 'text', nullable: true })
  timezone!: string | null;

  @Property({ type: 'boolean', default: true })
  active!: boolean;

  @Property({ type: 'json', columnType: 'jsonb', default: "'[]'" })
  emails!: MultiValue[];

  @Property({ type: 'json', columnType: 'jsonb', default: "'[]'" })
  phoneNumbers!: MultiValue[];

  @Property({ type: 'json', columnType: 'jsonb', default: "'[]'" })
  addresses!: Address[];

  @Property({ type: 'json', columnType: 'jsonb', default: "'[]'" })
  roles!: MultiValue[];

  @Property({ type: 'text', nullable: true })
  employeeNumber!: string | null;

  @Property({ type: 'text', nullable: true })
  costCenter!: string | null;

  @Property({ type: 'text', nullable: true })
  organization!: string | null;

  @Property({ type: 'text', nullable: true })
  division!: string | null;

  /** The department exactly as it was given (Entra sends a string); `department` is the object it names. */
  @Property({ type: 'text', fieldName: 'department', nullable: true })
  departmentName!: string | null;

  @SameTenant<Department>('Department', {
    column: 'department_id',
    foreignKeyName: 'users_department_fk',
    deleteRule: 'set null',
    nullable: true,
  })
  department!: Ref<Department> | null;

  @SameTenant(() => User, {
    column: 'manager_id',
    foreignKeyName: 'users_manager_fk',
    deleteRule: 'set null',
    nullable: true,
  })
  manager!: Ref<User> | null;

  /**
   * A manager reference that named no user when it was written (not one of our ids, externalIds or
   * userNames yet). It resolves into `manager` when such a user appears; never both at once.
   */
  @Property({ type: 'text', nullable: true })
  pendingManagerReference!: string | null;

  /** When the person starts (Entra: employeeHireDate), an ISO 8601 date-time kept exactly as written. */
  @Property({ type: 'text', nullable: true })
  startDate!: string | null;

  /** When the person leaves (Entra: employeeLeaveDateTime), an ISO 8601 date-time kept exactly as written. */
  @Property({ type: 'text', nullable: true })
  leaveDate!: string | null;

  /**
   * Values of the tenant's declared extension attributes (extension-attribute.entity.ts), keyed
   * `<schema>:<name>` as declared, each a JSON string, number or boolean of the declared type.
   * user_extension_values indexes them.
   */
  @Property({ type: 'json', columnType: 'jsonb', default: "'{}'" })
  extensionValues!: ExtensionValues;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  updatedAt!: Date;

  @Property({ type: 'integer', default: 1 })
  version!: number;

  /** Names, userName and emails folded (unaccented, lower case) for type-ahead search. */
  @Property({
    type: 'text',
    hidden: true,
    generated:
      '(directory_user_search_text(user_name, display_name, given_name, family_name, nick_name, emails)) stored',
  })
  searchText!: Hidden<string>;

  /** The instant of startDate for filters and sorting; -infinity when there is none. */
  @Property({
    type: 'datetime',
    columnType: 'timestamptz',
    hidden: true,
    generated: "(coalesce(directory_instant(start_date), '-infinity'::timestamp with time zone)) stored",
  })
  startDateInstant!: Hidden<Date>;

  @Property({
    type: 'datetime',
    columnType: 'timestamptz',
    hidden: true,
    generated: "(coalesce(directory_instant(leave_date), '-infinity'::timestamp with time zone)) stored",
  })
  leaveDateInstant!: Hidden<Date>;

  @Property({ type: 'text', nullable: true, hidden: true, generated: '(lower(pending_manager_reference)) stored' })
  pendingManagerKey!: Hidden<string | null>;

  @Property({ type: 'text', nullable: true, hidden: true, generated: '(lower(user_name)) stored' })
  userNameKey!: Hidden<string>;

  @Property({ type: 'text', nullable: true, hidden: true, generated: '(lower(external_id)) stored' })
  externalIdKey!: Hidden<string | null>;

  @Property({ type: 'text', nullable: true, hidden: true, generated: "(coalesce(lower(display_name), '')) stored" })
  displayNameKey!: Hidden<string>;

  @Property({ type: 'text', nullable: true, hidden: true, generated: "(coalesce(lower(given_name), '')) stored" })
  givenNameKey!: Hidden<string>;

  @Property({ type: 'text', nullable: true, hidden: true, generated: "(coalesce(lower(family_name), '')) stored" })
  familyNameKey!: Hidden<string>;

  @Property({ type: 'text', nullable: true, hidden: true, generated: "(coalesce(lower(employee_number), '')) stored" })
  employeeNumberKey!: Hidden<string>;
}
