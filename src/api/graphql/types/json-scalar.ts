import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** A value of an extension attribute: a JSON string, number or boolean (objects, lists and null are not). */
export type JsonScalarValue = string | number | boolean;

function scalar(value: unknown): JsonScalarValue {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new GraphQLError('A JSONScalar is a string, a number or a boolean.');
}

export const JSONScalar = new GraphQLScalarType<JsonScalarValue, JsonScalarValue>({
  name: 'JSONScalar',
  description:
    'A JSON string, number or boolean: the value of an extension attribute, of the type its declaration says.',
  serialize: scalar,
  parseValue: scalar,
  parseLiteral(ast) {
    switch (ast.kind) {
      case Kind.STRING:
        return ast.value;
      case Kind.BOOLEAN:
        return ast.value;
      case Kind.INT:
      case Kind.FLOAT:
        return Number(ast.value);
      default:
        throw new GraphQLError('A JSONScalar is a string, a number or a boolean.');
    }
  },
});
