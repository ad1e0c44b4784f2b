import type { Sql } from '../../../platform/db/tenant-transaction';

/**
 * The trees whose changes take turns tenant-wide. Manager changes do not: they lock the rows of
 * the management chains they touch (migrations/sql/030-tree-cycles.sql), so that changes in
 * different parts of a tenant's tree run in parallel.
 */
export type Tree = 'group-tree' | 'department-tree';

/**
 * Takes the tenant's lock for changes to a tree (the same lock the cycle trigger takes, see
 * migrations/sql/030-tree-cycles.sql) before any row lock. A trigger taking it only after the row was locked let
 * A-contains-B and B-contains-A wait for each other; taken first, they simply take turns
 * and the second is refused as a cycle.
 */
export async function lockTree(sql: Sql, tree: Tree): Promise<void> {
  await sql.query(`select pg_advisory_xact_lock(hashtextextended(? || ?::text, 0))`, [
    `evercate-directory:${tree}:`,
    sql.tenantId,
  ]);
}
