import { Kind, visit, type DocumentNode, type FragmentDefinitionNode } from 'graphql';

/**
 * Measures every fragment of a document once, each after the fragments it spreads, so that a
 * measure of a spread is a look-up however often the fragment is spread: a document whose
 * fragments each spread the next one twice expands to 2^n selections, but costs n measurements here.
 *
 * `measure` gets the measures of the fragments done so far. A spread that closes a cycle, or names
 * a fragment the document lacks, finds nothing there: validation refuses such documents anyway.
 * The order is found without recursion, so a long chain of fragments cannot overflow the stack.
 */
export function measureFragments<T>(
  document: DocumentNode,
  measure: (fragment: FragmentDefinitionNode, measured: ReadonlyMap<string, T>) => T,
): Map<string, T> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, T>();
  const started = new Set<string>();
  for (const name of fragments.keys()) {
    if (started.has(name)) continue;
    started.add(name);
    // Depth-first, with the spreads still to visit on an explicit stack: a fragment is measured
    // when all of its spreads are done (or lead back into the path being visited).
    const path = [{ name, pending: spreadNames(fragments.get(name)!) }];
    while (path.length > 0) {
      const top = path[path.length - 1]!;
      const next = top.pending.pop();
      if (next === undefined) {
        path.pop();
        measured.set(top.name, measure(fragments.get(top.name)!, measured));
      } else if (!started.has(next) && fragments.has(next)) {
        started.add(next);
        path.push({ name: next, pending: spreadNames(fragments.get(next)!) });
      }
    }
  }
  return measured;
}

function spreadNames(fragment: FragmentDefinitionNode): string[] {
  const names: string[] = [];
  visit(fragment.selectionSet, {
    FragmentSpread(node) {
      names.push(node.name.value);
    },
  });
  return names;
}
