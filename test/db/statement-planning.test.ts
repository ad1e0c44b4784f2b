import { randomUUID } from 'node:crypto';
import { compileUserFilter } from '../../src/domain/directory/users/user.filter';
import { USERS } from '../../src/domain/directory/users/user.record';
import { userSortKey } from '../../src/domain/directory/users/user.sort';
import { TableQueries } from '../../src/domain/directory/shared/table-queries';
import type { StatementPlanning } from '../../src/platform/db/tenant-entry';
import { TenantTransaction } from '../../src/platform/db/tenant-transaction';
import { startTestService, type TestService } from '../support/harness';

/**
 * How a transaction's statements are planned (src/platform/db/tenant-entry.ts, StatementPlanning;
 * docs/architecture.md, "Statements"): every statement is kept prepared, so PostgreSQL may use a
 * cached plan, except, in a 'per-values' (GraphQL) transaction, one narrowed by a client's filter,
 * which goes unnamed so that PostgreSQL plans it for each run's values.
 */
let service: TestService;
let tenantId: string;
beforeAll(async () => {
  service = await startTestService();
  tenantId = (await service.createTenant()).tenantId;
});
afterAll(() => service.close());

/** A page of users ordered by userName, its text tagged so that it can be found among the prepared statements. */
function taggedPage(users: TableQueries<unknown>, filter: ReturnType<typeof compileUserFilter>, tag: string) {
  return users.page(filter, { ...userSortKey(), expression: `u.user_name_key /* ${tag} */` }, { first: 10 });
}

/**
 * Runs a page filtered by title and an unfiltered page six times each (a cached plan can start at
 * the sixth) in a transaction that plans so; returns how many times each prepared statement ran.
 */
async function pagesIn(planning: StatementPlanning) {
  const transaction = await TenantTransaction.begin(service.database);
  try {
    await transaction.enterTenant(tenantId, planning);
    const users = new TableQueries(transaction, USERS);
    // Tags tell this run's statements from what other tests left prepared on the pooled connection.
    const filteredTag = randomUUID();
    const unfilteredTag = randomUUID();
    for (let run = 0; run < 6; run++) {
      await taggedPage(users, compileUserFilter({ title: { eq: `Director ${run}` } }), filteredTag);
      await taggedPage(users, compileUserFilter({}), unfilteredTag);
    }
    const [mode] = await transaction.query<{ plan_cache_mode: string }>('show plan_cache_mode');
    const runsPrepared = async (tag: string) => {
      const rows = await transaction.query<{ runs: number }>(
        `select generic_plans + custom_plans as runs from pg_prepared_statements where strpos(statement, ?) > 0`,
        [tag],
      );
      return rows.map((row) => Number(row.runs));
    };
    return {
      mode: mode!.plan_cache_mode,
      filtered: await runsPrepared(filteredTag),
      unfiltered: await runsPrepared(unfilteredTag),
    };
  } finally {
    await transaction.rollback();
  }
}

describe('statement planning', () => {
  it('plans a GraphQL statement narrowed by a filter for each run’s values, and keeps the others prepared for a cached plan', async () => {
    const planned = await pagesIn('per-values');
    expect(planned).toEqual({ mode: 'auto', filtered: [], unfiltered: [6] });
  });

  it('keeps every SCIM statement prepared, filtered or not', async () => {
    const planned = await pagesIn('cached');
    expect(planned).toEqual({ mode: 'auto', filtered: [6], unfiltered: [6] });
  });
});
