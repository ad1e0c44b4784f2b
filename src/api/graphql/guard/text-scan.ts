const QUOTE = 0x22; // "
const BACKSLASH = 0x5c;
const HASH = 0x23; // #
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const OPENING = new Set([0x7b, 0x5b, 0x28]); // { [ (
const CLOSING = new Set([0x7d, 0x5d, 0x29]); // } ] )

/**
 * How deeply the brackets of a GraphQL document nest ({ } selections and input objects, [ ] lists,
 * ( ) arguments), outside strings and comments. One pass over the text, before parsing: graphql's
 * parser and validation recurse once per level, so a document nested thousands of levels deep
 * would overflow the stack there. Unbalanced brackets are the parser's to report.
 */
export function bracketNesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  let i = 0;
  while (i < text.length) {
    const char = text.charCodeAt(i);
    if (char === HASH) {
      while (i < text.length && text.charCodeAt(i) !== LINE_FEED && text.charCodeAt(i) !== CARRIAGE_RETURN) i++;
    } else if (char === QUOTE) {
      i = text.startsWith('"""', i) ? endOfBlockString(text, i + 3) : endOfString(text, i + 1);
      continue;
    } else if (OPENING.has(char)) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (CLOSING.has(char) && depth > 0) {
      depth--;
    }
    i++;
  }
  return deepest;
}

/** The index after the closing quote of a "…" string whose content starts at `i` (or the end of the text). */
function endOfString(text: string, i: number): number {
  while (i < text.length) {
    const char = text.charCodeAt(i);
    if (char === BACKSLASH) i += 2;
    else if (char === QUOTE) return i + 1;
    // A string ends at the line: the parser reports it unterminated; brackets after it still count.
    else if (char === LINE_FEED || char === CARRIAGE_RETURN) return i;
    else i++;
  }
  return i;
}

/** The index after the closing """ of a block string whose content starts at `i`; \""" does not close it. */
function endOfBlockString(text: string, i: number): number {
  while (i < text.length) {
    if (text.startsWith('\\"""', i)) i += 4;
    else if (text.startsWith('"""', i)) return i + 3;
    else i++;
  }
  return i;
}
