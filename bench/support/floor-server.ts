import http from 'node:http';
import { Pool, type DatabaseError } from 'pg';

/**
 * The floor `bench:scim` measures the service against: a bare node:http server doing each SCIM
 * operation as ONE pg query on a table of its own (made by floor.ts), with no authentication lookup,
 * no transaction, no row-level security, no change record and no provisioning log. It is the
 * physical limit of this machine and this PostgreSQL for the request shape, the limit the ratios
 * are taken against; it is not a target and not a design to copy. Run as its own process by
 * startFloor (floor.ts), so it shares no event loop with the load generator.
 *
 * Environment: DATABASE_URL, PORT, HOST.
 */
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const COLUMNS =
  'id, user_name, display_name, email, active, external_id, department, given_name, family_name, created_at, updated_at';
/** The PATCH paths the bench sends (Entra's default dialect) and the column each one sets. */
const PATCH_COLUMNS: Record<string, string> = {
  displayName: 'display_name',
  'emails[type eq "work"].value': 'email',
  active: 'active',
};

interface FloorUser {
  id: string;
  user_name: string;
  display_name: string | null;
  email: string | null;
  active: boolean;
  external_id: string | null;
  department: string | null;
  given_name: string | null;
  family_name: string | null;
  created_at: Date;
  updated_at: Date;
}

/** What the bench POSTs (an Entra-shaped user), as far as the floor keeps it. */
interface PostedUser {
  userName: string;
  displayName?: string;
  externalId?: string;
  active?: boolean;
  emails?: Array<{ type?: string; value: string }>;
  name?: { givenName?: string; familyName?: string };
  [ENTERPRISE]?: { department?: string };
}

interface Answer {
  status: number;
  body?: unknown;
}

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

async function handle(method: string, url: URL, body: string): Promise<Answer> {
  if (method === 'GET' && url.pathname === '/readyz') return { status: 200, body: { ready: true } };
  if (method === 'GET' && url.pathname === '/Users') {
    const match = /^userName eq "((?:[^"\\]|\\.)*)"$/.exec(url.searchParams.get('filter') ?? '');
    if (!match) return error(400, 'Only filter=userName eq "…" is served here.');
    const { rows } = await pool.query<FloorUser>(
      `select ${COLUMNS} from bench_floor_users where lower(user_name) = lower($1)`,
      [JSON.parse(`"${match[1]}"`)],
    );
    return {
      status: 200,
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: rows.length,
        Resources: rows.map(toScim),
        startIndex: 1,
        itemsPerPage: rows.length,
      },
    };
  }
  if (method === 'POST' && url.pathname === '/Users') {
    const user = JSON.parse(body) as PostedUser;
    const email = user.emails?.find((e) => e.type === 'work');
    const { rows } = await pool.query<FloorUser>(
      `insert into bench_floor_users (user_name, display_name, email, active, external_id, department, given_name, family_name)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning ${COLUMNS}`,
      [
        user.userName,
        user.displayName ?? null,
        email?.value ?? null,
        user.active ?? true,
        user.externalId ?? null,
        user[ENTERPRISE]?.department ?? null,
        user.name?.givenName ?? null,
        user.name?.familyName ?? null,
      ],
    );
    return { status: 201, body: toScim(rows[0]!) };
  }
  const id = /^\/Users\/([0-9a-f-]{36})$/.exec(url.pathname)?.[1];
  if (method === 'PATCH' && id) {
    const operations = (JSON.parse(body) as { Operations: Array<{ path: string; value: unknown }> }).Operations;
    const columns: string[] = [];
    const values: unknown[] = [id];
    for (const { path, value } of operations) {
      const column = PATCH_COLUMNS[path];
      if (!column) return error(400, `The floor does not patch ${path}.`);
      values.push(column === 'active' ? value === true || String(value).toLowerCase() === 'true' : value);
      columns.push(`${column} = $${values.length}`);
    }
    const { rows } = await pool.query<FloorUser>(
      `update bench_floor_users set ${columns.join(', ')}, updated_at = now() where id = $1 returning ${COLUMNS}`,
      values,
    );
    return rows[0] ? { status: 200, body: toScim(rows[0]) } : error(404, `No user ${id}.`);
  }
  return error(404, `No route ${method} ${url.pathname}.`);
}

function toScim(user: FloorUser) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
    id: user.id,
    externalId: user.external_id,
    userName: user.user_name,
    active: user.active,
    displayName: user.display_name,
    name: { givenName: user.given_name, familyName: user.family_name },
    emails: user.email ? [{ value: user.email, type: 'work', primary: true }] : [],
    [ENTERPRISE]: { department: user.department },
    meta: {
      resourceType: 'User',
      created: user.created_at.toISOString(),
      lastModified: user.updated_at.toISOString(),
      location: `/Users/${user.id}`,
    },
  };
}

function error(status: number, detail: string): Answer {
  return { status, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), detail } };
}

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const url = new URL(request.url ?? '/', 'http://floor');
    handle(request.method ?? 'GET', url, Buffer.concat(chunks).toString('utf8'))
      .catch((cause: unknown) =>
        (cause as DatabaseError).code === '23505' ? error(409, 'userName taken.') : error(500, String(cause)),
      )
      .then(({ status, body }) => {
        response.writeHead(status, { 'content-type': 'application/scim+json' });
        response.end(body === undefined ? undefined : JSON.stringify(body));
      });
  });
});

server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.end().then(() => process.exit(0));
});
