import type { GraphQLFormattedError } from 'graphql';
import type { GraphQLContext } from '../../src/api/graphql/context';
import type { InProcessGraphQL } from '../../src/api/graphql/in-process-graphql';
import { ScimError, invalidValue } from '../errors';
import type * as Types from './operation-types';
import { OPERATIONS, type OperationName } from './operations';

/** Each operation's variables and result, as graphql-codegen typed them (operation-types.ts). */
interface OperationTypes {
  UserById: [Types.UserByIdQueryVariables, Types.UserByIdQuery];
  UserList: [Types.UserListQueryVariables, Types.UserListQuery];
  UserCreate: [Types.UserCreateMutationVariables, Types.UserCreateMutation];
  UserUpdate: [Types.UserUpdateMutationVariables, Types.UserUpdateMutation];
  UserDelete: [Types.UserDeleteMutationVariables, Types.UserDeleteMutation];
  GroupById: [Types.GroupByIdQueryVariables, Types.GroupByIdQuery];
  GroupMembersPage: [Types.GroupMembersPageQueryVariables, Types.GroupMembersPageQuery];
  GroupList: [Types.GroupListQueryVariables, Types.GroupListQuery];
  GroupCreate: [Types.GroupCreateMutationVariables, Types.GroupCreateMutation];
  GroupChange: [Types.GroupChangeMutationVariables, Types.GroupChangeMutation];
  GroupDelete: [Types.GroupDeleteMutationVariables, Types.GroupDeleteMutation];
  ExtensionAttributes: [Types.ExtensionAttributesQueryVariables, Types.ExtensionAttributesQuery];
  ProvisioningEventRecord: [Types.ProvisioningEventRecordMutationVariables, Types.ProvisioningEventRecordMutation];
}

export type UserErrorPayload = Types.UserCreateMutation['userCreate']['userErrors'][number];

/**
 * Runs the facade's fixed GraphQL operations in-process, in the SCIM request's context (and so
 * its transaction). GraphQL errors become SCIM errors here, once.
 */
export class ScimGraphQL {
  constructor(
    private readonly graphql: InProcessGraphQL,
    private readonly context: GraphQLContext,
  ) {}

  get principal() {
    return this.context.principal;
  }

  /** Writes the provisioning log entry of this SCIM request, in its transaction. */
  async recordProvisioningEvent(input: Types.ProvisioningEventInput): Promise<void> {
    const data = await this.run('ProvisioningEventRecord', { input });
    failOnUserErrors(data.provisioningEventRecord.userErrors);
  }

  async run<N extends OperationName>(operation: N, variables: OperationTypes[N][0]): Promise<OperationTypes[N][1]> {
    const { data, errors } = await this.graphql.run<OperationTypes[N][1]>(
      OPERATIONS[operation],
      variables as Record<string, unknown>,
      this.context,
      operation,
    );
    if (errors && errors.length > 0) {
      const error = scimErrorFrom(errors[0]!);
      if (error.status >= 500) this.context.log.error({ operation, errors }, 'SCIM operation failed in GraphQL');
      throw error;
    }
    return data as OperationTypes[N][1];
  }
}

/** A mutation's userErrors as the SCIM error Entra should see. */
export function failOnUserErrors(userErrors: readonly UserErrorPayload[]): void {
  const [first] = userErrors;
  if (!first) return;
  switch (first.code) {
    case 'NOT_FOUND':
      throw new ScimError(404, first.message);
    case 'USER_NAME_TAKEN':
    case 'GROUP_NAME_TAKEN':
    case 'EXTENSION_VALUE_TAKEN':
      throw new ScimError(409, first.message, 'uniqueness');
    case 'VERSION_CONFLICT':
      throw new ScimError(412, first.message);
    case 'FORBIDDEN':
      throw new ScimError(403, first.message);
    default:
      throw invalidValue(first.message);
  }
}

function scimErrorFrom(error: GraphQLFormattedError): ScimError {
  const code = error.extensions?.code;
  switch (code) {
    case 'SERVICE_UNAVAILABLE':
      return new ScimError(503, error.message);
    case 'INVALID_INPUT':
    case 'BAD_USER_INPUT':
      return invalidValue(error.message);
    case 'FORBIDDEN':
      return new ScimError(403, 'This SCIM token may not do this.');
    case 'NOT_FOUND':
      return new ScimError(404, error.message);
    default:
      // The facade's own operations are fixed; anything else is a bug on our side.
      return new ScimError(500, 'The directory failed to handle this request. It has been logged; retry later.');
  }
}
