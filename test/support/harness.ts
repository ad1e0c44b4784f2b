import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import request from 'supertest';
import { createHttpServer } from '../../src/api/http/http-server';
import Koa from 'koa';
import { createApp, type App } from '../../src/app';
import { createMetrics, metricsEndpoint } from '../../src/api/http/metrics';
import { startWebhookWorker, type WebhookWorker } from '../../src/worker/webhook-worker';
import { loadConfig, type Config } from '../../src/platform/config';
import { connectDatabase } from '../../src/database';
import type { Database } from '../../src/platform/db/database';
import { createLogger } from '../../src/platform/logger';
import { scratchDatabase } from './scratch-database';
import { TenantService, type CreatedTenant } from '../../src/domain/accounts/tenants/tenant.service';

/** The service as its clients see it: the real app on a real port, on the real test database. */
export interface TestService {
  url: string;
  http: ReturnType<typeof request>;
  database: Database;
  config: Config;
  /** Where metrics are served when they have a port of their own (METRICS_PORT). */
  metricsUrl: string | undefined;
  /** Every log line the service wrote, as parsed JSON. */
  logLines: Array<Record<string, unknown>>;
  createTenant(name?: string): Promise<CreatedTenant>;
  close(): Promise<void>;
}

export interface TestServiceOptions {
  /**
   * The database: the shared test database (default), one made for this service and dropped when
   * it closes ('own'), or one given by URL (shared by the instances of one test).
   */
  database?: 'shared' | 'own' | string;
  /** Deliver webhooks from this instance, as the server does (WEBHOOK_WORKER). */
  webhookWorker?: boolean | { orphans: { checkIntervalMs: number; lockedForMs: number } };
}

export async function startTestService(
  overrides: Record<string, string> = {},
  options: TestServiceOptions = {},
): Promise<TestService> {
  const scratch = options.database === 'own' ? await scratchDatabase() : undefined;
  const databaseUrl =
    scratch?.url ?? (options.database && options.database !== 'shared' ? options.database : process.env.DATABASE_URL);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DB_POOL_MAX: '4',
    ...overrides,
  });
  const logLines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim()) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const log = createLogger('info', sink);
  const database = await connectDatabase({ url: config.databaseUrl!, poolMax: config.dbPoolMax, log });
  await database.migrate();
  const metrics = createMetrics({ enabled: config.metrics.enabled, database, log });
  const app: App = await createApp({ config, database, log, metrics });
  // A PORT override serves at a URL known before the start (PUBLIC_BASE_URL); otherwise any free port.
  const server = await listen(createHttpServer(app.koa, config.http), overrides.PORT ? config.port : 0);
  const url = urlOf(server);
  const metricsServer =
    config.metrics.enabled && config.metrics.port !== undefined
      ? await listen(createHttpServer(new Koa().use(metricsEndpoint(metrics)), config.http), 0)
      : undefined;
  const worker: WebhookWorker | undefined = options.webhookWorker
    ? await startWebhookWorker({
        database,
        databaseUrl: config.databaseUrl!,
        settings: config.webhooks,
        metrics,
        log,
        ...(typeof options.webhookWorker === 'object' ? options.webhookWorker : {}),
      })
    : undefined;
  let tenantCount = 0;
  return {
    url,
    http: request(url),
    database,
    config,
    metricsUrl: metricsServer && urlOf(metricsServer),
    logLines,
    createTenant: (name) => new TenantService(database).create(name ?? `test-tenant-${++tenantCount}-${Date.now()}`),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (metricsServer) await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
      await app.stop();
      await worker?.stop();
      await database.close();
      await scratch?.drop();
    },
  };
}

/** A port nothing listens on now, for a service whose PUBLIC_BASE_URL must be known before it starts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function listen(server: Server, port: number): Promise<Server> {
  server.listen(port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return server;
}

function urlOf(server: Server): string {
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}
