import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DirectoryChangeType } from '../changes/change.types';
import { Connection } from '../types/connection';
import { UserError } from '../types/user-error';

export enum WebhookStatus {
  ACTIVE = 'active',
  PAUSED = 'paused',
  DISABLED = 'disabled',
}
registerEnumType(WebhookStatus, {
  name: 'WebhookStatus',
  description: 'Whether a webhook is delivering.',
  valuesConfig: {
    ACTIVE: { description: 'Delivering changes as they happen (retrying a failing one with backoff).' },
    PAUSED: {
      description:
        'Not delivering: paused by an admin, or after a change failed for the whole retry window (see statusReason). webhookResume delivers what was missed, in order.',
    },
    DISABLED: {
      description: 'The receiver answered 410 Gone, so deliveries stopped. webhookResume turns it on again.',
    },
  },
});

export enum WebhookDeliveryOutcome {
  DELIVERED = 'delivered',
  FAILED = 'failed',
  GONE = 'gone',
}
registerEnumType(WebhookDeliveryOutcome, {
  name: 'WebhookDeliveryOutcome',
  description: 'What became of one delivery attempt.',
  valuesConfig: {
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FAILED: {
      description:
        'Another status, a timeout, a refused connection or an address that is not allowed; retried at nextRetryAt.',
    },
    GONE: { description: 'The receiver answered 410 Gone: the webhook was disabled.' },
  },
});

@ObjectType('WebhookSigningSecret', {
  description:
    'A secret deliveries are signed with (Standard Webhooks). Only its start is shown; the secret itself was shown once.',
  simpleResolvers: true,
})
export class WebhookSigningSecretType {
  @Field(() => ID, { description: 'Secret id.' })
  id!: string;

  @Field({ description: 'The start of the secret, e.g. "whsec_AbCdEf…", to tell secrets apart.' })
  prefix!: string;

  @Field({ description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When it stops signing (set when a newer secret replaced it); null while it is the current one.',
  })
  expiresAt!: Date | null;
}

@ObjectType('Webhook', {
  description:
    "Where the directory's changes are pushed: each change (as directoryChanges returns it) with the object's current state, signed by the Standard Webhooks specification, in change order, at least once.",
  simpleResolvers: true,
})
export class WebhookType {
  @Field(() => ID, { description: 'Webhook id.' })
  id!: string;

  @Field({ description: 'The receiver: an https URL.' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'What the receiver is, for people.' })
  description!: string | null;

  @Field(() => [DirectoryChangeType], { description: 'The kinds of change delivered; empty: every kind.' })
  changeTypes!: DirectoryChangeType[];

  @Field(() => WebhookStatus, { description: 'Whether it is delivering.' })
  status!: WebhookStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why it is paused or disabled (for example the last failure); null while active.',
  })
  statusReason!: string | null;

  @Field({ description: 'When the status last changed.' })
  statusChangedAt!: Date;

  @Field({
    description:
      'Every change up to this directoryChanges cursor has been delivered (or is of a kind not wanted); read directoryChanges after it to see what is waiting.',
  })
  deliveredThroughCursor!: string;

  @Field(() => Int, { description: 'Failed attempts at the next change so far (0 when the last attempt succeeded).' })
  failedAttempts!: number;

  @Field(() => Date, {
    nullable: true,
    description: 'When the next change first failed; null when nothing is failing.',
  })
  failingSince!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the failing change is tried again.' })
  nextRetryAt!: Date | null;

  @Field(() => [WebhookSigningSecretType], {
    description: 'The secrets deliveries are signed with now, newest first (two during a rotation).',
  })
  signingSecrets!: WebhookSigningSecretType[];

  @Field({ description: 'When it was created.' })
  createdAt!: Date;

  @Field({ description: 'When it was last changed.' })
  updatedAt!: Date;
}

export const WebhookConnection = Connection(WebhookType, 'Webhook', 'webhook');

@ObjectType('WebhookDelivery', { description: 'One attempt at delivering one change.', simpleResolvers: true })
export class WebhookDeliveryType {
  @Field(() => ID, { description: 'Attempt id.' })
  id!: string;

  @Field({ description: 'The change’s sequence number (DirectoryChange.sequence).' })
  sequence!: string;

  @Field({ description: 'The change’s directoryChanges cursor: replay after it to send what followed it again.' })
  changeCursor!: string;

  @Field({ description: 'The webhook-id header: the same for every attempt at this change.' })
  webhookId!: string;

