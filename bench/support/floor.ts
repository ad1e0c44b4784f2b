import path from 'node:path';
import type { Database } from '../../src/platform/db/database';
import { startChildServer } from './bench-service';

/** The floor (floor-server.ts) running beside the service, on the same database. */
export interface Floor {
  url: string;
  /** The floor's process id, to read its CPU time (process-cpu.ts). */
  pid: number;
  /** The ids of the users it was seeded with. */
  userIds: string[];
  /** Stops the server and drops its table. */
  stop(): Promise<void>;
}

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/**
 * Makes the floor's table (what a user is, with the lower-cased userName key the service also
 * has), seeds it with `users` (the SCIM bodies the service was seeded with) and starts the floor.
 */
export async function startFloor(database: Database, databaseUrl: string, users: readonly unknown[]): Promise<Floor> {
  const dropTable = () => database.execute({ text: 'drop table if exists bench_floor_users', params: [] });
  await dropTable(); // left behind by a run that was killed
  try {
    await database.execute({
      text: `create table bench_floor_users (
               id uuid primary key default gen_random_uuid(),
               user_name text not null,
               display_name text,
               email text,
               active boolean not null default true,
               external_id text,
               department text,
               given_name text,
               family_name text,
               created_at timestamptz not null default now(),
               updated_at timestamptz not null default now()
             )`,
      params: [],
    });
    await database.execute({
      text: 'create unique index bench_floor_users_user_name_key on bench_floor_users (lower(user_name))',
      params: [],
    });
    const seeded = await database.execute<{ id: string }>({
      text: `insert into bench_floor_users (user_name, display_name, email, active, external_id, department, given_name, family_name)
             select u->>'userName', u->>'displayName', u->'emails'->0->>'value', (u->>'active')::boolean, u->>'externalId',
                    u->'${ENTERPRISE}'->>'department', u->'name'->>'givenName', u->'name'->>'familyName'
               from jsonb_array_elements(?::jsonb) as u
             returning id`,
      params: [JSON.stringify(users)],
    });
    const server = await startChildServer(path.resolve(__dirname, 'floor-server.js'), {
      env: { DATABASE_URL: databaseUrl },
    });
    return {
      url: server.url,
      pid: server.pid,
      userIds: seeded.map((row) => row.id),
      async stop() {
        try {
          await server.stop();
        } finally {
          await dropTable();
        }
      },
    };
  } catch (error) {
    await dropTable();
    throw error;
  }
}
