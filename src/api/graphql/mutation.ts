import { DomainError } from '../../platform/errors';
import type { GraphQLContext } from './context';
import { toUserError, type UserError } from './types/user-error';

/**
 * Runs one mutation atomically within the request's transaction. A domain error becomes the
 * payload's userErrors and undoes this mutation's writes; anything else is a bug and propagates
 * (masked, logged, and the whole request rolled back).
 *
 * Requests that are atomic as a whole (the SCIM facade's) need no savepoint: a failed statement
 * leaves their transaction unusable, and they roll it back, as they do for any userError.
 */
export async function runMutation<Payload extends { userErrors: UserError[] }>(
  context: GraphQLContext,
  work: () => Promise<Omit<Payload, 'userErrors'>>,
  failed: Omit<Payload, 'userErrors'>,
): Promise<Payload> {
  // In a request that is atomic as a whole, a failed mutation has left the transaction unusable
  // and the request will be rolled back: the mutations after it are not attempted, and report why.
  if (context.mutationAtomicity === 'whole-request' && context.failedMutation) {
    return { ...failed, userErrors: [toUserError(context.failedMutation)] } as unknown as Payload;
  }
  try {
    const result =
      context.mutationAtomicity === 'whole-request' ? await work() : await context.transaction.atomically(work);
    context.loaders.clear();
    return { ...result, userErrors: [] } as unknown as Payload;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    context.failedMutation = error;
    return { ...failed, userErrors: [toUserError(error)] } as unknown as Payload;
  }
}
