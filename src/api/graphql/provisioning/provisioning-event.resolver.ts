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
  UndeclaredExtensionAttributeType,
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

  @Authorized('admin')
  @Query(() => Date, {
    nullable: true,
    description:
      'When the identity provider last called the SCIM endpoint: the latest logged request, or, if later, the hour a SCIM token was last used (reads are not logged, and token use is kept to the hour). Null if never. Needs the admin scope.',
  })
  async provisioningLastRequestAt(@Ctx() context: GraphQLContext): Promise<Date | null> {
    const times = [await context.provisioning.lastEventAt(), await context.tokens.lastUsedAt('scim')];
    const known = times.filter((time): time is Date => time !== null).map((time) => time.getTime());
    return known.length === 0 ? null : new Date(Math.max(...known));
  }

  @Authorized('admin')
  @Query(() => [UndeclaredExtensionAttributeType], {
    description:
      'Extension attributes the identity provider has been sending that this tenant has not declared (so they are not stored), most recently seen first. Needs the admin scope.',
  })
  async undeclaredExtensionAttributes(@Ctx() context: GraphQLContext): Promise<UndeclaredExtensionAttributeType[]> {
    const records = await context.provisioning.undeclaredAttributes();
    return records.map((record) => {
      const colon = record.path.lastIndexOf(':');
      return {
        path: record.path,
        schema: record.path.slice(0, colon),
        name: record.path.slice(colon + 1),
        requests: Number(record.requestCount),
        firstSeenAt: record.firstSeenAt,
        lastSeenAt: record.lastSeenAt,
      };
    });
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
          warnings: input.warnings ?? [],
          undeclaredAttributes: input.undeclaredAttributes ?? [],
          // From the credential, never from the input: an entry says truthfully who made the request.
          actor: actorOf(context.principal),
        });
        return { recorded: true };
      },
      { recorded: false },
    );
  }
}
