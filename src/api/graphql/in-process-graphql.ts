import {
  execute,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { GraphQLContext } from './context';

/** What an in-process operation answers: its data, and its errors shaped as HTTP clients see them. */
export interface InProcessResult<Data> {
  data?: Data | null;
  errors?: GraphQLFormattedError[];
}

/** Shapes an error as clients see it (formatGraphQLError, the one Apollo uses too). */
export type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Runs the service's own GraphQL operations (the SCIM facade's, the webhook payloads') in-process,
 * against the same schema and resolvers clients reach over HTTP. Their texts are fixed, so each is
 * parsed and validated once, on first use, and every later run is execution alone. Apollo's
 * pipeline (hashing the text, looking it up in its document cache, calling each plugin) is for
 * documents clients send; here it cost a SCIM read about a tenth of its CPU.
 *
 * Errors get the shape and codes Apollo gives them, and any error marks the request's transaction
 * for rollback, as the Apollo plugin does for HTTP requests (apollo.ts).
 */
export class InProcessGraphQL {
  /** Keyed by text: only the service's own operation texts come here, so it stays small. */
  private readonly documents = new Map<string, DocumentNode>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly formatError: FormatError,
  ) {}

  async run<Data>(
    source: string,
    variables: Record<string, unknown>,
    context: GraphQLContext,
    operationName?: string,
  ): Promise<InProcessResult<Data>> {
    const result = await execute({
      schema: this.schema,
      document: this.document(source),
      operationName,
      variableValues: variables,
      contextValue: context,
    });
    if (!result.errors?.length) return { data: result.data as Data };
    context.failed = true;
    return {
      data: result.data as Data | null | undefined,
      errors: result.errors.map((error) => this.formatError(withCode(error), error)),
    };
  }

  private document(source: string): DocumentNode {
    let document = this.documents.get(source);
    if (!document) {
      document = parse(source);
      const invalid = validate(this.schema, document);
      if (invalid.length > 0) {
        throw new Error(`An in-process GraphQL operation is invalid: ${invalid.map((e) => e.message).join('; ')}`);
      }
      this.documents.set(source, document);
    }
    return document;
  }
}

/**
 * The error as Apollo formats it: a value the caller gave for a variable that does not fit its
 * type is BAD_USER_INPUT, any other error without a code INTERNAL_SERVER_ERROR.
 */
function withCode(error: GraphQLError): GraphQLFormattedError {
  const badVariable = error.nodes?.length === 1 && error.nodes[0]!.kind === Kind.VARIABLE_DEFINITION;
  const code = error.extensions.code ?? (badVariable ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR');
  return { ...error.toJSON(), extensions: { ...error.extensions, code } };
}
