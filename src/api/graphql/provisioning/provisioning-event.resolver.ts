import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { actorOf } from '../../auth/principal';
import type { GraphQLContext } from '../context';
import { runMutation } from '../mutation';
import { toConnection } from '../types/connection';
import { ConnectionArgs } from '../types/list-args';
import {
  ProvisioningEventConnection,
  ProvisioningEventFilterInput,
  ProvisioningEventInput,
  ProvisioningEventRecordPayload,
  ProvisioningEventType,
} from './provisioning-event.types';

@Resolver(() => ProvisioningEventType)
export class ProvisioningEventResolver {
  @Authorized('admin')
  @Query(() => ProvisioningEventConnection, {
    description:
      'What the identity provider did over SCIM and why requests failed, newest first. Needs the admin scope.',
  })
  async provisioningEvents(
    @Args() { first, after }: ConnectionArgs,
    @Arg('filter', () => ProvisioningEventFilterInput, { nullable: true, description: 'Which events to return.' })
    filter: ProvisioningEventFilterInput | null,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.provisioning.list(filter, { first, after });
    return toConnection(page, () => context.provisioning.count(filter));
  }

  @Authorized('provision')
  @Mutation(() => ProvisioningEventRecordPayload, {
    description: 'Writes a provisioning log entry. Only SCIM tokens may (the SCIM facade calls it for each request).',
  })
  provisioningEventRecord(
    @Arg('input', () => ProvisioningEventInput, { description: 'The entry.' }) input: ProvisioningEventInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<ProvisioningEventRecordPayload>(
      context,
      async () => {
        context.provisioning.record({
          requestId: input.requestId ?? null,
          method: input.method,
          path: input.path,
          operation: input.operation,
          resourceType: input.resourceType ?? null,
          resourceId: input.resourceId ?? null,
          status: input.status,
          outcome: input.outcome,
          scimType: input.scimType ?? null,
          detail: input.detail ?? null,
          // From the credential, never from the input: an entry says truthfully who made the request.
          actor: actorOf(context.principal),
        });
        return { recorded: true };
      },
      { recorded: false },
    );
  }
}
