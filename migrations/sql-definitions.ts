import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The functions and triggers in force, one file each in migrations/sql, applied in file-name order
 * after the migrations whenever a file's text changes (a checksum per file is recorded in
 * directory_sql_definitions). Migrations keep the history; these files are the current logic, so
 * it can be read in one place. Each file must be safe to run again: `create or replace function`,
 * `drop trigger if exists` before `create trigger`.
 */
export interface SqlDefinition {
  name: string;
  sql: string;
  checksum: string;
}

export function sqlDefinitions(): SqlDefinition[] {
  const directory = definitionsDirectory();
  return readdirSync(directory)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const sql = readFileSync(path.join(directory, file), 'utf8');
      return { name: file, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * migrations/sql at the repository root, found by walking up to package.json: the same from the
 * TypeScript sources and from the compiled files in dist/, which nest one level deeper.
 */
function definitionsDirectory(): string {
  for (let directory = __dirname; ; directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, 'package.json'))) return path.join(directory, 'migrations', 'sql');
    if (path.dirname(directory) === directory) throw new Error(`No package.json above ${__dirname}`);
  }
}
