import {
  Kind,
  getNamedType,
  isInterfaceType,
  isObjectType,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { GraphQLLimits } from '../../../platform/config';
import { DEFAULT_PAGE_SIZE } from '../../../platform/pagination';
import { measureFragments } from './fragments';

/** What work that runs once per field costs, next to the 1 a value costs. */
export type CostWeights = GraphQLLimits['costWeights'];

/**
 * `perItem` is multiplied by the page sizes of the lists around a selection; `once` is not: a
 * count, a search or a mutation runs one statement for the whole request however many rows its
 * list has (DataLoaders batch a page's counts into one).
 */
interface Cost {
  perItem: number;
  once: number;
}

const FREE: Cost = { perItem: 0, once: 0 };

/**
 * The estimated cost of running an operation: about one per value it could return, where a
 * connection costs 1 + its page size × what is selected in each item, so nested lists multiply
 * (users(first: 100) { nodes { directReports(first: 100) { … } } } costs 100 × 100 × fields),
 * plus a weight for every count, search and mutation, each alias on its own. Each fragment is
 * costed once; a spread adds its cost.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  weights: CostWeights,
): number {
  const values = withDefaults(operation, variables);
  const mutationType = schema.getMutationType();

  const costOfSelectionSet = (
    selectionSet: SelectionSetNode,
    parentType: GraphQLNamedType | undefined | null,
    fragments: ReadonlyMap<string, Cost>,
  ): Cost => {
    const total = { ...FREE };
    for (const selection of selectionSet.selections) {
      let cost = FREE;
      if (selection.kind === Kind.FIELD) {
        const field = fieldOf(parentType, selection.name.value);
        if (field) cost = costOfField(selection, field, parentType === mutationType, fragments);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        cost = costOfSelectionSet(selection.selectionSet, type, fragments);
      } else {
        cost = fragments.get(selection.name.value) ?? FREE;
      }
      total.perItem += cost.perItem;
      total.once += cost.once;
    }
    return total;
  };

  const costOfField = (
    node: FieldNode,
    field: GraphQLField<unknown, unknown>,
    isMutation: boolean,
    fragments: ReadonlyMap<string, Cost>,
  ): Cost => {
    const type = getNamedType(field.type);
    const child = node.selectionSet ? costOfSelectionSet(node.selectionSet, type, fragments) : FREE;
    let perItem = 1 + child.perItem;
    if (isObjectType(type) && type.name.endsWith('Connection')) {
      const first = argumentValue(node, field, 'first', values);
      perItem = 1 + Math.max(typeof first === 'number' ? first : DEFAULT_PAGE_SIZE, 1) * child.perItem;
    }
    let once = child.once;
    if (isCount(field)) once += weights.count;
    const search = argumentValue(node, field, 'search', values);
    if (typeof search === 'string' && search.trim() !== '') once += weights.search;
    if (isMutation) once += weights.mutation;
    return { perItem, once };
  };

  const fragments = measureFragments<Cost>(document, (fragment, measured) =>
    costOfSelectionSet(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), measured),
  );
  const cost = costOfSelectionSet(operation.selectionSet, schema.getRootType(operation.operation), fragments);
  return cost.perItem + cost.once;
}

/** totalCount on every connection, and User.reportsCount, Group.membersCount, Department.headcount and the like. */
export function isCount(field: GraphQLField<unknown, unknown>): boolean {
  return /count$/i.test(field.name);
}

/** Fields the schema does not have (and __typename, __schema) cost nothing here; validation refuses unknown ones. */
function fieldOf(type: GraphQLNamedType | undefined | null, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

/** An argument's value as execution sees it: as written, from a variable, or the schema's default. */
function argumentValue(
  node: FieldNode,
  field: GraphQLField<unknown, unknown>,
  name: string,
  variables: Record<string, unknown>,
): unknown {
  const argument = node.arguments?.find((candidate) => candidate.name.value === name);
  const value = argument && valueFromASTUntyped(argument.value, variables);
  return value === undefined ? field.args.find((candidate) => candidate.name === name)?.defaultValue : value;
}

/** The variables as execution sees them: a variable the request leaves out has its default. */
function withDefaults(operation: OperationDefinitionNode, variables: Record<string, unknown>): Record<string, unknown> {
  const values = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (values[name] === undefined && definition.defaultValue)
      values[name] = valueFromASTUntyped(definition.defaultValue);
  }
  return values;
}
