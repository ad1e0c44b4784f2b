import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own on the test server, for tests whose webhook workers must not share the
 * job queue with other test files' workers (which run with other timeouts and retry windows and
 * would take their jobs).
 */
export async function scratchDatabase(): Promise<ScratchDatabase> {
  const base = process.env.DATABASE_URL!;
  const name = `evercate_scratch_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await onServer(base, `create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(base, `drop database if exists ${name} with (force)`),
  };
}

async function onServer(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
