import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Paths of field names below the current field; `[[]]` is the field's own selection. */
export type SelectionPaths = readonly (readonly string[])[];

/**
 * Whether the query selects a field directly inside the current field (through fragments too).
 * Lets a list resolver fetch its total count in the same statement as the page when it is asked for.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return selectedFieldNames(info, [[]]).has(name);
}

/**
 * The names of the fields selected at the end of each path below the current field (`['nodes']`
 * for a connection's items), through fragments and inline fragments.
 */
export function selectedFieldNames(info: GraphQLResolveInfo, paths: SelectionPaths): Set<string> {
  const names = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined, path: readonly string[], fragments: Set<string>) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (path.length === 0) names.add(selection.name.value);
        else if (selection.name.value === path[0]) visit(selection.selectionSet, path.slice(1), fragments);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, path, fragments);
      } else if (!fragments.has(selection.name.value)) {
        const fragment = info.fragments[selection.name.value];
        visit(fragment?.selectionSet, path, new Set(fragments).add(selection.name.value));
      }
    }
  };
  for (const node of info.fieldNodes) for (const path of paths) visit(node.selectionSet, path, new Set());
  return names;
}
