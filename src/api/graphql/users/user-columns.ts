import type { GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import { Extensions } from 'type-graphql';
import type { ColumnChoice } from '../../../platform/db/entity-table';
import { selectedFieldNames, type SelectionPaths } from '../selection';
import { USERS, type UserRecord } from '../../../domain/directory/users/user.record';

const READS = 'readsUserKeys';

/** Where a connection's users are selected: `nodes { … }` and `edges { node { … } }`. */
export const CONNECTION_USERS: SelectionPaths = [['nodes'], ['edges', 'node']];
/** The field's own selection, for a field of type User or [User]. */
export const OWN_SELECTION: SelectionPaths = [[]];

/**
 * Answers by the field's nodes, which graphql-js shares among every item of a list: a page of 100
 * users works out its managers' columns once, not 100 times.
 */
const answered = new WeakMap<GraphQLResolveInfo['fieldNodes'], Map<SelectionPaths, ColumnChoice<UserRecord>>>();

/**
 * Declares what a User field resolver reads of the user it resolves, so that list fields read no
 * more columns than their selection needs. Without it, a User field that is not itself a record
 * key makes a list read every column.
 */
export function ReadsUser(...keys: readonly (keyof UserRecord & string)[]): MethodDecorator {
  return Extensions({ [READS]: keys }) as MethodDecorator;
}

/**
 * The user attributes that the User fields selected at `paths` below the current field read
 * (`[['nodes'], ['edges', 'node']]` for a connection, `[[]]` for a field of type User): a User
 * field that is a record key reads that key, a field resolver what it declares with ReadsUser.
 * Undefined, meaning every column, as soon as one selected field declares nothing. Sorted, so
 * that one selection gives one statement text and one DataLoader.
 */
export function userColumnsOf(info: GraphQLResolveInfo, paths: SelectionPaths): ColumnChoice<UserRecord> {
  let byPaths = answered.get(info.fieldNodes);
  if (!byPaths) answered.set(info.fieldNodes, (byPaths = new Map()));
  if (byPaths.has(paths)) return byPaths.get(paths);
  const columns = columnsOf(info, paths);
  byPaths.set(paths, columns);
  return columns;
}

function columnsOf(info: GraphQLResolveInfo, paths: SelectionPaths): ColumnChoice<UserRecord> {
  const userType = info.schema.getType('User') as GraphQLObjectType;
  const fields = userType.getFields();
  const keys = new Set<keyof UserRecord & string>();
  for (const name of selectedFieldNames(info, paths)) {
    if (name === '__typename') continue;
    const declared = fields[name]?.extensions?.[READS] as readonly (keyof UserRecord & string)[] | undefined;
    if (declared) for (const key of declared) keys.add(key);
    else if (USERS.hasKey(name)) keys.add(name as keyof UserRecord & string);
    else return undefined;
  }
  return [...keys].sort();
}
