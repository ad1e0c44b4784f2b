import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type AuthChecker } from 'type-graphql';
import { ApiTokenResolver } from './accounts/api-token.resolver';
import { EntraConnectionResolver } from './accounts/entra-connection.resolver';
import { MeResolver } from './accounts/me.resolver';
import { OAuthClientResolver, OAuthClientSecretResolver } from './accounts/oauth-client.resolver';
import { SsoSettingsResolver } from './accounts/sso-settings.resolver';
import { grants, type Scope } from '../../domain/accounts/tokens/scopes';
import { ChangeFeedResolver } from './changes/change.resolver';
import { DeletedObjectResolver } from './deleted/deleted-object.resolver';
import { DepartmentResolver } from './departments/department.resolver';
import { ExtensionAttributeResolver } from './extensions/extension-attribute.resolver';
import { UserDepartmentResolver } from './departments/user-department.resolver';
import { GroupResolver } from './groups/group.resolver';
import { UserGroupsResolver } from './groups/user-groups.resolver';
import { OrgChartResolver } from './org-chart/org-chart.resolver';
import { ProvisioningEventResolver } from './provisioning/provisioning-event.resolver';
import { UserResolver } from './users/user.resolver';
import { WebhookResolver } from './webhooks/webhook.resolver';
import type { GraphQLContext } from './context';

const authChecker: AuthChecker<GraphQLContext, Scope> = ({ context }, scopes) =>
  scopes.every((scope) => grants(context.principal.scopes, scope));

let built: Promise<GraphQLSchema> | undefined;

/** The directory's GraphQL schema, built once per process. */
export function directorySchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [
      UserResolver,
      OrgChartResolver,
      GroupResolver,
      UserGroupsResolver,
      DepartmentResolver,
      UserDepartmentResolver,
      ProvisioningEventResolver,
      MeResolver,
      ApiTokenResolver,
      SsoSettingsResolver,
      EntraConnectionResolver,
      OAuthClientResolver,
      OAuthClientSecretResolver,
      ChangeFeedResolver,
      DeletedObjectResolver,
      ExtensionAttributeResolver,
      WebhookResolver,
    ],
    authChecker,
    authMode: 'error',
    validate: false,
  }).then(describeRootTypes);
  return built;
}

/** The SDL committed as schema/schema.graphql: sorted, so diffs show real changes only. */
export function printDirectorySchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** type-graphql has no option for the root types' descriptions; GraphiQL shows them first. */
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) query.description = 'Reads of the directory of the tenant your token belongs to.';
  if (mutation) {
    mutation.description =
      'Changes to the directory. Each mutation is atomic: when it returns userErrors, nothing of it was saved.';
  }
  return schema;
}
