import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AuthorizationError } from 'type-graphql';
import type { Logger } from 'pino';
import { DomainError, TransientDatabaseError } from '../../platform/errors';

/**
 * Error codes that are the client's to fix or retry; everything else is masked as
 * INTERNAL_SERVER_ERROR. (The guard's refusals never reach Apollo: see koa-graphql.ts.)
 */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'FORBIDDEN',
  'SERVICE_UNAVAILABLE',
  'RATE_LIMITED',
]);

/**
 * The one place GraphQL errors get their shape: domain errors keep their message and code,
 * scope failures become FORBIDDEN, a database outage SERVICE_UNAVAILABLE, and anything
 * unexpected is logged and masked.
 */
export function formatGraphQLError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof DomainError) {
      return { ...formatted, message: original.message, extensions: { code: original.code, field: original.field } };
    }
    if (original instanceof AuthorizationError) {
      return {
        ...formatted,
        message: 'This credential lacks the scope this needs.',
        extensions: { code: 'FORBIDDEN' },
      };
    }
    if (original instanceof TransientDatabaseError) {
      return { ...formatted, message: original.message, extensions: { code: 'SERVICE_UNAVAILABLE' } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) return formatted;
    log.error({ err: original, path: formatted.path }, 'unexpected GraphQL error');
    return {
      message: 'Internal server error. It has been logged; retrying will not help.',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
