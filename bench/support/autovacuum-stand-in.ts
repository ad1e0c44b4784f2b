import type { Database } from '../../src/platform/db/database';

/**
 * Stands in for autovacuum's ANALYZE when the server runs without it (this machine's CI
 * configuration sets `autovacuum = off`). A cycle grows its tables from nothing; without fresh
 * statistics the plans PostgreSQL keeps for the triggers stay made for near-empty tables, and on
 * 10,000 users a manager PATCH then costs several times what it costs where autovacuum runs.
 * Like autovacuum visiting a database, it analyzes every autovacuum_naptime (60 s by default).
 * Returns what stops it; says on stdout that it runs.
 */
export async function standInForAutovacuum(database: Database): Promise<() => Promise<void>> {
  const settings = await database.execute<{ name: string; setting: string }>({
    text: `select name, setting from pg_settings where name in ('autovacuum', 'autovacuum_naptime')`,
    params: [],
  });
  const setting = (name: string) => settings.find((row) => row.name === name)?.setting;
  if (setting('autovacuum') !== 'off') return async () => undefined;
  const seconds = Number(setting('autovacuum_naptime') ?? 60);
  process.stdout.write(`The server's autovacuum is off: the bench runs ANALYZE every ${seconds} s in its place.\n`);
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running
      .then(() => database.execute({ text: 'analyze', params: [] }))
      .catch((error: unknown) => process.stderr.write(`ANALYZE failed: ${String(error)}\n`));
  }, seconds * 1000);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
