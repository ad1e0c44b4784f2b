import { randomUUID } from 'node:crypto';
import type { SerialConnection } from '../../src/platform/db/serial-connection';
import type { Statement } from '../../src/platform/db/statement';
import { startTestService, type TestService } from '../support/harness';

/**
 * Statements that travel several to a round trip (the commit-time writes) are kept prepared on
 * their connection (src/platform/db/prepared-statements.ts, batchText; docs/architecture.md,
 * "Statements"): prepared by the first batch that runs them, run as EXECUTE afterwards.
 */
let service: TestService;
let connection: SerialConnection;
/** Marks this test's statement texts, so that what other tests prepared on the pooled connection does not count. */
let tag: string;
beforeAll(async () => {
  service = await startTestService();
});
beforeEach(async () => {
  connection = await service.database.acquire();
  tag = randomUUID();
});
afterEach(() => service.database.release(connection));
afterAll(() => service.close());

/** A statement of this test's, with values. */
const tagged = (text: string, params: unknown[]): Statement => ({ text: `${text} /* ${tag} */`, params });
const sum = (a: number, b: number) => tagged('select ?::int + ?::int as sum', [a, b]);

async function preparedOnConnection(): Promise<string[]> {
  const rows = await connection.query<{ statement: string }>(
    `select statement from pg_prepared_statements where from_sql and strpos(statement, ?) > 0`,
    [tag],
  );
  return rows.map((row) => row.statement);
}

describe('batched statements', () => {
  it('are prepared on their connection by the first batch and run as EXECUTE after it, with each run’s values', async () => {
    expect(await connection.batch([sum(2, 3)])).toEqual([{ sum: 5 }]);
    expect(await preparedOnConnection()).toEqual([expect.stringContaining('select $1::int + $2::int as sum')]);

    expect(await connection.batch([sum(10, 20), { text: 'select 1 as one', params: [] }])).toEqual([{ one: 1 }]);
    expect(await connection.batch([sum(40, 2)])).toEqual([{ sum: 42 }]);
    expect(await preparedOnConnection()).toHaveLength(1);
  });

  it('write strings, nulls, booleans and byte strings as values an EXECUTE takes', async () => {
    const statement = tagged(
      'select ?::text as text, ?::text as missing, ?::boolean as flag, encode(?::bytea, ?) as bytes',
      ["it's \\ quoted", null, true, Buffer.from([0, 255]), 'hex'],
    );
    const expected = [{ text: "it's \\ quoted", missing: null, flag: true, bytes: '00ff' }];
    expect(await connection.batch([statement])).toEqual(expected);
    expect(await connection.batch([statement])).toEqual(expected);
  });

  it('go as text on that connection after a batch that prepared them failed, and keep working', async () => {
    const quotient = (divisor: number) => tagged('select 1 / ?::int as quotient', [divisor]);
    await expect(connection.batch([sum(2, 3), quotient(0)])).rejects.toThrow('division by zero');
    // The failed batch's PREPAREs may or may not have run; preparing again would fail if they had.
    expect(await connection.batch([sum(2, 3), quotient(1)])).toEqual([{ quotient: 1 }]);
    expect(await connection.batch([sum(1, 1)])).toEqual([{ sum: 2 }]);
  });

  it('are not prepared when the batch says so (the authenticating statement)', async () => {
    expect(await connection.batch([sum(2, 3)], false)).toEqual([{ sum: 5 }]);
    expect(await preparedOnConnection()).toEqual([]);
  });

  it('refuse a statement whose values do not match its placeholders', async () => {
    await expect(connection.batch([{ ...sum(1, 1), params: [1] }])).rejects.toThrow(
      'SQL has 2 placeholders for 1 values',
    );
  });
});
