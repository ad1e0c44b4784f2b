import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { GraphQLContext } from './context';
import { formatGraphQLError } from './error-mapping';
import { queryCost, queryDepth, tooCostly, tooDeep } from './limits';

export interface ApolloOptions {
  schema: GraphQLSchema;
  log: Logger;
  introspection: boolean;
  maxDepth: number;
  maxCost: number;
}

/** Marks the request's transaction for rollback when anything went wrong, and enforces limits. */
function directoryPlugin(options: ApolloOptions): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operationName }) {
          // Limits guard the HTTP edge; in-process operations (the SCIM facade's fixed, reviewed
          // set in scim-facade/graphql/operations.ts) come without an HTTP request.
          if (!request.http) return;
          const depth = queryDepth(document, operationName);
          if (depth > options.maxDepth) throw tooDeep(depth, options.maxDepth);
          const cost = queryCost(schema, document, request.variables, operationName ?? undefined);
          if (cost > options.maxCost) throw tooCostly(cost, options.maxCost);
        },
        async didEncounterErrors({ contextValue }) {
          contextValue.failed = true;
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const codes = (response.body.singleResult.errors ?? []).map((error) => error.extensions?.code);
          if (codes.includes('SERVICE_UNAVAILABLE')) {
            response.http.status = 503;
            response.http.headers.set('retry-after', '5');
          }
        },
      };
    },
  };
}

export async function createApollo(options: ApolloOptions): Promise<ApolloServer<GraphQLContext>> {
  const apollo = new ApolloServer<GraphQLContext>({
    schema: options.schema,
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    // The server's own SIGTERM handling drains requests, then stops Apollo and the database.
    stopOnTerminationSignals: false,
    formatError: formatGraphQLError(options.log),
    // GraphiQL is served by the Koa app from node_modules (no CDN), so Apollo's own page is off.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Cache hints are for CDNs in front of public APIs; here they only wrapped every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      directoryPlugin(options),
    ],
  });
  await apollo.start();
  return apollo;
}
