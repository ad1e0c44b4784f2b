import { Migration } from '@mikro-orm/migrations';
import { tenantIsolation } from './support/tenant-isolation';

/**
 * The directory core: tenants, API tokens, departments, users, groups, memberships and the change
 * record. Conventions every later migration keeps:
 * - every tenant-owned table leads its primary key, unique keys and indexes with tenant_id, and has
 *   row-level security keyed on the per-transaction setting app.tenant_id;
 * - constraints and indexes are named, because the domain maps violations to
 *   domain errors by name;
 * - request work runs as the role evercate_directory_request, which RLS applies to.
 */
export class Migration20261126000000_directory_core extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists btree_gin;`);
    this.addSql(`create extension if not exists pg_trgm;`);

    this.addSql(`
      do $$
      begin
        if not exists (select 1 from pg_roles where rolname = 'evercate_directory_request') then
          create role evercate_directory_request nologin;
        end if;
      end
      $$;`);
    // The migrating user switches to the request role per transaction, so it must be a member.
    this.addSql(`grant evercate_directory_request to current_user;`);
    this.addSql(`grant usage on schema public to evercate_directory_request;`);

    this.addSql(`
      create function directory_current_tenant() returns uuid
      language sql stable parallel safe
      as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;`);

    this.addSql(`
      create table tenants (
        id uuid not null,
        name text not null,
        created_at timestamptz not null default now(),
        constraint tenants_pkey primary key (id),
        constraint tenants_name_not_blank check (btrim(name) <> '')
      );`);

    // The one table looked up without knowing the tenant (a token is what tells us the tenant):
    // its hash index does not lead with tenant_id. Under Citus this would be a reference table.
    this.addSql(`
      create table api_tokens (
        tenant_id uuid not null,
        id uuid not null,
        kind text not null,
        name text not null,
        prefix text not null,
        secret_hash bytea not null,
        scopes text[] not null,
        created_at timestamptz not null default now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        constraint api_tokens_pkey primary key (tenant_id, id),
        constraint api_tokens_tenant_fk foreign key (tenant_id) references tenants (id) on delete cascade,
        constraint api_tokens_kind_valid check (kind in ('scim', 'graphql')),
        constraint api_tokens_secret_hash_unique unique (secret_hash)
      );`);

    this.addSql(`
      create table departments (
        tenant_id uuid not null,
        id uuid not null,
        name text not null,
        parent_id uuid,
        head_user_id uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        constraint departments_pkey primary key (tenant_id, id),
        constraint departments_tenant_fk foreign key (tenant_id) references tenants (id) on delete cascade,
        constraint departments_parent_fk foreign key (tenant_id, parent_id)
          references departments (tenant_id, id) on delete set null (parent_id),
        constraint departments_not_own_parent check (parent_id <> id),
        constraint departments_name_not_blank check (btrim(name) <> '')
      );`);
    this.addSql(`create unique index departments_name_unique on departments (tenant_id, lower(name));`);
    this.addSql(`create index departments_parent_idx on departments (tenant_id, parent_id);`);
    this.addSql(`create index departments_head_idx on departments (tenant_id, head_user_id);`);
    this.addSql(`create index departments_created_at_idx on departments (tenant_id, created_at, id);`);
    this.addSql(`create index departments_updated_at_idx on departments (tenant_id, updated_at, id);`);

    this.addSql(`
      create table users (
        tenant_id uuid not null,
        id uuid not null,
        external_id text,
        user_name text not null,
        display_name text,
        nick_name text,
        profile_url text,
        title text,
        user_type text,
        given_name text,
        family_name text,
        middle_name text,
        formatted_name text,
        honorific_prefix text,
        honorific_suffix text,
        preferred_language text,
        locale text,
        timezone text,
        active boolean not null default true,
        emails jsonb not null default '[]',
        phone_numbers jsonb not null default '[]',
        addresses jsonb not null default '[]',
        roles jsonb not null default '[]',
        employee_number text,
        cost_center text,
        organization text,
        division text,
        department text,
        department_id uuid,
        manager_id uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        constraint users_pkey primary key (tenant_id, id),
        constraint users_tenant_fk foreign key (tenant_id) references tenants (id) on delete cascade,
        constraint users_department_fk foreign key (tenant_id, department_id)
          references departments (tenant_id, id) on delete set null (department_id),
        constraint users_manager_fk foreign key (tenant_id, manager_id)
          references users (tenant_id, id) on delete set null (manager_id),
        constraint users_not_own_manager check (manager_id <> id),
        constraint users_user_name_not_blank check (btrim(user_name) <> ''),
        constraint users_multi_valued_are_arrays check (
          jsonb_typeof(emails) = 'array' and jsonb_typeof(phone_numbers) = 'array'
          and jsonb_typeof(addresses) = 'array' and jsonb_typeof(roles) = 'array')
      );`);
    this.addSql(`
      alter table departments add constraint departments_head_fk foreign key (tenant_id, head_user_id)
        references users (tenant_id, id) on delete set null (head_user_id);`);

    // Lower-cased values of a multi-valued attribute (emails, phone numbers), for one GIN index
    // that serves "any email equals" and "the work email equals" alike.
    this.addSql(`
      create function directory_multi_values(items jsonb) returns text[]
      language sql immutable parallel safe
      as $$ select coalesce(array_agg(lower(item->>'value')) filter (where item->>'value' is not null), '{}')
            from jsonb_array_elements(items) item $$;`);

    this.addSql(`create unique index users_user_name_unique on users (tenant_id, lower(user_name));`);
    this.addSql(`create index users_external_id_idx on users (tenant_id, lower(external_id));`);
    this.addSql(`create index users_display_name_idx on users (tenant_id, coalesce(lower(display_name), ''), id);`);
    this.addSql(`create index users_given_name_idx on users (tenant_id, coalesce(lower(given_name), ''), id);`);
    this.addSql(`create index users_family_name_idx on users (tenant_id, coalesce(lower(family_name), ''), id);`);
    this.addSql(
      `create index users_employee_number_idx on users (tenant_id, coalesce(lower(employee_number), ''), id);`,
    );
    this.addSql(`create index users_emails_idx on users using gin (tenant_id, directory_multi_values(emails));`);
    this.addSql(`create index users_manager_idx on users (tenant_id, manager_id, lower(user_name));`);
    this.addSql(`create index users_department_idx on users (tenant_id, department_id, lower(user_name));`);
    this.addSql(`create index users_created_at_idx on users (tenant_id, created_at, id);`);
    this.addSql(`create index users_updated_at_idx on users (tenant_id, updated_at, id);`);
    this.addSql(`create index users_active_idx on users (tenant_id, id) where not active;`);

    this.addSql(`
      create table groups (
        tenant_id uuid not null,
        id uuid not null,
        external_id text,
        display_name text not null,
        description text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        constraint groups_pkey primary key (tenant_id, id),
        constraint groups_tenant_fk foreign key (tenant_id) references tenants (id) on delete cascade,
        constraint groups_display_name_not_blank check (btrim(display_name) <> '')
      );`);
    // Entra matches groups by displayName; two groups with one name would make it merge them.
    this.addSql(`create unique index groups_display_name_unique on groups (tenant_id, lower(display_name));`);
    this.addSql(`create index groups_external_id_idx on groups (tenant_id, lower(external_id));`);
    this.addSql(`create index groups_created_at_idx on groups (tenant_id, created_at, id);`);
    this.addSql(`create index groups_updated_at_idx on groups (tenant_id, updated_at, id);`);

    // A member is a user or a group. Two nullable columns keep real foreign keys (deleting either
    // side removes the membership); member_id gives one key for set semantics and paging.
    this.addSql(`
      create table group_members (
        tenant_id uuid not null,
        group_id uuid not null,
        member_user_id uuid,
        member_group_id uuid,
        member_id uuid generated always as (coalesce(member_user_id, member_group_id)) stored,
        created_at timestamptz not null default now(),
        constraint group_members_pkey primary key (tenant_id, group_id, member_id),
        constraint group_members_group_fk foreign key (tenant_id, group_id)
          references groups (tenant_id, id) on delete cascade,
        constraint group_members_user_fk foreign key (tenant_id, member_user_id)
          references users (tenant_id, id) on delete cascade,
        constraint group_members_member_group_fk foreign key (tenant_id, member_group_id)
          references groups (tenant_id, id) on delete cascade,
        constraint group_members_one_member check (num_nonnulls(member_user_id, member_group_id) = 1),
        constraint group_members_not_self check (member_group_id <> group_id)
      );`);
    this.addSql(`create index group_members_member_idx on group_members (tenant_id, member_id, group_id);`);
    this.addSql(
      `create index group_members_member_group_idx on group_members (tenant_id, member_group_id) where member_group_id is not null;`,
    );

    // A user may not appear in their own management chain. Manager changes within a tenant are
    // serialised by an advisory lock, so two concurrent changes cannot close a cycle between them.
    this.addSql(`
      create function directory_check_manager_cycle() returns trigger
      language plpgsql
      as $$
      begin
        if tg_op = 'UPDATE' and new.manager_id is not distinct from old.manager_id then
          return new;
        end if;
        perform pg_advisory_xact_lock(hashtextextended('evercate-directory:manager-tree:' || new.tenant_id::text, 0));
        if exists (
          with recursive chain(id) as (
            select u.manager_id from users u where u.tenant_id = new.tenant_id and u.id = new.manager_id
            union
            select u.manager_id from chain c join users u on u.tenant_id = new.tenant_id and u.id = c.id
          )
          select 1 from chain where id = new.id
        ) then
          raise exception 'user % would be in their own management chain', new.id
            using errcode = 'check_violation', constraint = 'users_manager_cycle';
        end if;
        return new;
      end
      $$;`);
    this.addSql(`
      create trigger users_manager_cycle before insert or update of manager_id on users
        for each row when (new.manager_id is not null) execute function directory_check_manager_cycle();`);

    // A group may not contain itself, directly or through nested groups.
    this.addSql(`
      create function directory_check_group_cycle() returns trigger
      language plpgsql
      as $$
      begin
        perform pg_advisory_xact_lock(hashtextextended('evercate-directory:group-tree:' || new.tenant_id::text, 0));
        if exists (
          with recursive descendants(id) as (
            select gm.member_group_id from group_members gm
              where gm.tenant_id = new.tenant_id and gm.group_id = new.member_group_id and gm.member_group_id is not null
            union
            select gm.member_group_id from descendants d
              join group_members gm on gm.tenant_id = new.tenant_id and gm.group_id = d.id and gm.member_group_id is not null
          )
          select 1 from descendants where id = new.group_id
        ) then
          raise exception 'group % would contain itself', new.group_id
            using errcode = 'check_violation', constraint = 'group_members_cycle';
        end if;
        return new;
      end
      $$;`);
    this.addSql(`
      create trigger group_members_cycle before insert on group_members
        for each row when (new.member_group_id is not null) execute function directory_check_group_cycle();`);

    // A department may not be its own ancestor.
    this.addSql(`
      create function directory_check_department_cycle() returns trigger
      language plpgsql
      as $$
      begin
        if tg_op = 'UPDATE' and new.parent_id is not distinct from old.parent_id then
          return new;
        end if;
        perform pg_advisory_xact_lock(hashtextextended('evercate-directory:department-tree:' || new.tenant_id::text, 0));
        if exists (
          with recursive ancestors(id) as (
            select d.parent_id from departments d where d.tenant_id = new.tenant_id and d.id = new.parent_id
            union
            select d.parent_id from ancestors a join departments d on d.tenant_id = new.tenant_id and d.id = a.id
          )
          select 1 from ancestors where id = new.id
        ) then
          raise exception 'department % would be its own ancestor', new.id
            using errcode = 'check_violation', constraint = 'departments_cycle';
        end if;
        return new;
      end
      $$;`);
    this.addSql(`
      create trigger departments_cycle before insert or update of parent_id on departments
        for each row when (new.parent_id is not null) execute function directory_check_department_cycle();`);

    // The change record (outbox). seq is allocated per tenant from a counter row that each writing
    // transaction updates as its last statement, so sequence order is commit order per tenant and a
    // reader that has seen seq n has seen every change up to n.
    this.addSql(`
      create table directory_change_counters (
        tenant_id uuid not null,
        last_seq bigint not null,
        constraint directory_change_counters_pkey primary key (tenant_id),
        constraint directory_change_counters_tenant_fk foreign key (tenant_id) references tenants (id) on delete cascade
      );`);
    this.addSql(`
      create table directory_changes (
        tenant_id uuid not null,
        seq bigint not null,
        occurred_at timestamptz not null default now(),
        object_type text not null,
        object_id uuid not null,
        change_type text not null,
        changed_fields text[] not null default '{}',
        data jsonb not null default '{}',
        actor text not null,
        constraint directory_changes_pkey primary key (tenant_id, seq),
        constraint directory_changes_tenant_fk foreign key (tenant_id) references tenants (id) on delete cascade,
        constraint directory_changes_object_type_valid check (object_type in ('user', 'group', 'department'))
      );`);
    this.addSql(`create index directory_changes_object_idx on directory_changes (tenant_id, object_id, seq);`);
    this.addSql(`create index directory_changes_occurred_at_idx on directory_changes (tenant_id, occurred_at);`);

    for (const table of [
      'api_tokens',
      'departments',
      'users',
      'groups',
      'group_members',
      'directory_change_counters',
      'directory_changes',
    ]) {
      for (const statement of tenantIsolation(table)) this.addSql(statement);
    }
    this.addSql(`alter table tenants enable row level security;`);
    this.addSql(`create policy tenants_tenant_isolation on tenants using (id = directory_current_tenant());`);
    this.addSql(`grant select on tenants to evercate_directory_request;`);
  }

  override async down(): Promise<void> {
    for (const table of [
      'directory_changes',
      'directory_change_counters',
      'group_members',
      'groups',
      'users',
      'departments',
      'api_tokens',
      'tenants',
    ]) {
      this.addSql(`drop table if exists ${table} cascade;`);
    }
    this.addSql(`drop function if exists directory_check_group_cycle();`);
    this.addSql(`drop function if exists directory_check_department_cycle();`);
    this.addSql(`drop function if exists directory_check_manager_cycle();`);
    this.addSql(`drop function if exists directory_multi_values(jsonb);`);
    this.addSql(`drop function if exists directory_current_tenant();`);
  }
}
