import { Migration } from '@mikro-orm/migrations';

/**
 * GraphQL transactions plan each statement for its values (plan_cache_mode force_custom_plan, see
 * StatementPlanning), and PL/pgSQL statements inside triggers follow that setting too: every row
 * written re-planned the trigger's statements, and seeding 100,000 users through the request path
 * took 113 s instead of 43 s. A trigger's statements are the same for every row and tenant, so
 * they keep PostgreSQL's cached plans whatever the transaction asks for.
 */
const TRIGGER_FUNCTIONS = [
  'directory_check_manager_cycle',
  'directory_check_group_cycle',
  'directory_check_department_cycle',
  'directory_maintain_reporting_lines',
  'directory_maintain_user_emails',
];

export class Migration20261126100000_trigger_plans extends Migration {
  override async up(): Promise<void> {
    for (const name of TRIGGER_FUNCTIONS) this.addSql(`alter function ${name}() set plan_cache_mode = auto;`);
  }

  override async down(): Promise<void> {
    for (const name of TRIGGER_FUNCTIONS) this.addSql(`alter function ${name}() reset plan_cache_mode;`);
  }
}
