import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** CPU time (user and system) spent so far, in µs, by the three parties of a benchmark run. */
export interface CpuReading {
  /** The server under load (the service or the floor), one process. */
  server: number;
  /** Every PostgreSQL backend connected to the server's database, by process id. */
  database: ReadonlyMap<number, number>;
  /** This process: the load generator. */
  client: number;
}

/** What one request cost each party, in µs of CPU (the difference of two readings over the requests). */
export interface CpuPerRequest {
  server: number;
  database: number;
  client: number;
  total: number;
}

/** Whether this system tells processes' CPU the way readCpu reads it (Linux's /proc). */
export const CPU_READABLE = existsSync('/proc/self/stat');

const CLOCK_TICK_US = 10_000; // Linux reports process CPU in ticks of 1/100 s (USER_HZ).

/**
 * Reads the CPU spent so far by `serverPid`, by the PostgreSQL backends of `database` and by this
 * process, from /proc (Linux). Backends are told by their process title (`postgres: <user>
 * <database> …`, after the cluster's name where it has one).
 */
export function readCpu(serverPid: number, database: string): CpuReading {
  const own = process.cpuUsage();
  return { server: processCpu(serverPid), database: backendsCpu(database), client: own.user + own.system };
}

/**
 * Backends are compared one by one: an idle connection that a pool closes in between (the floor's
 * and the service's pools close theirs after seconds idle) takes away nothing, one opened in
 * between counts whole; only one that worked and then ended in between would be missed.
 */
export function cpuPerRequest(before: CpuReading, after: CpuReading, requests: number): CpuPerRequest {
  let database = 0;
  for (const [pid, spent] of after.database) database += spent - (before.database.get(pid) ?? 0);
  const server = (after.server - before.server) / requests;
  const client = (after.client - before.client) / requests;
  database /= requests;
  return { server, database, client, total: server + database + client };
}

/** The database a connection string names (PostgreSQL's default, the user's name, when it names none). */
export function databaseOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return decodeURIComponent(url.pathname.slice(1)) || decodeURIComponent(url.username) || 'postgres';
}

function backendsCpu(database: string): Map<number, number> {
  const backends = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // `postgres: [<cluster name>:] <user> <database> <client> <state>`
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split(/[\s\0]+/);
      if (title[0] !== 'postgres:') continue;
      const user = title[1]?.endsWith(':') ? 2 : 1;
      if (title[user + 1] !== database) continue;
      backends.set(Number(entry), processCpu(Number(entry)));
    } catch {
      // The process ended while it was read.
    }
  }
  return backends;
}

function processCpu(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_US;
}
