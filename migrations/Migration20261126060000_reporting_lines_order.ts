import { Migration } from '@mikro-orm/migrations';

/**
 * user_reporting_lines keyed the way it is read: (manager, depth, userName). With a separate
 * (manager, user) key, the planner served "a manager's reports, nearest first" for a large subtree
 * from the narrower key and sorted the whole subtree (220 ms for 100,000 reports) instead of
 * reading the first page in order (0.5 ms). (manager, depth, userName) is unique: depth follows
 * from the pair, and userName is unique per tenant.
 */
export class Migration20261126060000_reporting_lines_order extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table user_reporting_lines drop constraint user_reporting_lines_pkey;`);
    this.addSql(`drop index if exists user_reporting_lines_page_idx;`);
    this.addSql(`
      alter table user_reporting_lines
        add constraint user_reporting_lines_pkey primary key (tenant_id, manager_id, depth, user_sort_key);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table user_reporting_lines drop constraint user_reporting_lines_pkey;`);
    this.addSql(
      `alter table user_reporting_lines add constraint user_reporting_lines_pkey primary key (tenant_id, manager_id, user_id);`,
    );
    this.addSql(`
      create index user_reporting_lines_page_idx on user_reporting_lines (tenant_id, manager_id, depth, user_sort_key);`);
  }
}
