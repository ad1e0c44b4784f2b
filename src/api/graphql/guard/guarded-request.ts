/** A GraphQL request over HTTP as Apollo will read it; what is malformed is left out, for Apollo to refuse. */
export interface GuardedRequest {
  query?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  /** Names an automatic persisted query (extensions.persistedQuery). */
  persistedQuery: boolean;
}

/**
 * The request's query, variables and operation name, read where Apollo reads them: the JSON body
 * of a POST, the URL of a GET (variables and extensions as JSON text there).
 */
export function guardedRequest(http: {
  method: string;
  query: Record<string, string | string[] | undefined>;
  body: unknown;
}): GuardedRequest {
  const fields: Record<string, unknown> =
    http.method === 'GET'
      ? {
          query: http.query.query,
          operationName: http.query.operationName,
          variables: parsedJson(http.query.variables),
          extensions: parsedJson(http.query.extensions),
        }
      : recordOrEmpty(http.body);
  return {
    query: typeof fields.query === 'string' ? fields.query : undefined,
    variables: isRecord(fields.variables) ? fields.variables : undefined,
    operationName: typeof fields.operationName === 'string' ? fields.operationName : undefined,
    persistedQuery: Boolean(recordOrEmpty(fields.extensions).persistedQuery),
  };
}

function parsedJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function recordOrEmpty(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
