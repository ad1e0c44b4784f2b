import { existsSync } from 'node:fs';
import path from 'node:path';

let root: string | undefined;

/**
 * The repository's root (where package.json is), for files read at run time (schema documents,
 * SQL definitions): the same from the TypeScript sources and from the compiled files in dist/.
 */
export function repositoryRoot(): string {
  if (root) return root;
  for (let directory = __dirname; ; directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, 'package.json'))) return (root = directory);
    if (path.dirname(directory) === directory) throw new Error(`No package.json above ${__dirname}`);
  }
}
