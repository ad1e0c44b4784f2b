import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { encodeChangeCursor } from '../../../domain/directory/changes/change-feed.service';
import type { WebhookDeliveryRecord, WebhookRecord } from '../../../domain/directory/webhooks/webhook.records';
import type { DirectoryChangeType } from '../changes/change.types';
import type { GraphQLContext } from '../context';
import { runMutation } from '../mutation';
import { toConnection } from '../types/connection';
import { ConnectionArgs } from '../types/list-args';
import {
  WebhookConnection,
  WebhookCreateInput,
  WebhookCreatePayload,
  WebhookDeliveryConnection,
  WebhookIdInput,
  WebhookPayload,
  WebhookReplayInput,
  WebhookSecretRotateInput,
  WebhookSecretRotatePayload,
  WebhookType,
  WebhookUpdateInput,
  type WebhookDeliveryOutcome,
  type WebhookDeliveryType,
  type WebhookStatus,
} from './webhook.types';

/** Webhooks, for admins: where changes are pushed, their secrets, and the delivery log. */
@Resolver(() => WebhookType)
export class WebhookResolver {
  @Authorized('admin')
  @Query(() => WebhookConnection, { description: "This tenant's webhooks, oldest first. Needs the admin scope." })
  async webhooks(@Args() { first, after }: ConnectionArgs, @Ctx() context: GraphQLContext) {
    const page = await context.webhooks.page({ first, after });
    return toConnection({ ...page, items: page.items.map(toWebhook) }, () => context.webhooks.count());
  }

  @Authorized('admin')
  @Query(() => WebhookType, {
    nullable: true,
    description: 'A webhook by id; null when none has it. Needs the admin scope.',
  })
  async webhook(@Arg('id', () => ID, { description: 'Webhook id.' }) id: string, @Ctx() context: GraphQLContext) {
    const webhook = await context.webhooks.find(id);
    return webhook ? toWebhook(webhook) : null;
  }

  @Authorized('admin')
  @Query(() => WebhookDeliveryConnection, {
    description:
      "A webhook's delivery log, newest first: every attempt with its status, latency and next retry. Kept as long as changes are. Needs the admin scope.",
  })
  async webhookDeliveries(
    @Arg('id', () => ID, { description: 'Webhook id.' }) id: string,
    @Args() { first, after }: ConnectionArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.webhooks.deliveries(id, { first, after });
    return toConnection({ ...page, items: page.items.map(toDelivery) }, () => context.webhooks.deliveryCount(id));
  }

  @Authorized('admin')
  @Mutation(() => WebhookCreatePayload, {
    description:
      'Creates a webhook that delivers the changes made from now on. Its signing secret is in the payload, once. Needs the admin scope.',
  })
  webhookCreate(
    @Arg('input', () => WebhookCreateInput, { description: 'The webhook.' }) input: WebhookCreateInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<WebhookCreatePayload>(
      context,
      async () => {
        const { webhook, secret } = await context.webhooks.create(input);
        return { webhook: toWebhook(webhook), secret };
      },
      { webhook: null, secret: null },
    );
  }

  @Authorized('admin')
  @Mutation(() => WebhookPayload, {
    description: 'Changes a webhook’s URL, change types or description. Needs the admin scope.',
  })
  webhookUpdate(
    @Arg('input', () => WebhookUpdateInput, { description: 'What to change.' }) input: WebhookUpdateInput,
    @Ctx() context: GraphQLContext,
  ) {
    return webhookPayload(context, () => context.webhooks.update(input));
  }

  @Authorized('admin')
  @Mutation(() => WebhookPayload, {
    description: 'Stops delivering until webhookResume; nothing is lost meanwhile. Needs the admin scope.',
  })
  webhookPause(
    @Arg('input', () => WebhookIdInput, { description: 'The webhook.' }) input: WebhookIdInput,
    @Ctx() context: GraphQLContext,
  ) {
    return webhookPayload(context, () => context.webhooks.pause(input.id));
  }

  @Authorized('admin')
  @Mutation(() => WebhookPayload, {
    description:
      'Delivers again a paused or disabled webhook, from the first change it has not delivered, in order (CURSOR_EXPIRED when that change was purged: replay from a later cursor). Needs the admin scope.',
  })
  webhookResume(
    @Arg('input', () => WebhookIdInput, { description: 'The webhook.' }) input: WebhookIdInput,
    @Ctx() context: GraphQLContext,
  ) {
    return webhookPayload(context, () => context.webhooks.resume(input.id));
  }

  @Authorized('admin')
  @Mutation(() => WebhookPayload, {
    description: 'Deletes a webhook with its secrets and delivery log. Needs the admin scope.',
  })
  webhookDelete(
    @Arg('input', () => WebhookIdInput, { description: 'The webhook.' }) input: WebhookIdInput,
    @Ctx() context: GraphQLContext,
  ) {
    return webhookPayload(context, () => context.webhooks.delete(input.id));
  }

  @Authorized('admin')
  @Mutation(() => WebhookSecretRotatePayload, {
    description:
      'Creates a new signing secret (in the payload, once). Deliveries are signed with the old and the new one until the old one expires. Needs the admin scope.',
  })
  webhookSecretRotate(
    @Arg('input', () => WebhookSecretRotateInput, { description: 'The webhook.' }) input: WebhookSecretRotateInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<WebhookSecretRotatePayload>(
      context,
      async () => {
        const { webhook, secret } = await context.webhooks.rotateSecret(input.id, input.previousSecretExpiresInHours);
        return { webhook: toWebhook(webhook), secret };
      },
      { webhook: null, secret: null },
    );
  }

  @Authorized('admin')
  @Mutation(() => WebhookPayload, {
    description:
      'Delivers again, in order, every change after a cursor still in retention (each with its original webhook-id). Needs the admin scope.',
  })
  webhookReplay(
    @Arg('input', () => WebhookReplayInput, { description: 'The webhook and where to start.' })
    input: WebhookReplayInput,
    @Ctx() context: GraphQLContext,
  ) {
    return webhookPayload(context, () => context.webhooks.replay(input.id, input.after));
  }
}

function webhookPayload(context: GraphQLContext, work: () => Promise<WebhookRecord>) {
  return runMutation<WebhookPayload>(context, async () => ({ webhook: toWebhook(await work()) }), { webhook: null });
}

function toWebhook(record: WebhookRecord): WebhookType {
  return {
    id: record.id,
    url: record.url,
    description: record.description,
    changeTypes: record.changeTypes as DirectoryChangeType[],
    status: record.status as WebhookStatus,
    statusReason: record.statusReason,
    statusChangedAt: record.statusChangedAt,
    deliveredThroughCursor: encodeChangeCursor(record.delivery.deliveredThrough),
    failedAttempts: record.delivery.attempts,
    failingSince: record.delivery.failingSince,
    nextRetryAt: record.delivery.retryAt,
    signingSecrets: record.secrets,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function toDelivery(record: WebhookDeliveryRecord): WebhookDeliveryType {
  return {
    id: record.id,
    sequence: record.changeSeq,
    changeCursor: encodeChangeCursor(record.changeSeq),
    webhookId: record.webhookId,
    changeType: record.changeType as DirectoryChangeType,
    attempt: record.attempt,
    attemptedAt: record.attemptedAt,
    durationMs: record.durationMs,
    statusCode: record.statusCode,
    outcome: record.outcome as WebhookDeliveryOutcome,
    error: record.error,
    responseExcerpt: record.responseExcerpt,
    nextRetryAt: record.nextAttemptAt,
  };
}
