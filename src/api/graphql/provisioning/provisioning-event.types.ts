import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../types/connection';
import { UserError } from '../types/user-error';
import type { ProvisioningEventFilter } from '../../../domain/directory/provisioning/provisioning-event.record';

export enum ProvisioningOutcome {
  SUCCESS = 'success',
  FAILURE = 'failure',
}
registerEnumType(ProvisioningOutcome, {
  name: 'ProvisioningOutcome',
  description: 'Whether a provisioning request did what was asked.',
  valuesConfig: {
    SUCCESS: { description: 'The change was made.' },
    FAILURE: { description: 'Nothing was changed; detail says why.' },
  },
});

@ObjectType('ProvisioningEvent', {
  description: 'A SCIM request from the identity provider (Entra) that changed the directory or failed.',
  simpleResolvers: true,
})
export class ProvisioningEventType {
  @Field(() => ID, { description: 'Event id; ids grow with time.' })
  id!: string;

  @Field({ description: 'When the request was handled.' })
  occurredAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: 'The request id, also in the service logs and the X-Request-Id header.',
  })
  requestId!: string | null;

  @Field({ description: 'HTTP method, e.g. PATCH.' })
  method!: string;

  @Field({ description: 'Request path (without query string).' })
  path!: string;

  @Field({ description: 'What was attempted, e.g. "Create User", "Update Group members".' })
  operation!: string;

  @Field(() => String, { nullable: true, description: 'User or Group.' })
  resourceType!: string | null;

  @Field(() => String, { nullable: true, description: 'The id of the user or group concerned, when known.' })
  resourceId!: string | null;

  @Field(() => Int, { description: 'The HTTP status answered.' })
  status!: number;

  @Field(() => ProvisioningOutcome, { description: 'Success or failure.' })
  outcome!: ProvisioningOutcome;

  @Field(() => String, { nullable: true, description: 'The SCIM error type, e.g. uniqueness, invalidFilter.' })
  scimType!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it failed, as the identity provider was told.' })
  detail!: string | null;

  @Field(() => [String], {
    description:
      'What a successful request did otherwise than asked, and what to do about it: an attribute that is not declared (and so was not stored), a manager kept pending, a member that does not exist.',
  })
  warnings!: string[];
  @Field(() => String, {
    nullable: true,
    description:
      'Who made the request: "scim:<token id>" for a SCIM secret token, "oauth:<client id>" for an OAuth client\'s access token (see oauthClients). Null for entries recorded before actors were kept.',
  })
  actor!: string | null;
}

export const ProvisioningEventConnection = Connection(ProvisioningEventType, 'ProvisioningEvent', 'provisioning event');

@InputType({ description: 'Which provisioning events to return; all given conditions must hold.' })
export class ProvisioningEventFilterInput implements ProvisioningEventFilter {
  @Field(() => ProvisioningOutcome, { nullable: true, description: 'Only successes or only failures.' })
  outcome?: ProvisioningOutcome | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only this operation, exactly as in ProvisioningEvent.operation, e.g. "Create User".',
  })
  operation?: string | null;

  @Field(() => String, { nullable: true, description: 'User or Group.' })
  resourceType?: string | null;

  @Field(() => String, { nullable: true, description: 'Events about this user or group id.' })
  resourceId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Events after this time.' })
  occurredAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Events before this time.' })
  occurredBefore?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only events with warnings; false: only those without.' })
  hasWarnings?: boolean | null;
}

@InputType({ description: 'A provisioning log entry, written by the SCIM facade.' })
export class ProvisioningEventInput {
  @Field(() => String, { nullable: true, description: 'Request id.' })
  requestId?: string | null;

  @Field({ description: 'HTTP method.' })
  method!: string;

  @Field({ description: 'Request path.' })
  path!: string;

  @Field({ description: 'What was attempted.' })
  operation!: string;

  @Field(() => String, { nullable: true, description: 'User or Group.' })
  resourceType?: string | null;

  @Field(() => String, { nullable: true, description: 'The resource id, when known.' })
  resourceId?: string | null;

  @Field(() => Int, { description: 'HTTP status answered.' })
  status!: number;

  @Field(() => ProvisioningOutcome, { description: 'Success or failure.' })
  outcome!: ProvisioningOutcome;

  @Field(() => String, { nullable: true, description: 'SCIM error type.' })
  scimType?: string | null;

  @Field(() => String, { nullable: true, description: 'Why it failed.' })
  detail?: string | null;

  @Field(() => [String], { nullable: true, description: 'What was done otherwise than asked.' })
  warnings?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Extension attributes the request carried that are not declared (`<schema URN>:<name>`).',
  })
  undeclaredAttributes?: string[] | null;
}

@ObjectType('UndeclaredExtensionAttribute', {
  description:
    'An extension attribute the identity provider has been sending that this tenant has not declared, so it is not stored. Declare it with extensionAttributeCreate to keep it.',
  simpleResolvers: true,
})
export class UndeclaredExtensionAttributeType {
  @Field({ description: 'The attribute as last sent: `<schema URN>:<name>`.' })
  path!: string;

  @Field({ description: 'The schema URN part of path.' })
  schema!: string;

  @Field({ description: 'The attribute name part of path.' })
  name!: string;

  @Field(() => Int, { description: 'How many requests carried it.' })
  requests!: number;

  @Field({ description: 'When a request first carried it.' })
  firstSeenAt!: Date;

  @Field({ description: 'When a request last carried it.' })
  lastSeenAt!: Date;
}

@ObjectType({ description: 'The result of provisioningEventRecord.', simpleResolvers: true })
export class ProvisioningEventRecordPayload {
  @Field({ description: 'true when the entry was written.' })
  recorded!: boolean;

  @Field(() => [UserError], { description: 'Why not; empty on success.' })
  userErrors!: UserError[];
}
