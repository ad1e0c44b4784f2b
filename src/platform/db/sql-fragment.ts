/**
 * A piece of SQL with its `?` parameters, composed without string-pasting values. Filters compile
 * to these (a boolean tree of conditions), then go into one statement.
 */
export interface Fragment {
  readonly text: string;
  readonly params: readonly unknown[];
}

export function fragment(text: string, ...params: unknown[]): Fragment {
  return { text, params };
}

export const TRUE: Fragment = fragment('true');
export const FALSE: Fragment = fragment('false');

export function and(parts: readonly Fragment[]): Fragment {
  const meaningful = parts.filter((part) => part !== TRUE);
  if (meaningful.length === 0) return TRUE;
  if (meaningful.includes(FALSE)) return FALSE;
  if (meaningful.length === 1) return meaningful[0]!;
  return join(meaningful, ' and ');
}

export function or(parts: readonly Fragment[]): Fragment {
  if (parts.length === 0) return FALSE;
  if (parts.includes(TRUE)) return TRUE;
  const meaningful = parts.filter((part) => part !== FALSE);
  if (meaningful.length === 0) return FALSE;
  if (meaningful.length === 1) return meaningful[0]!;
  return join(meaningful, ' or ');
}

export function not(part: Fragment): Fragment {
  if (part === TRUE) return FALSE;
  if (part === FALSE) return TRUE;
  // "not (x)" where x may be null would be null, i.e. exclude the row; coalesce keeps SCIM's
  // two-valued logic: a missing attribute does not match, so "not" of it does.
  return { text: `not coalesce((${part.text}), false)`, params: part.params };
}

function join(parts: readonly Fragment[], separator: string): Fragment {
  return {
    text: parts.map((part) => `(${part.text})`).join(separator),
    params: parts.flatMap((part) => part.params),
  };
}

/** Escapes LIKE wildcards so user input matches literally. */
export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}
