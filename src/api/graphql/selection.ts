import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the query selects a field directly inside the current field (through fragments too).
 * Lets a list resolver fetch its total count in the same statement as the page when it is asked for.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const visit = (selectionSet: SelectionSetNode | undefined, seen: Set<string>): boolean =>
    (selectionSet?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet, seen);
      const fragmentName = selection.name.value;
      if (seen.has(fragmentName)) return false;
      return visit(info.fragments[fragmentName]?.selectionSet, new Set(seen).add(fragmentName));
    });
  return info.fieldNodes.some((node) => visit(node.selectionSet, new Set()));
}
