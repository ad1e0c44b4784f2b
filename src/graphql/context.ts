import type { Logger } from 'pino';
import type { Principal } from '../auth/authenticate';
import { SsoSettingsService } from '../auth/sso/sso-settings.service';
import { TokenService } from '../auth/token.service';
import type { TenantTransaction } from '../db/tenant-transaction';
import { DepartmentService } from '../directory/departments/department.service';
import { GroupService } from '../directory/groups/group.service';
import { ProvisioningEventService } from '../directory/provisioning/provisioning-event.service';
import { UserService } from '../directory/users/user.service';
import { LoaderRegistry } from './loaders';

/** Everything a resolver may use. One per GraphQL request, whether over HTTP or from SCIM. */
export interface GraphQLContext {
  principal: Principal;
  transaction: TenantTransaction;
  users: UserService;
  groups: GroupService;
  departments: DepartmentService;
  provisioning: ProvisioningEventService;
  tokens: TokenService;
  ssoSettings: SsoSettingsService;
  loaders: LoaderRegistry;
  log: Logger;
  /** Set when execution produced an error: the request's transaction is then rolled back. */
  failed?: boolean;
  /**
   * Set by the SCIM facade, whose operations are a fixed, reviewed set (scim-facade/graphql/operations.ts)
   * run in-process: they need no measuring (they never pass the HTTP guard, guard/guard.ts) and no
   * savepoint per mutation (see runMutation). HTTP clients cannot set it.
   */
  runsFixedOperations?: boolean;
}

export function createContext(options: {
  principal: Principal;
  transaction: TenantTransaction;
  log: Logger;
}): GraphQLContext {
  const { principal, transaction } = options;
  transaction.actor = `${principal.kind}:${principal.subjectId}`;
  return {
    principal,
    transaction,
    users: new UserService(transaction),
    groups: new GroupService(transaction),
    departments: new DepartmentService(transaction),
    provisioning: new ProvisioningEventService(transaction),
    tokens: new TokenService(transaction),
    ssoSettings: new SsoSettingsService(transaction),
    loaders: new LoaderRegistry(),
    log: options.log,
  };
}
