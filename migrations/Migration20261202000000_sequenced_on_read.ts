import { Migration } from '@mikro-orm/migrations';

/**
 * The change record no longer makes a tenant's writers commit one at a time. A change used to get
 * its sequence number at commit from the tenant's counter row, which each writing transaction then
 * held through its commit, WAL flush included: a tenant's writes were serialised on the disk's
 * flush time. Now a change is written with an id (global, in insertion order) and no sequence
 * number; readers of the feed give the committed ones their numbers first, under the counter's
 * lock (directory_sequence_changes, migrations/sql/070-change-sequencing.sql). Numbers stay
 * per tenant, gapless and in the order changes became visible.
 */
export class Migration20261202000000_sequenced_on_read extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table directory_changes add column id bigint generated always as identity;`);
    this.addSql(`alter table directory_changes drop constraint directory_changes_pkey;`);
    this.addSql(`alter table directory_changes alter column seq drop not null;`);
    this.addSql(`alter table directory_changes add constraint directory_changes_pkey primary key (tenant_id, id);`);
    this.addSql(
      `create unique index directory_changes_seq_unique on directory_changes (tenant_id, seq) where seq is not null;`,
    );
    this.addSql(
      `create index directory_changes_unsequenced_idx on directory_changes (tenant_id, id) where seq is null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists directory_changes_unsequenced_idx;`);
    this.addSql(`drop index if exists directory_changes_seq_unique;`);
    this.addSql(`delete from directory_changes where seq is null;`);
    this.addSql(`alter table directory_changes drop constraint directory_changes_pkey;`);
    this.addSql(`alter table directory_changes alter column seq set not null;`);
    this.addSql(`alter table directory_changes add constraint directory_changes_pkey primary key (tenant_id, seq);`);
    this.addSql(`alter table directory_changes drop column id;`);
  }
}
