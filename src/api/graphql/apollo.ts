import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { GraphQLContext } from './context';
import { formatGraphQLError } from './error-mapping';

export interface ApolloOptions {
  schema: GraphQLSchema;
  log: Logger;
  introspection: boolean;
}

/**
 * Marks the request's transaction for rollback when anything went wrong. (What a request may ask
 * for is checked before Apollo sees it: see guard/guard.ts.)
 */
function directoryPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
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
    // A query named by its hash alone would reach execution without the guard reading it.
    persistedQueries: false,
    // The server's own SIGTERM handling drains requests, then stops Apollo and the database.
    stopOnTerminationSignals: false,
    formatError: formatGraphQLError(options.log),
    // GraphiQL is served by the Koa app from node_modules (no CDN), so Apollo's own page is off.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Cache hints are for CDNs in front of public APIs; here they only wrapped every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      directoryPlugin(),
    ],
  });
  await apollo.start();
  return apollo;
}
