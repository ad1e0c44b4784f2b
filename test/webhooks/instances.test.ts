import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createUser, graphqlClient, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';
import { Receiver } from './support/receiver';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch-database';
import { createWebhook, deliveryLog } from './support/webhooks';

/**
 * Several instances share the delivery work through PostgreSQL (graphile-worker): one webhook's
 * deliveries never overlap and keep change order, and an instance that stops or dies mid-delivery
 * leaves its work to the others, which deliver it at least once.
 */
const FAST = {
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  WEBHOOK_POLL_INTERVAL_MS: '50',
  WEBHOOK_TIMEOUT_MS: '2000',
  WEBHOOK_RETRY_FIRST_DELAY_MS: '100',
};
/** Jobs of a worker that is gone are taken back after half a second (two minutes by default). */
const QUICK_TAKEOVER = { orphans: { checkIntervalMs: 200, lockedForMs: 500 } };

/** Each test's instances share a database of their own: no other test's workers take their jobs. */
let database: ScratchDatabase;
const cleanup: Array<() => Promise<unknown>> = [];
beforeEach(async () => {
  database = await scratchDatabase();
});
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
  await database.drop();
});

async function instance(
  options: Parameters<typeof startTestService>[1] = {},
  overrides: Record<string, string> = {},
): Promise<TestService> {
  const started = await startTestService({ ...FAST, ...overrides }, { ...options, database: database.url });
  cleanup.push(() => started.close());
  return started;
}

async function receiver(): Promise<Receiver> {
  const started = await Receiver.start();
  cleanup.push(() => started.close());
  return started;
}

async function tenantOn(on: TestService) {
  const tenant = await on.createTenant();
  return { token: tenant.graphqlToken, client: graphqlClient(on, tenant.graphqlToken) };
}

async function sequencesOf(client: GraphQLClient): Promise<number[]> {
  const { directoryChanges } = await client.query('{ directoryChanges(first: 100) { nodes { sequence } } }');
  return directoryChanges.nodes.map((node: { sequence: string }) => Number(node.sequence));
}

/** Arrival order with repeats removed: what a receiver that de-duplicates by webhook-id processes. */
function firstArrivals(received: Receiver): number[] {
  const seen = new Set<string>();
  return received.deliveries
    .filter((delivery) => {
      const id = delivery.headers['webhook-id'] as string;
      return !seen.has(id) && Boolean(seen.add(id));
    })
    .map((delivery) => Number(delivery.json.data.change.sequence));
}

/** The real server in a process of its own, which the test can kill. */
async function serverProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/server.ts'], {
    cwd: path.resolve(__dirname, '../..'),
    env: {
      ...process.env,
      ...FAST,
      DATABASE_URL: database.url,
      PORT: '0',
      HOST: '127.0.0.1',
      CREATE_DEMO_TENANT: 'false',
      PURGE_INTERVAL_MINUTES: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`The server exited early (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('delivering webhooks')) resolve();
    });
  });
  return child;
}

describe('webhook delivery across instances', () => {
  it('two instances deliver one webhook once per change, in change order', async () => {
    const a = await instance({ webhookWorker: true }, { METRICS: 'true' });
    const b = await instance({ webhookWorker: true }, { METRICS: 'true' });
    const hooks = await receiver();
    hooks.answer = () => ({ status: 200, delayMs: Math.floor(Math.random() * 15) });
    const { token, client } = await tenantOn(a);
    const throughB = graphqlClient(b, token);
    await createWebhook(client, { url: hooks.url });
    // Changes keep coming, through both instances, so both schedule and run jobs for the webhook.
    for (let i = 0; i < 40; i++) {
      await createUser(i % 2 === 0 ? client : throughB, { userName: `u${i}@example.com` });
      if (i % 4 === 0) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await hooks.waitFor(40, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hooks.sequences()).toEqual(await sequencesOf(client));
    // Both instances took part: each delivered some of the changes.
    const delivered = async (on: TestService) => {
      const text = (await on.http.get('/metrics')).text;
      return Number(/^evercate_webhook_deliveries_total\{outcome="delivered"\} (\d+)$/m.exec(text)?.[1] ?? 0);
    };
    const [byA, byB] = [await delivered(a), await delivered(b)];
    expect(byA + byB).toBe(40);
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);
  });

  it('an instance stopped mid-delivery leaves the change to another, which delivers it and the rest in order', async () => {
    const a = await instance({ webhookWorker: true });
    const hooks = await receiver();
    hooks.answer = (_delivery, index) => (index === 0 ? 'hang' : { status: 200 });
    const { token, client } = await tenantOn(a);
    const { webhook: created } = await createWebhook(client, { url: hooks.url });
    for (const name of ['a', 'b', 'c']) await createUser(client, { userName: `${name}@example.com` });
    await hooks.waitFor(1);

    // Instance a shuts down while its delivery waits on the receiver: the attempt is cut short and
    // not recorded. Instance b, started after, sends that change again, then the others.
    await cleanup.shift()!();
    const b = await instance({ webhookWorker: true });
    await hooks.waitFor(4);
    const all = await sequencesOf(graphqlClient(b, token));
    expect(hooks.sequences()).toEqual([all[0], ...all]);
    expect(firstArrivals(hooks)).toEqual(all);
    const log = await deliveryLog(graphqlClient(b, token), created.id);
    expect(log.map((entry) => [Number(entry.sequence), entry.attempt, entry.outcome]).reverse()).toEqual(
      all.map((sequence) => [sequence, 1, 'DELIVERED']),
    );
  });

  it('an instance killed mid-delivery (SIGKILL) leaves the change to another, which takes its locked job back', async () => {
    const server = await serverProcess();
    cleanup.push(async () => server.kill('SIGKILL'));
    const graphqlOnly = await instance();
    const hooks = await receiver();
    hooks.answer = (_delivery, index) => (index === 0 ? 'hang' : { status: 200 });
    const { token, client } = await tenantOn(graphqlOnly);
    await createWebhook(client, { url: hooks.url });
    for (const name of ['a', 'b', 'c']) await createUser(client, { userName: `${name}@example.com` });
    await hooks.waitFor(1);

    // The job stays locked by the dead process's worker; graphile-worker alone would wait 4 hours.
    server.kill('SIGKILL');
    await new Promise((resolve) => server.once('exit', resolve));
    const taker = await instance({ webhookWorker: QUICK_TAKEOVER });
    await hooks.waitFor(4, 20_000);
    const all = await sequencesOf(graphqlClient(taker, token));
    expect(hooks.sequences()).toEqual([all[0], ...all]);
    expect(taker.logLines).toContainEqual(
      expect.objectContaining({ msg: 'took back webhook jobs of workers that are gone' }),
    );
  });
});
