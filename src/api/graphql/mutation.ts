import { DomainError } from '../../platform/errors';
import type { GraphQLContext } from './context';
import { toUserError, type UserError } from './types/user-error';

/**
 * Runs one mutation atomically within the request's transaction. A domain error becomes the
 * payload's userErrors and undoes this mutation's writes; anything else is a bug and propagates
 * (masked, logged, and the whole request rolled back).
 *
 * Without the savepoint (SCIM) a failed statement leaves the transaction unusable; the facade then
 * rolls it back, as it does for any userError.
 */
export async function runMutation<Payload extends { userErrors: UserError[] }>(
  context: GraphQLContext,
  work: () => Promise<Omit<Payload, 'userErrors'>>,
  failed: Omit<Payload, 'userErrors'>,
): Promise<Payload> {
  try {
    // The SCIM facade rolls a whole request back when any part fails, so it needs no savepoint
    // (two round trips) around each mutation; GraphQL clients get each mutation atomic on its own.
    const result = context.runsFixedOperations ? await work() : await context.transaction.atomically(work);
    context.loaders.clear();
    return { ...result, userErrors: [] } as unknown as Payload;
  } catch (error) {
    if (error instanceof DomainError) return { ...failed, userErrors: [toUserError(error)] } as unknown as Payload;
    throw error;
  }
}
