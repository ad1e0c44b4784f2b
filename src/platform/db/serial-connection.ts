import type { ClientBase, QueryResult } from 'pg';
import { TransactionConflictError } from '../errors';
import { assertNoNul, translateDatabaseError, type ConstraintErrors } from './database-errors';
import { batchText, plainBatchText, preparedStatement, settleBatch, unnamedStatement } from './prepared-statements';
import type { Statement } from './statement';

/**
 * One pooled connection, used by one request: statements go one at a time (resolvers run in
 * parallel, but a connection runs one query, and pg deprecates overlapping them), each prepared
 * under a name so PostgreSQL parses it once per connection. Errors come out as domain or
 * transient errors (database-errors.ts).
 */
export class SerialConnection {
  private queue: Promise<unknown> = Promise.resolve();
  /** Set once the connection's request may send nothing more (its time is up). */
  private stoppedBy: Error | undefined;
  /** Whether a statement is on its way or running now. */
  busy = false;
  /** Set when a statement lost to a concurrent transaction, whatever the caller made of the error. */
  conflict: TransactionConflictError | undefined;

  constructor(
    readonly client: ClientBase,
    private readonly constraints: ConstraintErrors,
    /** Called with the number of statements each send carries; tests count them. */
    private readonly onStatements: (count: number) => void,
  ) {}

  /**
   * One statement with bound parameters, over the extended protocol: kept prepared on the
   * connection, or 'unnamed', which PostgreSQL parses and plans for its values on every run.
   */
  query<Row extends object>(
    text: string,
    params: readonly unknown[] = [],
    kept: 'prepared' | 'unnamed' = 'prepared',
  ): Promise<Row[]> {
    assertNoNul(params);
    const sent = kept === 'prepared' ? preparedStatement(this.client, text) : unnamedStatement(text);
    return this.send<Row>(1, () => this.client.query({ ...sent, values: params as unknown[] }));
  }

  /**
   * Several statements in one round trip: the simple protocol allows that but takes no
   * parameters, so values are written as literals, into `EXECUTE` of a statement kept prepared
   * on the connection (prepared-statements.ts, batchText), unless `keepPrepared` is false.
   * Returns the last one's rows.
   */
  batch<Row extends object>(statements: readonly Statement[], keepPrepared = true): Promise<Row[]> {
    for (const statement of statements) assertNoNul(statement.params);
    return this.send<Row>(statements.length, async () => {
      const batch = keepPrepared ? batchText(this.client, statements) : plainBatchText(statements);
      try {
        const answer = await this.client.query(batch.text);
        settleBatch(this.client, batch, true);
        return answer;
      } catch (error) {
        settleBatch(this.client, batch, false);
        throw error;
      }
    });
  }

  /** Every later statement fails with `error` at once (the request's time is up); rollback still goes. */
  stop(error: Error): void {
    this.stoppedBy = error;
  }

  /** Ends the connection's transaction, whatever state it is in (a stopped connection too). */
  rollback(): Promise<unknown> {
    const result = this.queue.then(() => {
      this.onStatements(1);
      return this.client.query('rollback');
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  private send<Row extends object>(
    statements: number,
    run: () => Promise<QueryResult | QueryResult[]>,
  ): Promise<Row[]> {
    const result = this.queue.then(async () => {
      if (this.stoppedBy) throw this.stoppedBy;
      this.onStatements(statements);
      this.busy = true;
      try {
        const answer = await run();
        const last = Array.isArray(answer) ? answer[answer.length - 1]! : answer;
        return last.rows as Row[];
      } catch (error) {
        if (this.stoppedBy) throw this.stoppedBy;
        const translated = translateDatabaseError(error, this.constraints);
        if (translated instanceof TransactionConflictError) this.conflict ??= translated;
        throw translated;
      } finally {
        this.busy = false;
      }
    });
    this.queue = result.catch(() => undefined);
    return result;
  }
}
