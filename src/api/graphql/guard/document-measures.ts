import {
  Kind,
  OperationTypeNode,
  visit,
  type DocumentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { measureFragments } from './fragments';

/** What graphql-js validation walks: the document as written, every definition of it. */
export interface WrittenMeasures {
  fragments: number;
  aliases: number;
  directives: number;
  /**
   * Fields whose response name (alias or name) already occurs in the same selection: validation
   * compares every such pair (OverlappingFieldsCanBeMerged): a thousand of them took 0.2 s.
   */
  repeatedFields: number;
  /** The deepest nesting of input objects and lists in an argument or a variable's default value. */
  inputDepth: number;
  hasSubscription: boolean;
}

export function measureWrittenDocument(document: DocumentNode): WrittenMeasures {
  const measures: WrittenMeasures = {
    fragments: 0,
    aliases: 0,
    directives: 0,
    repeatedFields: 0,
    inputDepth: 0,
    hasSubscription: false,
  };
  let inputDepth = 0;
  const enterInput = () => {
    inputDepth++;
    measures.inputDepth = Math.max(measures.inputDepth, inputDepth);
  };
  const leaveInput = () => {
    inputDepth--;
  };
  // graphql's visit keeps its own stack: no recursion, whatever the document.
  visit(document, {
    OperationDefinition(node) {
      if (node.operation === OperationTypeNode.SUBSCRIPTION) measures.hasSubscription = true;
    },
    FragmentDefinition() {
      measures.fragments++;
    },
    Field(node) {
      if (node.alias) measures.aliases++;
    },
    SelectionSet(node) {
      const names = new Set<string>();
      for (const selection of node.selections) {
        if (selection.kind !== Kind.FIELD) continue;
        const name = (selection.alias ?? selection.name).value;
        if (names.has(name)) measures.repeatedFields++;
        names.add(name);
      }
    },
    Directive() {
      measures.directives++;
    },
    ObjectValue: { enter: enterInput, leave: leaveInput },
    ListValue: { enter: enterInput, leave: leaveInput },
  });
  return measures;
}

/**
 * What executing an operation would walk: fields counted each time their fragment is spread.
 * graphql-js merges a fragment spread twice in one selection, so these are upper bounds.
 */
export interface OperationMeasures {
  /** Nesting of fields, as GRAPHQL_MAX_DEPTH counts it: introspection (__schema, __typename) does not count. */
  depth: number;
  fields: number;
  fragmentSpreads: number;
  /** Fields directly on the operation's root type: for a mutation, how many mutations it runs. */
  rootFields: number;
}

const NOTHING: OperationMeasures = { depth: 0, fields: 0, fragmentSpreads: 0, rootFields: 0 };

export function measureOperation(document: DocumentNode, operation: OperationDefinitionNode): OperationMeasures {
  const fragments = measureFragments<OperationMeasures>(document, (fragment, measured) =>
    measureSelectionSet(fragment.selectionSet, measured),
  );
  return measureSelectionSet(operation.selectionSet, fragments);
}

/** Recursion stays within the bracket nesting the text scan allowed; spreads are look-ups. */
function measureSelectionSet(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, OperationMeasures>,
): OperationMeasures {
  const total = { ...NOTHING };
  for (const selection of selectionSet.selections) {
    let inner: OperationMeasures;
    if (selection.kind === Kind.FIELD) {
      const child = selection.selectionSet ? measureSelectionSet(selection.selectionSet, fragments) : NOTHING;
      const counted = selection.name.value.startsWith('__') ? 0 : 1 + child.depth;
      inner = { depth: counted, fields: 1 + child.fields, fragmentSpreads: child.fragmentSpreads, rootFields: 1 };
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      inner = measureSelectionSet(selection.selectionSet, fragments);
    } else {
      const fragment = fragments.get(selection.name.value) ?? NOTHING;
      inner = { ...fragment, fragmentSpreads: 1 + fragment.fragmentSpreads };
    }
    total.depth = Math.max(total.depth, inner.depth);
    total.fields += inner.fields;
    total.fragmentSpreads += inner.fragmentSpreads;
    total.rootFields += inner.rootFields;
  }
  return total;
}
