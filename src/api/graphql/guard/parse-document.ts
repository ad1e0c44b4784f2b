import { GraphQLError, Lexer, Source, TokenKind, parse, type DocumentNode } from 'graphql';

export type ParsedDocument =
  | { document: DocumentNode }
  | { tooManyTokens: true }
  /** Apollo parses the document again and answers GRAPHQL_PARSE_FAILED, with the position. */
  | { syntaxError: true };

/**
 * Parses a document that has passed the text scan, stopping after `maxTokens` tokens so that the
 * work is bounded however the text is made up.
 */
export function parseDocument(text: string, maxTokens: number): ParsedDocument {
  try {
    return { document: parse(text, { maxTokens, noLocation: true }) };
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return hasMoreTokensThan(text, maxTokens) ? { tooManyTokens: true } : { syntaxError: true };
  }
}

/**
 * Tells the token limit from a syntax error by counting as the parser does (comments excluded),
 * up to one past the limit; parse's own message for it is no interface to depend on.
 */
function hasMoreTokensThan(text: string, maxTokens: number): boolean {
  const lexer = new Lexer(new Source(text));
  try {
    for (let count = 0; count <= maxTokens; count++) {
      if (lexer.advance().kind === TokenKind.EOF) return false;
    }
    return true;
  } catch {
    return false;
  }
}
