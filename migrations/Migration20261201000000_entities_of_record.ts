import { Migration } from '@mikro-orm/migrations';

/**
 * Brings the database in line with the MikroORM entities in src/model, the schema of record
 * (test/model/schema-of-record.test.ts compares the two):
 * - the value checks of text columns with a fixed set of values carry the names MikroORM gives
 *   enum checks (<table>_<column>_check);
 * - user_emails gets a primary key, (tenant_id, user_id, position), the element's position in
 *   users.emails (an entity needs one; an address may repeat, so the value cannot be it);
 * - directory_sql_definitions records which version of each migrations/sql file is applied.
 */
export class Migration20261201000000_entities_of_record extends Migration {
  override async up(): Promise<void> {
    for (const [table, from, to] of [
      ['api_tokens', 'api_tokens_kind_valid', 'api_tokens_kind_check'],
      ['sso_settings', 'sso_settings_user_matching_valid', 'sso_settings_user_matching_check'],
      ['provisioning_events', 'provisioning_events_outcome_valid', 'provisioning_events_outcome_check'],
      ['directory_changes', 'directory_changes_object_type_valid', 'directory_changes_object_type_check'],
      [
        'deleted_directory_objects',
        'deleted_directory_objects_type_valid',
        'deleted_directory_objects_object_type_check',
      ],
    ]) {
      this.addSql(`alter table ${table} rename constraint ${from} to ${to};`);
    }

    this.addSql(`alter table user_emails add column position integer;`);
    this.addSql(`delete from user_emails;`);
    this.addSql(`
      insert into user_emails (tenant_id, user_id, position, value_key, type_key)
      select u.tenant_id, u.id, item.position, lower(item.element->>'value'), coalesce(lower(item.element->>'type'), '')
        from users u, jsonb_array_elements(u.emails) with ordinality as item(element, position)
       where item.element->>'value' is not null;`);
    this.addSql(`alter table user_emails alter column position set not null;`);
    this.addSql(`alter table user_emails add constraint user_emails_pkey primary key (tenant_id, user_id, position);`);
    this.addSql(`drop index user_emails_user_idx;`);
    // The trigger as of this migration; migrations/sql/050-user-emails.sql holds the one in force.
    this.addSql(`
      create or replace function directory_maintain_user_emails() returns trigger
      language plpgsql
      set plan_cache_mode = auto
      as $$
      begin
        if tg_op = 'UPDATE' then
          if new.emails is not distinct from old.emails then return null; end if;
          delete from user_emails where tenant_id = new.tenant_id and user_id = new.id;
        end if;
        insert into user_emails (tenant_id, user_id, position, value_key, type_key)
        select new.tenant_id, new.id, item.position, lower(item.element->>'value'), coalesce(lower(item.element->>'type'), '')
          from jsonb_array_elements(new.emails) with ordinality as item(element, position)
         where item.element->>'value' is not null;
        return null;
      end
      $$;`);

    this.addSql(`
      create table directory_sql_definitions (
        name text not null,
        checksum text not null,
        applied_at timestamptz not null default now(),
        constraint directory_sql_definitions_pkey primary key (name)
      );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists directory_sql_definitions;`);
    this.addSql(`create index user_emails_user_idx on user_emails (tenant_id, user_id);`);
    this.addSql(`alter table user_emails drop constraint user_emails_pkey;`);
    this.addSql(`alter table user_emails drop column position;`);
  }
}
