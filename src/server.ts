import 'reflect-metadata';
import type { Server } from 'node:http';
import { createHttpServer } from './api/http/http-server';
import Koa from 'koa';
import { createApp } from './app';
import { createMetrics, metricsEndpoint, type Metrics } from './api/http/metrics';
import { startWebhookWorker, type WebhookWorker } from './worker/webhook-worker';
import { ConfigError, loadConfig, type Config } from './platform/config';
import { connect } from './database';
import type { Database } from './platform/db/database';
import { purgeExpired } from './domain/directory/retention/purge';
import { TenantService } from './domain/accounts/tenants/tenant.service';
import { createLogger, type Logger } from './platform/logger';

/** Starts the service: database (external or embedded), migrations, demo tenant, HTTP, metrics, webhook delivery. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));

  const connection = await connect(config, log, 'server');
  const metrics = createMetrics({ enabled: config.metrics.enabled, database: connection.database, log });
  const app = await createApp({ config, database: connection.database, log, metrics });
  const server = await listen(createHttpServer(app.koa, config.http), config.port, config.host);
  const metricsServer =
    config.metrics.enabled && config.metrics.port !== undefined
      ? await listen(
          createHttpServer(new Koa().use(metricsEndpoint(metrics)), config.http),
          config.metrics.port,
          config.host,
        )
      : undefined;
  if (metricsServer)
    log.info({ port: portOf(metricsServer, config.metrics.port!) }, 'metrics are served on their own port');
  const worker: WebhookWorker | undefined = config.webhooks.worker
    ? await startWebhookWorker({
        database: connection.database,
        databaseUrl: connection.url,
        settings: config.webhooks,
        metrics,
        log,
      })
    : undefined;
  const port = portOf(server, config.port);
  const baseUrl = config.publicBaseUrl ?? `http://${config.host}:${port}`;
  log.info(
    { url: baseUrl, database: connection.embedded ? 'embedded' : 'external' },
    'evercate-directory is listening',
  );

  if (config.createDemoTenant) await createDemoTenantOnce(new TenantService(connection.database), baseUrl);
  const purgeTimer = schedulePurge(connection.database, config, metrics, log);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    clearInterval(purgeTimer);
    await closeServer(server);
    log.debug('HTTP server closed');
    await app.stop();
    log.debug('GraphQL stopped');
    await worker?.stop();
    if (metricsServer) await closeServer(metricsServer);
    await connection.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** The demo tenant's tokens are printed to the terminal once, never logged. */
async function createDemoTenantOnce(tenants: TenantService, baseUrl: string): Promise<void> {
  if (!(await tenants.isEmpty())) return;
  const demo = await tenants.create('demo');
  process.stdout.write(
    [
      '',
      'A demo tenant was created. Its tokens are shown only now; keep them.',
      `  Tenant id        ${demo.tenantId}`,
      `  SCIM base URL    ${baseUrl}/scim   (paste as "Tenant URL" in Entra)`,
      `  SCIM token       ${demo.scimToken}`,
      `  GraphQL URL      ${baseUrl}/graphql   (open it in a browser for GraphiQL)`,
      `  GraphQL token    ${demo.graphqlToken}`,
      '',
    ].join('\n') + '\n',
  );
}

/** Purges what is past retention now and then; every instance tries, one at a time does it. */
function schedulePurge(database: Database, config: Config, metrics: Metrics, log: Logger): NodeJS.Timeout | undefined {
  if (config.purgeIntervalMinutes === 0) return undefined;
  const purge = () =>
    purgeExpired(database, config.retention).then(
      (result) => {
        metrics.purgeRun(result ? 'success' : 'skipped', result ? { ...result } : undefined);
        if (result) log.info({ purged: result }, 'purged what is past retention');
      },
      (error: unknown) => {
        metrics.purgeRun('failure');
        log.warn({ err: error }, 'purge failed; it will be retried');
      },
    );
  const timer = setInterval(() => void purge(), config.purgeIntervalMinutes * 60_000);
  timer.unref();
  return timer;
}

async function listen(server: Server, port: number, host: string): Promise<Server> {
  server.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return server;
}

function portOf(server: Server, fallback: number): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : fallback;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive connections would hold close() open; active requests still finish.
    server.closeIdleConnections();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `evercate-directory failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  if (error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
