import type { GraphQLClient } from './graphql';

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

function namedType(type: TypeRef): TypeRef {
  return type.ofType ? namedType(type.ofType) : type;
}

/**
 * A selection of each field of the GraphQL object type `typeName`, by field name: a scalar as
 * itself, an object with its type's entry in `subSelections` (which must have one, so that a new
 * field type cannot go unchecked), a connection with `(first: 5)`.
 */
export async function fieldSelections(
  client: GraphQLClient,
  typeName: string,
  subSelections: Record<string, string>,
): Promise<Map<string, string>> {
  const data = await client.query(
    `query($name: String!) { __type(name: $name) { fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }`,
    { name: typeName },
  );
  const selections = new Map<string, string>();
  for (const field of data.__type.fields as Array<{ name: string; type: TypeRef }>) {
    const type = namedType(field.type);
    if (type.kind === 'SCALAR' || type.kind === 'ENUM') selections.set(field.name, field.name);
    else {
      const sub = subSelections[type.name!];
      if (!sub) throw new Error(`add a sub-selection for ${type.name} (${typeName}.${field.name})`);
      // Small pages keep the nested lists within the guard's cost limit.
      const args = type.name!.endsWith('Connection') ? '(first: 5)' : '';
      selections.set(field.name, `${field.name}${args} ${sub}`);
    }
  }
  return selections;
}
