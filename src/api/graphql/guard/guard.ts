import { OperationTypeNode, getOperationAST, type GraphQLSchema } from 'graphql';
import type { GraphQLLimits } from '../../../platform/config';
import { estimateCost } from './cost';
import { measureOperation, measureWrittenDocument } from './document-measures';
import * as refuse from './errors';
import type { GuardRefusal } from './errors';
import type { GuardedRequest } from './guarded-request';
import { parseDocument } from './parse-document';
import { bracketNesting } from './text-scan';
import { measureVariables } from './variables';

/**
 * A refusal, or how many mutations the request runs (what the rate limit counts) and its estimated
 * cost (0 where Apollo answers without running anything).
 */
export type GuardVerdict = { refused: GuardRefusal } | { mutations: number; cost: number };

export type RequestGuard = (request: GuardedRequest) => GuardVerdict;

/**
 * Checks a request before graphql-js sees it, in time linear in its size. graphql-js parses and
 * validates recursively and some of its rules are quadratic, so a small document can stall the
 * event loop for every tenant (fragments spreading each other twice, thousands of aliases) or
 * overflow the stack (thousands of nesting levels). The cheapest checks come first, and each later
 * one relies on the earlier: the text scan bounds the recursion of the parser and of the measures.
 */
export function requestGuard(schema: GraphQLSchema, limits: GraphQLLimits): RequestGuard {
  return (request) => {
    // The guard can only vouch for documents it reads; a hash alone would skip it.
    if (request.persistedQuery) return { refused: refuse.persistedQueriesNotSupported() };
    const { query } = request;
    if (query === undefined) return { mutations: 0, cost: 0 };

    const bytes = Buffer.byteLength(query, 'utf8');
    if (bytes > limits.maxDocumentBytes) return { refused: refuse.documentTooLarge(bytes, limits.maxDocumentBytes) };
    const nesting = bracketNesting(query);
    if (nesting > limits.maxNesting) return { refused: refuse.tooDeeplyNested(nesting, limits.maxNesting) };
    if (request.variables) {
      const variables = measureVariables(request.variables, {
        maxDepth: limits.maxInputDepth,
        maxValues: limits.maxVariableValues,
      });
      if (variables.values > limits.maxVariableValues)
        return { refused: refuse.variablesTooLarge(limits.maxVariableValues) };
      if (variables.depth > limits.maxInputDepth) return { refused: refuse.variablesTooDeep(limits.maxInputDepth) };
    }

    const parsed = parseDocument(query, limits.maxTokens);
    if ('tooManyTokens' in parsed) return { refused: refuse.tooManyTokens(limits.maxTokens) };
    if ('syntaxError' in parsed) return { mutations: 0, cost: 0 };
    const { document } = parsed;

    const written = measureWrittenDocument(document);
    if (written.hasSubscription) return { refused: refuse.subscriptionsNotSupported() };
    if (written.fragments > limits.maxFragments)
      return { refused: refuse.tooManyFragments(written.fragments, limits.maxFragments) };
    if (written.aliases > limits.maxAliases)
      return { refused: refuse.tooManyAliases(written.aliases, limits.maxAliases) };
    if (written.repeatedFields > limits.maxRepeatedFields)
      return { refused: refuse.tooManyRepeatedFields(written.repeatedFields, limits.maxRepeatedFields) };
    if (written.directives > limits.maxDirectives)
      return { refused: refuse.tooManyDirectives(written.directives, limits.maxDirectives) };
    if (written.inputDepth > limits.maxInputDepth)
      return { refused: refuse.inputTooDeep(written.inputDepth, limits.maxInputDepth) };

    // Apollo answers a request whose operation is unknown or ambiguous; nothing of it runs.
    const operation = getOperationAST(document, request.operationName);
    if (!operation) return { mutations: 0, cost: 0 };
    const measures = measureOperation(document, operation);
    if (measures.fragmentSpreads > limits.maxFragmentSpreads)
      return { refused: refuse.tooManyFragmentSpreads(measures.fragmentSpreads, limits.maxFragmentSpreads) };
    if (measures.fields > limits.maxFields) return { refused: refuse.tooManyFields(measures.fields, limits.maxFields) };
    if (measures.depth > limits.maxDepth) return { refused: refuse.tooDeep(measures.depth, limits.maxDepth) };
    const cost = estimateCost(schema, document, operation, request.variables ?? {}, limits.costWeights);
    if (cost > limits.maxCost) return { refused: refuse.tooCostly(cost, limits.maxCost) };

    return { mutations: operation.operation === OperationTypeNode.MUTATION ? measures.rootFields : 0, cost };
  };
}
