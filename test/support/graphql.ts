import type { Response } from 'supertest';
import type { TestService } from './harness';

export interface GraphQLResult<T> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown> }>;
  response: Response;
}

/** A GraphQL client with one token, as the Evercate frontend would hold it. */
export function graphqlClient(service: TestService, token: string) {
  async function raw<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResult<T>> {
    const response = await service.http
      .post('/graphql')
      .set('Authorization', `Bearer ${token}`)
      .send({ query, variables });
    const body = response.body as { data?: T; errors?: GraphQLResult<T>['errors'] };
    return { status: response.status, data: body.data, errors: body.errors, response };
  }

  /** Runs an operation that must succeed, and returns its data. */
  async function query<T = Record<string, any>>(text: string, variables?: Record<string, unknown>): Promise<T> {
    const result = await raw<T>(text, variables);
    if (result.status !== 200 || result.errors) {
      throw new Error(
        `GraphQL request failed (${result.status}): ${JSON.stringify(result.errors ?? result.response.text)}`,
      );
    }
    return result.data!;
  }

  return { raw, query };
}

export type GraphQLClient = ReturnType<typeof graphqlClient>;

export const USER_FIELDS = `id userName displayName givenName familyName active title externalId departmentName
  department { id name } managerId manager { id userName } emails { value type primary } version createdAt updatedAt`;

/** Creates a user and returns it; fails the test on userErrors. */
export async function createUser(client: GraphQLClient, input: Record<string, unknown>) {
  const data = await client.query<{ userCreate: { user: any; userErrors: any[] } }>(
    `mutation($input: UserCreateInput!) { userCreate(input: $input) { user { ${USER_FIELDS} } userErrors { code field message } } }`,
    { input },
  );
  if (data.userCreate.userErrors.length > 0) throw new Error(JSON.stringify(data.userCreate.userErrors));
  return data.userCreate.user;
}

export async function createGroup(client: GraphQLClient, input: Record<string, unknown>) {
  const data = await client.query<{ groupCreate: { group: any; userErrors: any[] } }>(
    `mutation($input: GroupCreateInput!) { groupCreate(input: $input) { group { id displayName version } userErrors { code field message } } }`,
    { input },
  );
  if (data.groupCreate.userErrors.length > 0) throw new Error(JSON.stringify(data.groupCreate.userErrors));
  return data.groupCreate.group;
}
