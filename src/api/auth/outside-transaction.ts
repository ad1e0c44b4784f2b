import type { Database } from '../../platform/db/database';
import { translateDatabaseError } from '../../platform/db/database-errors';

/**
 * One statement on its own (autocommitted) connection from the pool, as the connecting role. For the
 * few statements that run before a tenant is known (finding a token's SSO settings) or that must
 * not share the request's transaction (counting toward the rate limit: that row lock must not be
 * held for the whole request, and a rolled-back request must still count).
 */
export async function queryOutsideTransaction<Row extends object>(
  database: Database,
  text: string,
  params: readonly unknown[],
): Promise<Row[]> {
  try {
    return await database
      .fork()
      .getConnection()
      .execute<Row[]>(text, params as unknown[], 'all');
  } catch (error) {
    throw translateDatabaseError(error);
  }
}
