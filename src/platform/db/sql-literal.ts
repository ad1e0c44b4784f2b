import { Client } from 'pg';

/**
 * Values written into SQL text, for the two places that send several statements in one round trip
 * (`begin; <first statement>` and `<change record>; commit`). PostgreSQL's simple protocol, which
 * allows several statements, takes no parameters. Strings go through pg's own escapeLiteral.
 */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} into SQL`);
    return String(value);
  }
  if (typeof value === 'bigint') return String(value);
  if (Buffer.isBuffer(value)) return `decode('${value.toString('hex')}', 'hex')`;
  if (value instanceof Date) return escapeLiteral(value.toISOString());
  if (typeof value === 'string') return escapeLiteral(value);
  return escapeLiteral(JSON.stringify(value));
}

/** Replaces each `?` placeholder with its value as a literal. */
export function withLiterals(text: string, params: readonly unknown[]): string {
  let index = 0;
  const result = text.replace(/\?/g, () => sqlLiteral(params[index++]));
  if (index !== params.length) throw new Error(`SQL has ${index} placeholders for ${params.length} values`);
  return result;
}

/** `?` placeholders as PostgreSQL's numbered parameters ($1, $2, …), and how many there are. */
export function numberedPlaceholders(text: string): { text: string; count: number } {
  let count = 0;
  return { text: text.replace(/\?/g, () => `$${++count}`), count };
}

const escapeLiteral = (value: string) => Client.prototype.escapeLiteral(value);
