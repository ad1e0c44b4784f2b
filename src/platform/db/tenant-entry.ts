/** The role request work runs as; row-level security applies to it (see the first migration). */
export const REQUEST_ROLE = 'evercate_directory_request';

/** Long enough for any legitimate statement, short enough that a runaway query cannot pile up. */
const STATEMENT_TIMEOUT = '30s';

/**
 * How a transaction's statements are planned. Every statement is kept prepared on its connection
 * (parsed once), and PostgreSQL may switch a prepared statement to a cached generic plan after five
 * runs when that plan looks no worse than planning for the values (planning was most of a read's
 * PostgreSQL time: docs/architecture.md, "Statements").
 * - 'per-values': for GraphQL, whose clients shape the reads. A statement narrowed by a client's
 *   filter (QueryOptions.planForValues) is planned for each run's values: how good its plan is
 *   depends on the values and the tenant's size, which a generic plan cannot know.
 * - 'cached': for SCIM, whose filters are point lookups (`userName eq …`) whose plans do not
 *   depend on the values: every statement may use a cached plan.
 */
export type StatementPlanning = 'per-values' | 'cached';

/**
 * The select-list fragment that confines the rest of the transaction to one tenant: the tenant id
 * becomes the transaction's `app.tenant_id` (which every row-level security policy compares with)
 * and the statements run as REQUEST_ROLE. Appended to a statement that already selects the tenant
 * (the token lookup does), it authenticates and enters in one round trip.
 */
export function enterTenantColumns(tenantIdExpression: string): string {
  return (
    `set_config('app.tenant_id', (${tenantIdExpression})::text, true) as entered_tenant, ` +
    `set_config('role', '${REQUEST_ROLE}', true) as entered_role, ` +
    `set_config('statement_timeout', '${STATEMENT_TIMEOUT}', true) as entered_timeout, ` +
    // JIT compiling pays off for long analytical queries, never for requests: it cost up to
    // 200 ms on queries that run in 20.
    `set_config('jit', 'off', true) as entered_jit, ` +
    // PostgreSQL's default, stated: the planning above assumes it whatever the server's settings.
    `set_config('plan_cache_mode', 'auto', true) as entered_planning`
  );
}
