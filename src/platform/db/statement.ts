/** A SQL statement with `?` placeholders and their values, in order. */
export interface Statement {
  readonly text: string;
  readonly params: readonly unknown[];
}
