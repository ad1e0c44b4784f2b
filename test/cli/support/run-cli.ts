import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../..');

/**
 * The CLI as an operator runs it, from TypeScript source (the same code `npm run cli` builds), with
 * `env` added to the environment. A non-zero exit resolves too, with its code.
 */
export async function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ stdout: string; stderr: string; code?: number }> {
  return run(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  }).catch((error: { stdout: string; stderr: string; code: number }) => error);
}
