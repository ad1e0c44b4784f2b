import { Migration } from '@mikro-orm/migrations';
import { tenantIsolation } from './support/tenant-isolation';

/**
 * What tenants really map:
 * - extension_attributes: the attributes a tenant declares (schema URN, name, type), and on users
 *   their values (users.extension_values, keyed `<schema>:<name>` as declared) with
 *   user_extension_values, kept by a trigger (migrations/sql/080-extension-values.sql), as the
 *   index that filters, sorts and uniqueness use;
 * - start and leave dates, kept as written, with their instants for filters and sorting;
 * - a manager reference that named no user yet, kept pending until such a user appears;
 * - provisioning log warnings, and the undeclared attributes clients have been sending.
 */
export class Migration20261202010000_tenant_mapping extends Migration {
  override async up(): Promise<void> {
    // The function as of this migration (a generated column needs it now); migrations/sql holds the one in force.
    this.addSql(`
      create or replace function directory_instant(value text) returns timestamptz
      language sql immutable parallel safe
      as $$
        select case
          when value is null then null
          when value ~ '[Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}(:?\\d{2})?)$' then value::timestamptz
          when value ~ '[Tt ]' then (value || '+00:00')::timestamptz
          else (value || 'T00:00:00+00:00')::timestamptz
        end
      $$;`);

    this.addSql(`alter table users add column start_date text null, add column leave_date text null;`);
    this.addSql(`
      alter table users
        add column start_date_instant timestamptz not null
          generated always as (coalesce(directory_instant(start_date), '-infinity'::timestamptz)) stored,
        add column leave_date_instant timestamptz not null
          generated always as (coalesce(directory_instant(leave_date), '-infinity'::timestamptz)) stored;`);
    this.addSql(`create index users_start_date_idx on users (tenant_id, start_date_instant, id);`);
    this.addSql(`create index users_leave_date_idx on users (tenant_id, leave_date_instant, id);`);

    this.addSql(`
      alter table users
        add column pending_manager_reference text null,
        add column pending_manager_key text null generated always as (lower(pending_manager_reference)) stored,
        add constraint users_manager_or_pending check (manager_id is null or pending_manager_reference is null);`);
    this.addSql(`
      create index users_pending_manager_idx on users (tenant_id, pending_manager_key)
        where pending_manager_key is not null;`);

    this.addSql(`
      alter table users
        add column extension_values jsonb not null default '{}',
        add constraint users_extension_values_object check (jsonb_typeof(extension_values) = 'object');`);

    this.addSql(`
      create table extension_attributes (
        tenant_id uuid not null,
        id uuid not null,
        schema text not null,
        name text not null,
        type text not null,
        description text null,
        case_exact boolean not null default false,
        is_unique boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        path_key text not null generated always as (lower(schema || ':' || name)) stored,
        constraint extension_attributes_pkey primary key (tenant_id, id),
        constraint extension_attributes_tenant_fk foreign key (tenant_id) references tenants (id) on delete cascade,
        constraint extension_attributes_type_check check (type in ('string', 'boolean', 'integer', 'decimal', 'date_time'))
      );`);
    this.addSql(`create unique index extension_attributes_path_unique on extension_attributes (tenant_id, path_key);`);
    for (const statement of tenantIsolation('extension_attributes')) this.addSql(statement);

    this.addSql(`
      create table user_extension_values (
        tenant_id uuid not null,
        user_id uuid not null,
        attribute_id uuid not null,
        text_key text not null,
        exact_text text not null,
        number_value numeric null,
        time_value timestamptz null,
        unique_key text null,
        constraint user_extension_values_pkey primary key (tenant_id, user_id, attribute_id),
        constraint user_extension_values_user_fk foreign key (tenant_id, user_id)
          references users (tenant_id, id) on delete cascade,
        constraint user_extension_values_attribute_fk foreign key (tenant_id, attribute_id)
          references extension_attributes (tenant_id, id) on delete cascade
      );`);
    this.addSql(`
      create index user_extension_values_text_idx
        on user_extension_values (tenant_id, attribute_id, (text_key collate "C"), user_id);`);
    this.addSql(`
      create index user_extension_values_number_idx
        on user_extension_values (tenant_id, attribute_id, number_value, user_id) where number_value is not null;`);
    this.addSql(`
      create index user_extension_values_time_idx
        on user_extension_values (tenant_id, attribute_id, time_value, user_id) where time_value is not null;`);
    this.addSql(`
      create unique index user_extension_values_unique
        on user_extension_values (tenant_id, attribute_id, unique_key) where unique_key is not null;`);
    for (const statement of tenantIsolation('user_extension_values')) this.addSql(statement);

    this.addSql(`alter table provisioning_events add column warnings text[] not null default '{}';`);

    this.addSql(`
      create table undeclared_extension_attributes (
        tenant_id uuid not null,
        path_key text not null,
        path text not null,
        request_count bigint not null default 1,
        first_seen_at timestamptz not null default now(),
        last_seen_at timestamptz not null default now(),
        constraint undeclared_extension_attributes_pkey primary key (tenant_id, path_key),
        constraint undeclared_extension_attributes_tenant_fk foreign key (tenant_id) references tenants (id) on delete cascade
      );`);
    for (const statement of tenantIsolation('undeclared_extension_attributes')) this.addSql(statement);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists undeclared_extension_attributes;`);
    this.addSql(`alter table provisioning_events drop column if exists warnings;`);
    this.addSql(`drop trigger if exists users_extension_values_insert on users;`);
    this.addSql(`drop trigger if exists users_extension_values_update on users;`);
    this.addSql(`drop function if exists directory_maintain_user_extension_values();`);
    this.addSql(`drop table if exists user_extension_values;`);
    this.addSql(`drop table if exists extension_attributes;`);
    this.addSql(`
      alter table users drop column if exists extension_values, drop column if exists pending_manager_key,
        drop column if exists pending_manager_reference, drop column if exists start_date_instant,
        drop column if exists leave_date_instant, drop column if exists start_date, drop column if exists leave_date;`);
    this.addSql(`drop function if exists directory_instant(text);`);
  }
}
