import 'reflect-metadata';
import type { GraphQLFormattedError } from 'graphql';
import type { GraphQLContext } from '../../src/api/graphql/context';
import { InProcessGraphQL } from '../../src/api/graphql/in-process-graphql';
import { directorySchema } from '../../src/api/graphql/schema';

/**
 * The executor the SCIM facade and webhook payloads use. These cases never reach a resolver, so
 * the context is only a holder for the `failed` mark; the facade's behaviour through it is tested
 * over HTTP in test/scim.
 */
describe('in-process GraphQL', () => {
  let graphql: InProcessGraphQL;
  const formatted: GraphQLFormattedError[] = [];

  beforeAll(async () => {
    graphql = new InProcessGraphQL(await directorySchema(), (error) => {
      formatted.push(error);
      return error;
    });
  });

  it('codes a variable value that does not fit its type BAD_USER_INPUT, as Apollo does, and marks the request failed', async () => {
    const context = {} as GraphQLContext;
    const result = await graphql.run('query UserById($id: ID!) { user(id: $id) { id } }', {}, context, 'UserById');
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toMatch(/\$id/);
    expect(formatted.at(-1)).toBe(result.errors![0]);
    expect(context.failed).toBe(true);
  });

  it('refuses an operation that does not validate against the schema', async () => {
    await expect(graphql.run('query { noSuchField }', {}, {} as GraphQLContext)).rejects.toThrow(
      /in-process GraphQL operation is invalid: .*noSuchField/,
    );
  });
});
