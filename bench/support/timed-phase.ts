import http from 'node:http';
import { inParallel } from './bench-service';

/** Sends one SCIM request; `undefined` when the answer was not one of `expected` (counted as an error). */
export type Send = (
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body: unknown,
  expected: readonly number[],
) => Promise<{ status: number; json: unknown } | undefined>;

export interface PhaseResult {
  name: string;
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  errors: number;
  /** Errors by kind ("PATCH 429", "POST network error", a check that failed), with one sample each. */
  failures: Map<string, { count: number; sample: string }>;
  /** The load generator's CPU over the phase, in percent of one core: near 100 it is the bottleneck. */
  clientCpuPercent: number;
}

/**
 * Runs `work` for every item on `lanes` concurrent lanes, each sending its requests one after the
 * other over a keep-alive connection of its own, and times the whole phase client-side. node:http
 * rather than fetch: fetch costs about six times the CPU per request, which on a shared machine
 * the service and PostgreSQL would miss.
 */
export async function timedPhase<T>(
  name: string,
  items: readonly T[],
  lanes: number,
  scim: { base: string; headers: Record<string, string> },
  work: (item: T, send: Send, fail: (kind: string, sample: string) => void) => Promise<void>,
): Promise<PhaseResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: lanes });
  const latencies: number[] = [];
  const failures = new Map<string, { count: number; sample: string }>();
  const fail = (kind: string, sample: string) => {
    const known = failures.get(kind);
    if (known) known.count += 1;
    else failures.set(kind, { count: 1, sample: sample.slice(0, 300) });
  };
  const send: Send = async (method, path, body, expected) => {
    const sent = performance.now();
    try {
      const response = await request(agent, `${scim.base}${path}`, method, scim.headers, body);
      latencies.push(performance.now() - sent);
      if (!expected.includes(response.status)) {
        fail(`${method} ${response.status}`, `${method} ${path}: ${response.text}`);
        return undefined;
      }
      return { status: response.status, json: response.text ? JSON.parse(response.text) : undefined };
    } catch (error) {
      latencies.push(performance.now() - sent);
      fail(`${method} network error`, `${method} ${path}: ${String(error)}`);
      return undefined;
    }
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  await inParallel(items, lanes, (item) => work(item, send, fail));
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0);
  return {
    name,
    requests: latencies.length,
    seconds: elapsed / 1000,
    p50: percentile(0.5),
    p99: percentile(0.99),
    errors: [...failures.values()].reduce((sum, f) => sum + f.count, 0),
    failures,
    clientCpuPercent: Math.round(((used.user + used.system) / 1000 / elapsed) * 100),
  };
}

function request(
  agent: http.Agent,
  url: string,
  method: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; text: string }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const sent = http.request(
      url,
      {
        method,
        agent,
        headers: payload === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(payload);
  });
}

export function printPhases(title: string, phases: readonly PhaseResult[]): void {
  const rows = phases.map(
    (p) =>
      `| ${p.name} | ${p.requests} | ${p.seconds.toFixed(1)} | ${Math.round(p.requests / p.seconds)} | ${p.p50} | ${p.p99} | ${p.errors} | ${p.clientCpuPercent} % |`,
  );
  const lines = [
    '',
    `## ${title}`,
    '',
    '| phase | requests | seconds | req/s | p50 ms | p99 ms | errors | client CPU |',
  ];
  lines.push('|---|---|---|---|---|---|---|---|', ...rows, '');
  for (const phase of phases)
    for (const [kind, { count, sample }] of phase.failures)
      lines.push(`${phase.name}: ${count} × ${kind}, e.g. ${sample}`);
  process.stdout.write(lines.join('\n') + '\n');
}
