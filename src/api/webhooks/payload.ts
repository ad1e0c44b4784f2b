import {
  getNamedType,
  isLeafType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { Logger } from 'pino';
import type { DirectoryChangeRecord } from '../../domain/directory/changes/change-feed.service';
import type { ObjectType } from '../../domain/directory/changes/change-recorder';
import type { TenantTransaction } from '../../platform/db/tenant-transaction';
import { changeAsGraphQL } from '../graphql/changes/change.mapping';
import { DirectoryChangeType, DirectoryObjectType } from '../graphql/changes/change.types';
import { createContext } from '../graphql/context';
import type { InProcessGraphQL } from '../graphql/in-process-graphql';
import { isCount } from '../graphql/guard/cost';

/** The JSON body of a delivery. */
export interface WebhookPayload {
  /** `<object type>.<change type>`, e.g. `user.created`, `group.member_added`. */
  type: string;
  /** When the change was committed (ISO 8601). */
  timestamp: string;
  data: {
    /** The change exactly as directoryChanges returns it. */
    change: Record<string, unknown>;
    /** The object as user(id), group(id) or department(id) returns it now; null once it is deleted. */
    object: Record<string, unknown> | null;
  };
}

const ROOT_FIELDS: Record<ObjectType, { field: string; type: string }> = {
  user: { field: 'users', type: 'User' },
  group: { field: 'groups', type: 'Group' },
  department: { field: 'departments', type: 'Department' },
};

/**
 * Builds delivery bodies. The current state of the objects is read through the GraphQL API itself
 * (in-process, in the delivery's tenant transaction, with the read scope): one statement per kind
 * of object for a whole batch, and the same shape a receiver would get asking `user(id)`. Which
 * fields: every field of User, Group and Department without arguments whose value is plain data
 * (scalars, enums, and lists of objects made only of those, like emails and addresses), counts
 * excepted; so a new attribute appears in deliveries as soon as it is in the schema.
 */
export class WebhookPayloads {
  private readonly query: string;

  constructor(
    private readonly graphql: InProcessGraphQL,
    schema: GraphQLSchema,
  ) {
    this.query = objectsQuery(schema);
  }

  async build(
    transaction: TenantTransaction,
    subscriptionId: string,
    changes: ReadonlyArray<{ change: DirectoryChangeRecord; cursor: string }>,
    log: Logger,
  ): Promise<WebhookPayload[]> {
    const ids = (type: ObjectType) => [
      ...new Set(changes.filter(({ change }) => change.objectType === type).map(({ change }) => change.objectId)),
    ];
    const context = createContext({
      principal: { tenantId: transaction.tenantId, kind: 'webhook', subjectId: subscriptionId, scopes: ['read'] },
      transaction,
      mutationAtomicity: 'whole-request',
      log,
    });
    const { data, errors } = await this.graphql.run<Record<string, { nodes: Array<{ id: string }> }>>(
      this.query,
      { users: ids('user'), groups: ids('group'), departments: ids('department') },
      context,
    );
    if (errors?.length || !data) throw new Error(`The webhook objects query failed: ${JSON.stringify(errors)}`);
    const objects = new Map<string, Record<string, unknown>>();
    for (const { field } of Object.values(ROOT_FIELDS)) {
      for (const node of data[field]!.nodes) objects.set(node.id, node);
    }
    return changes.map(({ change, cursor }) => ({
      type: `${change.objectType}.${change.changeType}`,
      timestamp: change.occurredAt.toISOString(),
      data: { change: serializedChange(change, cursor), object: objects.get(change.objectId) ?? null },
    }));
  }
}

/** The change as GraphQL serializes it: enum names, ISO dates. */
function serializedChange(change: DirectoryChangeRecord, cursor: string): Record<string, unknown> {
  const graphql = changeAsGraphQL(change, cursor);
  return {
    ...graphql,
    occurredAt: graphql.occurredAt.toISOString(),
    objectType: enumName(DirectoryObjectType, graphql.objectType),
    changeType: enumName(DirectoryChangeType, graphql.changeType),
    memberType: graphql.memberType === null ? null : enumName(DirectoryObjectType, graphql.memberType),
  };
}

function enumName(enumeration: Record<string, string>, value: string): string {
  return Object.keys(enumeration).find((name) => enumeration[name] === value) ?? value;
}

function objectsQuery(schema: GraphQLSchema): string {
  const selections = Object.values(ROOT_FIELDS).map(({ field, type }) => {
    return `${field}(filter: { id: { in: $${field} } }, first: 100) { nodes { ${plainFields(schema, type)} } }`;
  });
  return `query WebhookObjects($users: [ID!]!, $groups: [ID!]!, $departments: [ID!]!) { ${selections.join(' ')} }`;
}

function plainFields(schema: GraphQLSchema, typeName: string): string {
  const type = schema.getType(typeName) as GraphQLObjectType;
  const plain = (field: GraphQLField<unknown, unknown>) => field.args.length === 0 && !isCount(field);
  return Object.values(type.getFields())
    .filter(plain)
    .flatMap((field) => {
      const named = getNamedType(field.type);
      if (isLeafType(named)) return [field.name];
      if (isObjectType(named)) {
        const inner = Object.values(named.getFields());
        if (inner.every((f) => plain(f) && isLeafType(getNamedType(f.type)))) {
          return [`${field.name} { ${inner.map((f) => f.name).join(' ')} }`];
        }
      }
      return [];
    })
    .join(' ');
}
