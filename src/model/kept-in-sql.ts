/**
 * What the database holds that the entities do not describe, on purpose: the MikroORM schema
 * comparison (test/model/schema-of-record.test.ts) cannot see these, so they are listed here and
 * the test checks the database has exactly these.
 *
 * - Row-level security: every tenant-owned table has the policy `<table>_tenant_isolation`
 *   (migrations/support/tenant-isolation.ts), and `tenants` its own.
 * - Functions and triggers: migrations/sql, one file per concern, applied whenever a file changes.
 * - Table storage options: graphql_rate_limits and oauth_failure_windows are UNLOGGED with fillfactor 70.
 * - Expression and partial indexes are declared on the entities with their SQL, but MikroORM
 *   compares them by name only; their definitions are the ones in the migrations.
 * - The job queue: graphile-worker (src/worker) keeps its tables and functions in a schema of its
 *   own, JOB_QUEUE_SCHEMA, and migrates it itself when a worker starts. It is the library's
 *   infrastructure, not this service's data, so the schema comparison leaves that schema out
 *   (MikroORM's `schemaGenerator.ignoreSchema`, set from `librarySchemas` in src/database.ts), and
 *   nothing of this service is kept there.
 */
export const JOB_QUEUE_SCHEMA = 'graphile_worker';

export const KEPT_IN_SQL = {
  functions: [
    'directory_check_cycle',
    'directory_current_tenant',
    'directory_fold',
    'directory_instant',
    'directory_lock_management_chain',
    'directory_maintain_reporting_lines',
    'directory_maintain_user_emails',
    'directory_maintain_user_extension_values',
    'directory_multi_values',
    'directory_search_groups',
    'directory_search_users',
    'directory_sequence_changes',
    'directory_user_search_text',
  ],
  triggers: [
    'departments.departments_cycle',
    'group_members.group_members_cycle',
    'users.users_emails',
    'users.users_extension_values_insert',
    'users.users_extension_values_update',
    'users.users_manager_cycle',
    'users.users_reporting_lines',
  ],
  unloggedTables: ['graphql_rate_limits', 'oauth_failure_windows'],
  librarySchemas: [JOB_QUEUE_SCHEMA],
} as const;
