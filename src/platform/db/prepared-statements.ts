import { createHash } from 'node:crypto';
import type { ClientBase } from 'pg';
import { numberedPlaceholders, sqlLiteral, withLiterals } from './sql-literal';
import type { Statement } from './statement';

/** Statements each connection keeps prepared; past this, statements are parsed every time. */
const MAX_PREPARED_PER_CONNECTION = 500;
const preparedByConnection = new WeakMap<ClientBase, Set<string>>();

/** A statement as PostgreSQL gets it: `$n` placeholders, and the name it is kept prepared under. */
interface PreparedText {
  readonly text: string;
  readonly name: string;
  readonly placeholders: number;
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

/** The statement as PostgreSQL gets it, with no name: parsed and planned for its values on every run. */
export function unnamedStatement(text: string): { text: string } {
  return { text: knownText(text).text };
}

function knownText(text: string): PreparedText {
  let known = knownTexts.get(text);
  if (known === undefined) {
    const numbered = numberedPlaceholders(text);
    known = {
      text: numbered.text,
      name: `s_${createHash('sha1').update(text).digest('base64url')}`,
      placeholders: numbered.count,
    };
    // Filters shape some texts, so a client could make many; forgetting all at the cap is enough.
    if (knownTexts.size >= MAX_KNOWN_TEXTS) knownTexts.clear();
    knownTexts.set(text, known);
  }
  return known;
}

/** Batched statements each connection keeps prepared (a few texts: the commit-time writes). */
const MAX_BATCH_PREPARED_PER_CONNECTION = 50;

/** Per connection: batched statements prepared, and those whose state a failed batch left unknown. */
interface BatchPreparation {
  readonly ready: Set<string>;
  readonly unknown: Set<string>;
}
const batchPreparationByConnection = new WeakMap<ClientBase, BatchPreparation>();

/** A batch's statements as text, and the names it prepares (see settleBatch). */
export interface BatchText {
  readonly text: string;
  readonly preparing: readonly string[];
}

/**
 * Statements for one simple-protocol round trip (which takes no parameters). A statement with
 * values runs as `EXECUTE name(<values as literals>)` of a statement this connection prepared with
 * SQL's PREPARE, which the batch that first runs it on the connection carries, so PostgreSQL
 * parses and plans it once per connection instead of on every request (the commit-time writes
 * cost a write request about a tenth of its PostgreSQL time that way). PREPARE is not undone by a
 * rollback, so after a failed batch its names are in an unknown state; those statements go as
 * plain text on that connection from then on.
 */
export function batchText(connection: ClientBase, statements: readonly Statement[]): BatchText {
  let state = batchPreparationByConnection.get(connection);
  if (!state) batchPreparationByConnection.set(connection, (state = { ready: new Set(), unknown: new Set() }));
  const preparing: string[] = [];
  const parts = statements.map((statement) => {
    if (statement.params.length === 0) return statement.text;
    const known = knownText(statement.text);
    if (known.placeholders !== statement.params.length) {
      throw new Error(`SQL has ${known.placeholders} placeholders for ${statement.params.length} values`);
    }
    // Quoted: the base64url name can hold '-'.
    const name = `"b${known.name.slice(1)}"`;
    const execute = () => `execute ${name}(${statement.params.map(sqlLiteral).join(', ')})`;
    if (state.ready.has(name) || preparing.includes(name)) return execute();
    const full = state.ready.size + state.unknown.size + preparing.length >= MAX_BATCH_PREPARED_PER_CONNECTION;
    if (full || state.unknown.has(name)) return withLiterals(statement.text, statement.params);
    preparing.push(name);
    return `prepare ${name} as ${known.text};\n${execute()}`;
  });
  return { text: parts.join(';\n'), preparing };
}

/** A batch's statements as text with their values as literals, nothing prepared. */
export function plainBatchText(statements: readonly Statement[]): BatchText {
  return {
    text: statements.map((statement) => withLiterals(statement.text, statement.params)).join(';\n'),
    preparing: [],
  };
}

/** After a batch: what it prepared is ready, or, when it failed, in an unknown state. */
export function settleBatch(connection: ClientBase, batch: BatchText, succeeded: boolean): void {
  const state = batchPreparationByConnection.get(connection);
  if (!state) return;
  for (const name of batch.preparing) (succeeded ? state.ready : state.unknown).add(name);
}
