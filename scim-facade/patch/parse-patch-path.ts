import { invalidPath } from '../errors';
import type { PatchPathSyntax } from '../filter/filter-ast';
import { FilterGrammar } from '../filter/filter-grammar';

/** Parses a PATCH `path` with the filter grammar; anything unparsable is a 400 invalidPath. */
export function parsePatchPath(text: string): PatchPathSyntax {
  return new FilterGrammar(text, invalidPath, 'path').patchPath();
}
