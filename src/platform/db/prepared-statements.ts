import { createHash } from 'node:crypto';
import type { ClientBase } from 'pg';

/** Statements each connection keeps prepared; past this, statements are parsed every time. */
const MAX_PREPARED_PER_CONNECTION = 500;
const preparedByConnection = new WeakMap<ClientBase, Set<string>>();

/** Names already derived, so a statement's text is hashed once, not on every run; bounded like the above. */
const MAX_NAMED_TEXTS = 5_000;
const nameByText = new Map<string, string>();

/**
 * A name under which PostgreSQL keeps the statement parsed (and, when it pays, planned) on this
 * connection, so the same statement text is not parsed again for every request. Statement texts
 * come from the code (values are parameters), so there are few; the cap bounds a backend's memory.
 */
export function preparedName(connection: ClientBase, text: string): string | undefined {
  const name = nameOf(text);
  let prepared = preparedByConnection.get(connection);
  if (!prepared) preparedByConnection.set(connection, (prepared = new Set()));
  if (prepared.has(name)) return name;
  if (prepared.size >= MAX_PREPARED_PER_CONNECTION) return undefined;
  prepared.add(name);
  return name;
}

function nameOf(text: string): string {
  let name = nameByText.get(text);
  if (name === undefined) {
    name = `s_${createHash('sha1').update(text).digest('base64url')}`;
    // Filters shape some texts, so a client could make many; forgetting all at the cap is enough.
    if (nameByText.size >= MAX_NAMED_TEXTS) nameByText.clear();
    nameByText.set(text, name);
  }
  return name;
}
