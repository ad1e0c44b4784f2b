import { Migration } from '@mikro-orm/migrations';
import { tenantIsolation } from './support/tenant-isolation';

/**
 * What the frontend's org questions need:
 * - user_reporting_lines: every (manager, report) pair of the management tree with its depth, kept
 *   by triggers on users. "All of the CEO's reports, nearest first, a page at a time" is then an
 *   index range scan; a recursive query would have to walk and sort the whole subtree per page.
 * - accent- and case-insensitive search over names, userName and emails (pg_trgm).
 * - the change feed's retention horizon.
 * - deleted users and groups kept restorable for a retention window.
 */
export class Migration20261126020000_org_chart_search_feed extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table user_reporting_lines (
        tenant_id uuid not null,
        manager_id uuid not null,
        user_id uuid not null,
        depth integer not null,
        user_sort_key text not null,
        constraint user_reporting_lines_pkey primary key (tenant_id, manager_id, user_id),
        constraint user_reporting_lines_manager_fk foreign key (tenant_id, manager_id)
          references users (tenant_id, id) on delete cascade,
        constraint user_reporting_lines_user_fk foreign key (tenant_id, user_id)
          references users (tenant_id, id) on delete cascade,
        constraint user_reporting_lines_depth_positive check (depth > 0)
      );`);
    this.addSql(`
      create index user_reporting_lines_page_idx
        on user_reporting_lines (tenant_id, manager_id, depth, user_sort_key);`);
    this.addSql(`create index user_reporting_lines_user_idx on user_reporting_lines (tenant_id, user_id, depth);`);

    // Keeps user_reporting_lines equal to the transitive closure of users.manager_id.
    this.addSql(`
      create function directory_maintain_reporting_lines() returns trigger
      language plpgsql
      as $$
      begin
        if tg_op = 'UPDATE' and new.manager_id is not distinct from old.manager_id then
          if new.user_name is distinct from old.user_name then
            update user_reporting_lines set user_sort_key = lower(new.user_name)
             where tenant_id = new.tenant_id and user_id = new.id;
          end if;
          return null;
        end if;
        if tg_op = 'UPDATE' and old.manager_id is not null then
          -- The user and everyone under them leave every line above the user.
          delete from user_reporting_lines l
           using (select new.id as user_id
                  union all
                  select user_id from user_reporting_lines where tenant_id = new.tenant_id and manager_id = new.id) subtree,
                 (select manager_id from user_reporting_lines where tenant_id = new.tenant_id and user_id = new.id) above
           where l.tenant_id = new.tenant_id and l.manager_id = above.manager_id and l.user_id = subtree.user_id;
        end if;
        if new.manager_id is not null then
          -- ...and join the lines above the new manager, one level further down.
          insert into user_reporting_lines (tenant_id, manager_id, user_id, depth, user_sort_key)
          select new.tenant_id, above.manager_id, subtree.user_id, above.depth + subtree.depth, subtree.user_sort_key
            from (select new.id as user_id, 0 as depth, lower(new.user_name) as user_sort_key
                  union all
                  select user_id, depth, user_sort_key from user_reporting_lines
                   where tenant_id = new.tenant_id and manager_id = new.id) subtree,
                 (select new.manager_id as manager_id, 1 as depth
                  union all
                  select manager_id, depth + 1 from user_reporting_lines
                   where tenant_id = new.tenant_id and user_id = new.manager_id) above;
        end if;
        return null;
      end
      $$;`);
    this.addSql(`
      create trigger users_reporting_lines after insert or update of manager_id, user_name on users
        for each row execute function directory_maintain_reporting_lines();`);

    // Lines for users that already exist, walking each user's management chain (cycle-safe: the
    // cycle trigger keeps chains acyclic, and the depth cap stops a corrupt one).
    this.addSql(`
      insert into user_reporting_lines (tenant_id, manager_id, user_id, depth, user_sort_key)
      with recursive chain(tenant_id, user_id, user_sort_key, manager_id, depth) as (
        select u.tenant_id, u.id, lower(u.user_name), u.manager_id, 1 from users u where u.manager_id is not null
        union all
        select c.tenant_id, c.user_id, c.user_sort_key, m.manager_id, c.depth + 1
          from chain c join users m on m.tenant_id = c.tenant_id and m.id = c.manager_id
         where m.manager_id is not null and c.depth < 1000
      )
      select tenant_id, manager_id, user_id, depth, user_sort_key from chain;`);

    this.addSql(`create extension if not exists unaccent;`);
    // unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes this
    // safe to index, the usual way to index unaccented text.
    this.addSql(`
      create function directory_fold(value text) returns text
      language sql immutable parallel safe strict
      as $$ select lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;`);
    this.addSql(`
      create function directory_user_search_text(
        user_name text, display_name text, given_name text, family_name text, nick_name text, emails jsonb
      ) returns text
      language sql immutable parallel safe
      as $$ select directory_fold(concat_ws(' ', display_name, given_name, family_name, nick_name, user_name,
                                            array_to_string(directory_multi_values(emails), ' '))) $$;`);
    this.addSql(`
      create index users_search_idx on users using gin (
        tenant_id,
        directory_user_search_text(user_name, display_name, given_name, family_name, nick_name, emails) gin_trgm_ops
      );`);
    this.addSql(`
      create index groups_search_idx on groups using gin (tenant_id, directory_fold(display_name) gin_trgm_ops);`);

    // Changes up to this sequence number have been purged; an older cursor must re-sync.
    this.addSql(`alter table directory_change_counters add column purged_through bigint not null default 0;`);

    this.addSql(`
      create table deleted_directory_objects (
        tenant_id uuid not null,
        id uuid not null,
        object_type text not null,
        name text not null,
        deleted_at timestamptz not null default now(),
        purge_after timestamptz not null,
        snapshot jsonb not null,
        relations jsonb not null default '{}',
        constraint deleted_directory_objects_pkey primary key (tenant_id, id),
        constraint deleted_directory_objects_tenant_fk foreign key (tenant_id) references tenants (id) on delete cascade,
        constraint deleted_directory_objects_type_valid check (object_type in ('user', 'group'))
      );`);
    this.addSql(`
      create index deleted_directory_objects_list_idx
        on deleted_directory_objects (tenant_id, object_type, deleted_at, id);`);
    this.addSql(`create index deleted_directory_objects_purge_idx on deleted_directory_objects (purge_after);`);

    for (const table of ['user_reporting_lines', 'deleted_directory_objects']) {
      for (const statement of tenantIsolation(table)) this.addSql(statement);
    }
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists deleted_directory_objects;`);
    this.addSql(`alter table directory_change_counters drop column if exists purged_through;`);
    this.addSql(`drop index if exists groups_search_idx;`);
    this.addSql(`drop index if exists users_search_idx;`);
    this.addSql(`drop function if exists directory_user_search_text(text, text, text, text, text, jsonb);`);
    this.addSql(`drop function if exists directory_fold(text);`);
    this.addSql(`drop trigger if exists users_reporting_lines on users;`);
    this.addSql(`drop function if exists directory_maintain_reporting_lines();`);
    this.addSql(`drop table if exists user_reporting_lines;`);
  }
}
