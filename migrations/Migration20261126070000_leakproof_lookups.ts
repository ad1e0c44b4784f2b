import { Migration } from '@mikro-orm/migrations';
import { tenantIsolation } from './support/tenant-isolation';

/**
 * Lookups that row-level security lets PostgreSQL serve from an index.
 *
 * Request work runs under row-level security, and PostgreSQL then applies a query's conditions
 * before the policy's only when they are leakproof. `=` and `<` on text are; lower(), LIKE,
 * array and jsonb containment are not. So an index on lower(user_name) could not serve
 * `lower(user_name) = lower($1)`: every lookup read all of the tenant's rows.
 *
 * - Lower-cased lookup keys become stored columns, compared with plain (leakproof) `=`.
 * - Email addresses get a table of their own, looked up by `=`.
 * - Substring search (LIKE on pg_trgm, never leakproof) goes through two SECURITY DEFINER
 *   functions that return ids of the current tenant only (directory_current_tenant(), the same
 *   setting the policies use), so the trigram indexes serve it.
 */
export class Migration20261126070000_leakproof_lookups extends Migration {
  override async up(): Promise<void> {
    const keys: Array<[table: string, column: string, expression: string]> = [
      ['users', 'user_name_key', 'lower(user_name)'],
      ['users', 'external_id_key', 'lower(external_id)'],
      ['users', 'display_name_key', "coalesce(lower(display_name), '')"],
      ['users', 'given_name_key', "coalesce(lower(given_name), '')"],
      ['users', 'family_name_key', "coalesce(lower(family_name), '')"],
      ['users', 'employee_number_key', "coalesce(lower(employee_number), '')"],
      ['groups', 'display_name_key', 'lower(display_name)'],
      ['groups', 'external_id_key', 'lower(external_id)'],
      ['departments', 'name_key', 'lower(name)'],
    ];
    for (const [table, column, expression] of keys) {
      this.addSql(`alter table ${table} add column ${column} text generated always as (${expression}) stored;`);
    }

    this.addSql(`drop index users_user_name_unique;`);
    this.addSql(`create unique index users_user_name_unique on users (tenant_id, user_name_key);`);
    this.addSql(`drop index users_external_id_idx;`);
    this.addSql(`create index users_external_id_idx on users (tenant_id, external_id_key);`);
    for (const name of ['display_name', 'given_name', 'family_name', 'employee_number']) {
      this.addSql(`drop index users_${name}_idx;`);
      this.addSql(`create index users_${name}_idx on users (tenant_id, ${name}_key, id);`);
    }
    this.addSql(`drop index users_manager_idx;`);
    this.addSql(`create index users_manager_idx on users (tenant_id, manager_id, user_name_key);`);
    this.addSql(`drop index users_department_idx;`);
    this.addSql(`create index users_department_idx on users (tenant_id, department_id, user_name_key);`);
    this.addSql(`drop index groups_display_name_unique;`);
    this.addSql(`create unique index groups_display_name_unique on groups (tenant_id, display_name_key);`);
    this.addSql(`drop index groups_external_id_idx;`);
    this.addSql(`create index groups_external_id_idx on groups (tenant_id, external_id_key);`);
    this.addSql(`drop index departments_name_unique;`);
    this.addSql(`create unique index departments_name_unique on departments (tenant_id, name_key);`);

    this.addSql(`drop index users_emails_idx;`);
    this.addSql(`
      create table user_emails (
        tenant_id uuid not null,
        user_id uuid not null,
        value_key text not null,
        type_key text not null,
        constraint user_emails_user_fk foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
      );`);
    this.addSql(`create index user_emails_value_idx on user_emails (tenant_id, value_key, type_key);`);
    this.addSql(`create index user_emails_user_idx on user_emails (tenant_id, user_id);`);
    this.addSql(`
      create function directory_maintain_user_emails() returns trigger
      language plpgsql
      as $$
      begin
        if tg_op = 'UPDATE' then
          if new.emails is not distinct from old.emails then return null; end if;
          delete from user_emails where tenant_id = new.tenant_id and user_id = new.id;
        end if;
        insert into user_emails (tenant_id, user_id, value_key, type_key)
        select new.tenant_id, new.id, lower(item->>'value'), coalesce(lower(item->>'type'), '')
          from jsonb_array_elements(new.emails) item
         where item->>'value' is not null;
        return null;
      end
      $$;`);
    this.addSql(`
      create trigger users_emails after insert or update of emails on users
        for each row execute function directory_maintain_user_emails();`);
    this.addSql(`
      insert into user_emails (tenant_id, user_id, value_key, type_key)
      select u.tenant_id, u.id, lower(item->>'value'), coalesce(lower(item->>'type'), '')
        from users u, jsonb_array_elements(u.emails) item
       where item->>'value' is not null;`);
    for (const statement of tenantIsolation('user_emails')) this.addSql(statement);

    // patterns: LIKE patterns ('%word%', already escaped and folded); every one must match.
    this.addSql(`
      create function directory_search_user_ids(patterns text[]) returns setof uuid
      language sql stable security definer
      set search_path = pg_catalog, public
      as $$
        select u.id from public.users u
         where u.tenant_id = public.directory_current_tenant()
           and u.search_text like patterns[1]
           and u.search_text like all (patterns)
      $$;`);
    this.addSql(`
      create function directory_search_group_ids(patterns text[]) returns setof uuid
      language sql stable security definer
      set search_path = pg_catalog, public
      as $$
        select g.id from public.groups g
         where g.tenant_id = public.directory_current_tenant()
           and g.search_text like patterns[1]
           and g.search_text like all (patterns)
      $$;`);
    this.addSql(`revoke all on function directory_search_user_ids(text[]) from public;`);
    this.addSql(`revoke all on function directory_search_group_ids(text[]) from public;`);
    this.addSql(`grant execute on function directory_search_user_ids(text[]) to evercate_directory_request;`);
    this.addSql(`grant execute on function directory_search_group_ids(text[]) to evercate_directory_request;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists directory_search_group_ids(text[]);`);
    this.addSql(`drop function if exists directory_search_user_ids(text[]);`);
    this.addSql(`drop trigger if exists users_emails on users;`);
    this.addSql(`drop function if exists directory_maintain_user_emails();`);
    this.addSql(`drop table if exists user_emails;`);
    this.addSql(`create index users_emails_idx on users using gin (tenant_id, directory_multi_values(emails));`);
    this.addSql(`drop index departments_name_unique;`);
    this.addSql(`create unique index departments_name_unique on departments (tenant_id, lower(name));`);
    this.addSql(`drop index groups_external_id_idx;`);
    this.addSql(`create index groups_external_id_idx on groups (tenant_id, lower(external_id));`);
    this.addSql(`drop index groups_display_name_unique;`);
    this.addSql(`create unique index groups_display_name_unique on groups (tenant_id, lower(display_name));`);
    this.addSql(`drop index users_department_idx;`);
    this.addSql(`create index users_department_idx on users (tenant_id, department_id, lower(user_name));`);
    this.addSql(`drop index users_manager_idx;`);
    this.addSql(`create index users_manager_idx on users (tenant_id, manager_id, lower(user_name));`);
    for (const name of ['display_name', 'given_name', 'family_name', 'employee_number']) {
      this.addSql(`drop index users_${name}_idx;`);
      this.addSql(`create index users_${name}_idx on users (tenant_id, coalesce(lower(${name}), ''), id);`);
    }
    this.addSql(`drop index users_external_id_idx;`);
    this.addSql(`create index users_external_id_idx on users (tenant_id, lower(external_id));`);
    this.addSql(`drop index users_user_name_unique;`);
    this.addSql(`create unique index users_user_name_unique on users (tenant_id, lower(user_name));`);
    for (const [table, column] of [
      ['users', 'user_name_key'],
      ['users', 'external_id_key'],
      ['users', 'display_name_key'],
      ['users', 'given_name_key'],
      ['users', 'family_name_key'],
      ['users', 'employee_number_key'],
      ['groups', 'display_name_key'],
      ['groups', 'external_id_key'],
      ['departments', 'name_key'],
    ]) {
      this.addSql(`alter table ${table} drop column ${column};`);
    }
  }
}
