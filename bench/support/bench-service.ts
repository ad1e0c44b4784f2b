import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { connectDatabase } from '../../src/database';
import type { Database } from '../../src/platform/db/database';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/platform/db/embedded-postgres';
import { createLogger } from '../../src/platform/logger';
import { CPU_READABLE, cpuPerRequest, readCpu, type CpuPerRequest } from './process-cpu';

/**
 * What a benchmark runs against: the built service as its own process (so the load generator does
 * not share its event loop), on DATABASE_URL or, when unset, an embedded PostgreSQL made for the run.
 */
/** What every benchmarked service runs with: quiet logs, no rate limit, no demo tenant, no purge. */
export const BENCH_SERVICE_ENV: Readonly<Record<string, string>> = {
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  GRAPHQL_RATE_LIMIT_PER_MINUTE: '0',
  CREATE_DEMO_TENANT: 'false',
  PURGE_INTERVAL_MINUTES: '0',
};

export interface BenchService {
  url: string;
  /** The service's process id, to read its CPU time (process-cpu.ts). */
  pid: number;
  database: Database;
  databaseUrl: string;
  stop(): Promise<void>;
}

export async function startBenchService(env: Record<string, string> = {}): Promise<BenchService> {
  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'evercate-directory-bench-'));
    embedded = await startEmbeddedPostgres({ dataDir, log: createLogger('warn'), ephemeral: true });
    databaseUrl = embedded.url;
  }
  const database = await connectDatabase({ url: databaseUrl, poolMax: 10 });
  await database.migrate();
  // BENCH_SERVICE_NODE_ARGS passes options to the service's node, e.g. "--cpu-prof" to profile it.
  const nodeArgs = process.env.BENCH_SERVICE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const server = await startChildServer(path.resolve(__dirname, '../../src/server.js'), {
    nodeArgs,
    env: {
      ...BENCH_SERVICE_ENV,
      DATABASE_URL: databaseUrl,
      ...env,
    },
  }).catch(async (error: unknown) => {
    await database.close();
    await embedded?.stop();
    throw error;
  });
  return {
    url: server.url,
    pid: server.pid,
    database,
    databaseUrl,
    async stop() {
      await server.stop();
      await database.close();
      await embedded?.stop();
    },
  };
}

/** An HTTP server running as a child process of the load generator, on a free local port. */
export interface ChildServer {
  url: string;
  /** The child's process id, to read its CPU time from /proc. */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts `script` with node in its own process (PORT and HOST in its environment) and waits until
 * its `/readyz` answers 200.
 */
export async function startChildServer(
  script: string,
  options: { env: Record<string, string>; nodeArgs?: string[] },
): Promise<ChildServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...options.env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitUntilReady(url, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid!, stop };
}

export interface ScenarioResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
  /** What a request cost in CPU, when the scenario was told whose CPU to read. */
  cpu?: CpuPerRequest;
}

/** Whose CPU a scenario reads (on Linux): the server under load and the database its backends are connected to. */
export interface CpuParties {
  serverPid: number;
  database: string;
}

/** Runs one scenario with autocannon; every non-2xx answer counts as a failure. */
export async function runScenario(
  name: string,
  options: autocannon.Options,
  parties?: CpuParties,
): Promise<ScenarioResult> {
  const read = () => (parties && CPU_READABLE ? readCpu(parties.serverPid, parties.database) : undefined);
  const before = read();
  const result = await autocannon({ connections: 10, duration: 10, ...options });
  const after = read();
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    ...(before && after ? { cpu: cpuPerRequest(before, after, result.requests.total) } : {}),
  };
}

export function printResults(title: string, results: ScenarioResult[]): void {
  const rows = results.map(
    (r) => `| ${r.name} | ${r.requestsPerSecond} | ${r.p50} | ${r.p99} | ${r.requests} | ${r.failures} |`,
  );
  process.stdout.write(
    [
      '',
      `## ${title}`,
      '',
      '| scenario | req/s | p50 ms | p99 ms | requests | non-2xx/errors |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n') + '\n',
  );
}

/** A scenario on the service and, when there is one, the same scenario on the floor. */
export interface FloorComparison {
  service: ScenarioResult;
  floor?: ScenarioResult;
}

/** One table: the service's figures, the floor's throughput and the ratio between the two. */
export function printFloorComparison(title: string, results: FloorComparison[]): void {
  const rows = results.map(({ service, floor }) => {
    const ratio = floor ? (service.requestsPerSecond / floor.requestsPerSecond).toFixed(2) : '–';
    return `| ${service.name} | ${service.requestsPerSecond} | ${service.p50} | ${service.p99} | ${floor?.requestsPerSecond ?? '–'} | ${ratio} | ${service.failures} / ${floor?.failures ?? '–'} |`;
  });
  process.stdout.write(
    [
      '',
      `## ${title}`,
      '',
      '| scenario | service req/s | p50 ms | p99 ms | floor req/s | ratio | errors (service / floor) |',
      '|---|---|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n') + '\n',
  );
  printCpuComparison(results);
}

/**
 * Where each scenario's CPU went, per request, on the service and on the floor: the server's
 * process, its PostgreSQL backends and the load generator. On a saturated machine the ratio of the
 * totals is about the ratio of the throughputs, so this tells which side a ratio is lost on.
 */
function printCpuComparison(results: FloorComparison[]): void {
  const measured = results.filter(({ service }) => service.cpu);
  if (measured.length === 0) return;
  const µs = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(0));
  const parts = (cpu: CpuPerRequest | undefined) =>
    `${µs(cpu?.server)} | ${µs(cpu?.database)} | ${µs(cpu?.client)} | ${µs(cpu?.total)}`;
  process.stdout.write(
    [
      '',
      'CPU per request, µs (server process, its PostgreSQL backends, the load generator):',
      '',
      '| scenario | service | PostgreSQL | load generator | total | floor | PostgreSQL | load generator | total |',
      '|---|---|---|---|---|---|---|---|---|',
      ...measured.map(({ service, floor }) => `| ${service.name} | ${parts(service.cpu)} | ${parts(floor?.cpu)} |`),
      '',
    ].join('\n') + '\n',
  );
}

/** Runs work on `concurrency` lanes until every item is done. */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function waitUntilReady(url: string, server: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (server.exitCode !== null) throw new Error(`${url}'s server exited with code ${server.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become ready in 30 s`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
