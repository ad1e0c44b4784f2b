import {
  GraphQLError,
  GraphQLObjectType,
  Kind,
  getNamedType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../../platform/pagination';

/**
 * A connection costs its page size times what is selected inside it, so nested lists multiply:
 * users(first: 100) { directReports(first: 100) { ... } } costs about 100 × 100 × fields.
 * totalCount adds a count query.
 */
const connectionEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const type = getNamedType(field.type);
  if (type instanceof GraphQLObjectType && type.name.endsWith('Connection')) {
    const pageSize = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
    return 1 + Math.max(pageSize, 1) * childComplexity;
  }
  if (field.name === 'totalCount') return 10;
  return undefined;
};

/**
 * The estimated cost, or 0 when the variables do not fit the operation: execution then reports
 * that precisely (BAD_USER_INPUT), which is better than an estimate failing here.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string,
): number {
  try {
    return getComplexity({
      schema,
      query: document,
      variables,
      operationName,
      estimators: [connectionEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    if (error instanceof GraphQLError) return 0;
    throw error;
  }
}

/** The deepest field nesting of an operation, following fragments. */
export function queryDepth(document: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const depthOf = (selectionSet: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!selectionSet) return 0;
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, seen));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name))
          deepest = Math.max(deepest, depthOf(fragment.selectionSet, new Set(seen).add(name)));
      }
    }
    return deepest;
  };
  let deepest = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName)) {
      deepest = Math.max(deepest, depthOf(definition.selectionSet, new Set()));
    }
  }
  return deepest;
}

export function tooDeep(depth: number, max: number): GraphQLError {
  return new GraphQLError(`The query is ${depth} levels deep; the limit is ${max}. Ask for less nesting.`, {
    extensions: { code: 'QUERY_TOO_DEEP', depth, maxDepth: max, http: { status: 400 } },
  });
}

export function tooCostly(cost: number, max: number): GraphQLError {
  return new GraphQLError(
    `The query could return about ${cost} values; the limit is ${max}. Ask for smaller pages (first) or fewer nested lists.`,
    { extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost: max, http: { status: 400 } } },
  );
}
