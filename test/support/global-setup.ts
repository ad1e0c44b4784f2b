import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded-postgres';
import { createLogger } from '../../src/platform/logger';

/**
 * Real PostgreSQL for every test: the server in DATABASE_URL (CI creates a fresh database), or,
 * when it is unset, an embedded PostgreSQL in a temporary directory for this run. Each test file
 * applies migrations when it starts (they take turns on a lock; see Database.migrate), and each
 * test makes its own tenant, so tests need no cleanup.
 * (MikroORM is not initialised here: metadata built in jest's parent process breaks the workers.)
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'evercate-directory-test-'));
  const embedded = await startEmbeddedPostgres({ dataDir, log: createLogger('warn'), ephemeral: true });
  process.env.DATABASE_URL = embedded.url;
  (globalThis as { embeddedPostgres?: typeof embedded }).embeddedPostgres = embedded;
}
