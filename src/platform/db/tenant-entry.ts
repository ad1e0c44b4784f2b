/** The role request work runs as; row-level security applies to it (see the first migration). */
export const REQUEST_ROLE = 'evercate_directory_request';

/** Long enough for any legitimate statement, short enough that a runaway query cannot pile up. */
const STATEMENT_TIMEOUT = '30s';

/**
 * How PostgreSQL plans a transaction's prepared statements (prepared, they are parsed once per
 * connection either way).
 * - 'per-values': planned for each run's values. For GraphQL, whose clients shape the reads: how
 *   good a plan is depends on the tenant's size and on how many ids a batch holds, which a generic
 *   plan cannot know (one turned a 1 ms page of memberships into 20 ms).
 * - 'cached': PostgreSQL may switch to a generic plan after five runs. For SCIM's fixed point
 *   lookups and writes, whose plans do not depend on the values; 10-15 % more requests per second.
 */
export type StatementPlanning = 'per-values' | 'cached';

const PLAN_CACHE_MODE: Record<StatementPlanning, string> = { 'per-values': 'force_custom_plan', cached: 'auto' };

/**
 * The select-list fragment that confines the rest of the transaction to one tenant: the tenant id
 * becomes the transaction's `app.tenant_id` (which every row-level security policy compares with)
 * and the statements run as REQUEST_ROLE. Appended to a statement that already selects the tenant
 * (the token lookup does), it authenticates and enters in one round trip.
 */
export function enterTenantColumns(tenantIdExpression: string, planning: StatementPlanning): string {
  return (
    `set_config('app.tenant_id', (${tenantIdExpression})::text, true) as entered_tenant, ` +
    `set_config('role', '${REQUEST_ROLE}', true) as entered_role, ` +
    `set_config('statement_timeout', '${STATEMENT_TIMEOUT}', true) as entered_timeout, ` +
    // JIT compiling pays off for long analytical queries, never for requests: it cost up to
    // 200 ms on queries that run in 20.
    `set_config('jit', 'off', true) as entered_jit, ` +
    `set_config('plan_cache_mode', '${PLAN_CACHE_MODE[planning]}', true) as entered_planning`
  );
}
