import { Migration } from '@mikro-orm/migrations';

/**
 * The retention window of deleted objects is configuration (DELETED_RETENTION_DAYS), applied by the
 * purge, so a row records only when it was deleted.
 */
export class Migration20261126040000_deleted_objects_retention extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index if exists deleted_directory_objects_purge_idx;`);
    this.addSql(`alter table deleted_directory_objects drop column purge_after;`);
    this.addSql(`create index deleted_directory_objects_deleted_at_idx on deleted_directory_objects (deleted_at);`);
    this.addSql(`create index directory_changes_purge_idx on directory_changes (occurred_at);`);
    this.addSql(`create index provisioning_events_purge_idx on provisioning_events (occurred_at);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists provisioning_events_purge_idx;`);
    this.addSql(`drop index if exists directory_changes_purge_idx;`);
    this.addSql(`drop index if exists deleted_directory_objects_deleted_at_idx;`);
    this.addSql(`alter table deleted_directory_objects add column purge_after timestamptz not null default now();`);
  }
}