  @Field(() => DirectoryChangeType, { description: 'What the change was.' })
  changeType!: DirectoryChangeType;

  @Field(() => Int, { description: '1 for the first attempt at this change, then 2, 3, …' })
  attempt!: number;

  @Field({ description: 'When the attempt was made.' })
  attemptedAt!: Date;

  @Field(() => Int, { description: 'How long the receiver took to answer, in milliseconds.' })
  durationMs!: number;

  @Field(() => Int, { nullable: true, description: 'The HTTP status; null when no answer came.' })
  statusCode!: number | null;

  @Field(() => WebhookDeliveryOutcome, { description: 'What became of it.' })
  outcome!: WebhookDeliveryOutcome;

  @Field(() => String, { nullable: true, description: 'What went wrong; null on success.' })
  error!: string | null;

  @Field(() => String, { nullable: true, description: 'The start of the response body.' })
  responseExcerpt!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the change is tried again; null when it was delivered or no retry follows.',
  })
  nextRetryAt!: Date | null;
}

export const WebhookDeliveryConnection = Connection(WebhookDeliveryType, 'WebhookDelivery', 'webhook delivery attempt');

@InputType({ description: 'A webhook to create.' })
export class WebhookCreateInput {
  @Field({
    description:
      'The receiver: an https URL (http only for localhost). It must reach a public address unless the server allows private ones.',
  })
  url!: string;

  @Field(() => [DirectoryChangeType], {
    nullable: true,
    description: 'Only these kinds of change; omit for every kind.',
  })
  changeTypes?: DirectoryChangeType[] | null;

  @Field(() => String, { nullable: true, description: 'What the receiver is, for people.' })
  description?: string | null;
}

@InputType({ description: 'What to change on a webhook; omitted fields stay as they are.' })
export class WebhookUpdateInput {
  @Field(() => ID, { description: 'Webhook id.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'The new receiver URL.' })
  url?: string | null;

  @Field(() => [DirectoryChangeType], { nullable: true, description: 'The kinds of change; empty for every kind.' })
  changeTypes?: DirectoryChangeType[] | null;

  @Field(() => String, { nullable: true, description: 'The new description; null clears it.' })
  description?: string | null;
}

@InputType({ description: 'A webhook, by id.' })
export class WebhookIdInput {
  @Field(() => ID, { description: 'Webhook id.' })
  id!: string;
}

@InputType({ description: 'A new signing secret for a webhook.' })
export class WebhookSecretRotateInput {
  @Field(() => ID, { description: 'Webhook id.' })
  id!: string;

  @Field(() => Int, {
    defaultValue: 24,
    description:
      'How many hours the current secret keeps signing deliveries beside the new one (0 to 168), so the receiver can switch without missing one.',
  })
  previousSecretExpiresInHours!: number;
}

@InputType({ description: 'Where to deliver from again.' })
export class WebhookReplayInput {
  @Field(() => ID, { description: 'Webhook id.' })
  id!: string;

  @Field({
    description:
      'A directoryChanges cursor (DirectoryChange.cursor, WebhookDelivery.changeCursor): every change after it is delivered again, in order. It must still be in retention.',
  })
  after!: string;
}

@ObjectType({ description: 'The result of webhookCreate.', simpleResolvers: true })
export class WebhookCreatePayload {
  @Field(() => WebhookType, { nullable: true, description: 'The new webhook; null on userErrors.' })
  webhook!: WebhookType | null;

  @Field(() => String, {
    nullable: true,
    description: 'The signing secret (whsec_…) to verify deliveries with. Shown only now.',
  })
  secret!: string | null;

  @Field(() => [UserError], { description: 'Why no webhook was created; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of a change to a webhook.', simpleResolvers: true })
export class WebhookPayload {
  @Field(() => WebhookType, { nullable: true, description: 'The webhook as it is now; null on userErrors.' })
  webhook!: WebhookType | null;

  @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of webhookSecretRotate.', simpleResolvers: true })
export class WebhookSecretRotatePayload {
  @Field(() => WebhookType, { nullable: true, description: 'The webhook with its secrets; null on userErrors.' })
  webhook!: WebhookType | null;

  @Field(() => String, { nullable: true, description: 'The new signing secret (whsec_…). Shown only now.' })
  secret!: string | null;

  @Field(() => [UserError], { description: 'Why no secret was created; empty on success.' })
  userErrors!: UserError[];
}
