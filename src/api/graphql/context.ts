import type { Logger } from 'pino';
import { EntraConnectionService } from '../../domain/accounts/entra/entra-connection.service';
import { ClientService } from '../../domain/accounts/clients/client.service';
import { SsoSettingsService } from '../../domain/accounts/sso/sso-settings.service';
import { TokenService } from '../../domain/accounts/tokens/token.service';
import { ChangeFeedService } from '../../domain/directory/changes/change-feed.service';
import { ChangeRecorder } from '../../domain/directory/changes/change-recorder';
import { DeletedObjectService } from '../../domain/directory/deleted/deleted-object.service';
import { DepartmentService } from '../../domain/directory/departments/department.service';
import { ExtensionAttributeService } from '../../domain/directory/extensions/extension-attribute.service';
import { GroupService } from '../../domain/directory/groups/group.service';
import { OrgChartService } from '../../domain/directory/org-chart/org-chart.service';
import { ProvisioningEventService } from '../../domain/directory/provisioning/provisioning-event.service';
import { UserService } from '../../domain/directory/users/user.service';
import { WebhookService } from '../../domain/directory/webhooks/webhook.service';
import type { TenantTransaction } from '../../platform/db/tenant-transaction';
import type { DomainError } from '../../platform/errors';
import type { BrowserBinding } from '../auth/entra/browser-binding';
import type { EntraConnectFlow } from '../auth/entra/entra-connect-flow';
import { actorOf, type Principal } from '../auth/principal';
import { LoaderRegistry } from './loaders';

/**
 * How the mutations of a request are atomic. GraphQL clients get each mutation atomic on its own
 * (a savepoint each), so a userError undoes only that mutation. The SCIM facade rolls a request
 * back whole when any part fails, so its mutations need no savepoints (two round trips each).
 */
export type MutationAtomicity = 'each-mutation' | 'whole-request';

/** Everything a resolver may use. One per GraphQL request, whether over HTTP or from SCIM. */
export interface GraphQLContext {
  principal: Principal;
  transaction: TenantTransaction;
  mutationAtomicity: MutationAtomicity;
  users: UserService;
  groups: GroupService;
  departments: DepartmentService;
  extensions: ExtensionAttributeService;
  orgChart: OrgChartService;
  deletedObjects: DeletedObjectService;
  changeFeed: ChangeFeedService;
  provisioning: ProvisioningEventService;
  tokens: TokenService;
  ssoSettings: SsoSettingsService;
  entraConnections: EntraConnectionService;
  /** Connecting Microsoft Entra ID; undefined when the operator has not configured it. */
  entraConnect: EntraConnectFlow | undefined;
  /** The calling browser, for what only it may finish (an Entra sign-in); undefined inside SCIM. */
  browser: BrowserBinding | undefined;
  oauthClients: ClientService;
  webhooks: WebhookService;
  loaders: LoaderRegistry;
  log: Logger;
  /** Set when execution produced an error: the request's transaction is then rolled back. */
  failed?: boolean;
  /** The domain error of the first mutation that failed in this request (see runMutation). */
  failedMutation?: DomainError;
}

export function createContext(options: {
  principal: Principal;
  transaction: TenantTransaction;
  mutationAtomicity: MutationAtomicity;
  log: Logger;
  entraConnect?: EntraConnectFlow;
  browser?: BrowserBinding;
  /** Where webhooks may point (WEBHOOK_ALLOW_PRIVATE_TARGETS); private targets are refused when not given. */
  webhookTargets?: { allowPrivateTargets: boolean };
}): GraphQLContext {
  const { principal, transaction } = options;
  const changes = ChangeRecorder.on(transaction, actorOf(principal));
  return {
    principal,
    transaction,
    mutationAtomicity: options.mutationAtomicity,
    users: new UserService(transaction, changes),
    groups: new GroupService(transaction, changes),
    departments: new DepartmentService(transaction, changes),
    extensions: new ExtensionAttributeService(transaction, changes),
    orgChart: new OrgChartService(transaction),
    deletedObjects: new DeletedObjectService(transaction, changes),
    changeFeed: new ChangeFeedService(transaction),
    provisioning: new ProvisioningEventService(transaction),
    tokens: new TokenService(transaction),
    ssoSettings: new SsoSettingsService(transaction),
    entraConnections: new EntraConnectionService(transaction),
    entraConnect: options.entraConnect,
    browser: options.browser,
    oauthClients: new ClientService(transaction),
    webhooks: new WebhookService(transaction, options.webhookTargets ?? { allowPrivateTargets: false }),
    loaders: new LoaderRegistry(),
    log: options.log,
  };
}
