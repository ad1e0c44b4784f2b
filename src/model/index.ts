import { ApiToken } from './api-token.entity';
import { DeletedDirectoryObject } from './deleted-directory-object.entity';
import { Department } from './department.entity';
import { DirectoryChangeCounter } from './directory-change-counter.entity';
import { DirectoryChange } from './directory-change.entity';
import { EntraConnectRequest } from './entra-connect-request.entity';
import { EntraConnection } from './entra-connection.entity';
import { EntraSignInRequest } from './entra-sign-in-request.entity';
import { ExtensionAttribute } from './extension-attribute.entity';
import { GroupMember } from './group-member.entity';
import { Group } from './group.entity';
import { OAuthAccessToken } from './oauth-access-token.entity';
import { OAuthClientSecret } from './oauth-client-secret.entity';
import { OAuthClient } from './oauth-client.entity';
import { OAuthFailureWindow } from './oauth-failure-window.entity';
import { OAuthUsedAssertion } from './oauth-used-assertion.entity';
import { ProvisioningEvent } from './provisioning-event.entity';
import { RateLimitWindow } from './rate-limit-window.entity';
import { SqlDefinition } from './sql-definition.entity';
import { SsoSettings } from './sso-settings.entity';
import { Tenant } from './tenant.entity';
import { UndeclaredExtensionAttribute } from './undeclared-extension-attribute.entity';
import { UserEmail } from './user-email.entity';
import { UserExtensionValue } from './user-extension-value.entity';
import { UserReportingLine } from './user-reporting-line.entity';
import { User } from './user.entity';
import { WebhookCursor } from './webhook-cursor.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookSecret } from './webhook-secret.entity';
import { WebhookSubscription } from './webhook-subscription.entity';

/** Every table of the database, as MikroORM entities: the one description of its columns. */
export const ENTITIES = [
  Tenant,
  ApiToken,
  SsoSettings,
  EntraConnection,
  EntraConnectRequest,
  EntraSignInRequest,
  RateLimitWindow,
  OAuthClient,
  OAuthClientSecret,
  OAuthAccessToken,
  OAuthUsedAssertion,
  OAuthFailureWindow,
  Department,
  ExtensionAttribute,
  User,
  UserEmail,
  UserExtensionValue,
  UserReportingLine,
  Group,
  GroupMember,
  DirectoryChangeCounter,
  DirectoryChange,
  ProvisioningEvent,
  UndeclaredExtensionAttribute,
  DeletedDirectoryObject,
  WebhookSubscription,
  WebhookSecret,
  WebhookCursor,
  WebhookDelivery,
  SqlDefinition,
];
