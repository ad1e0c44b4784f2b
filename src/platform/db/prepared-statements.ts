import { createHash } from 'node:crypto';
import type { ClientBase } from 'pg';
import { numberedPlaceholders } from './sql-literal';

/** Statements each connection keeps prepared; past this, statements are parsed every time. */
const MAX_PREPARED_PER_CONNECTION = 500;
const preparedByConnection = new WeakMap<ClientBase, Set<string>>();

/** A statement as PostgreSQL gets it: `$n` placeholders, and the name it is kept prepared under. */
interface PreparedText {
  readonly text: string;
  readonly name: string;
}

/** Texts already translated, so a statement is rewritten and hashed once, not on every run. */
const MAX_KNOWN_TEXTS = 5_000;
const knownTexts = new Map<string, PreparedText>();

/**
 * The statement (`?` placeholders) as sent over the extended protocol, and, while the connection
 * has room, a name under which PostgreSQL keeps it parsed (and, when it pays, planned) on this
 * connection, so the same statement text is not parsed again for every request. Statement texts
 * come from the code (values are parameters), so there are few; the cap bounds a backend's memory.
 */
export function preparedStatement(connection: ClientBase, text: string): { text: string; name?: string } {
  const known = knownText(text);
  let prepared = preparedByConnection.get(connection);
  if (!prepared) preparedByConnection.set(connection, (prepared = new Set()));
  if (prepared.has(known.name)) return known;
  if (prepared.size >= MAX_PREPARED_PER_CONNECTION) return { text: known.text };
  prepared.add(known.name);
  return known;
}

function knownText(text: string): PreparedText {
  let known = knownTexts.get(text);
  if (known === undefined) {
    known = { text: numberedPlaceholders(text), name: `s_${createHash('sha1').update(text).digest('base64url')}` };
    // Filters shape some texts, so a client could make many; forgetting all at the cap is enough.
    if (knownTexts.size >= MAX_KNOWN_TEXTS) knownTexts.clear();
    knownTexts.set(text, known);
  }
  return known;
}
