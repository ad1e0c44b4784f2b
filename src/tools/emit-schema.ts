import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { directorySchema, printDirectorySchema } from '../api/graphql/schema';

/** Writes schema/schema.graphql from the code. A test fails while the committed file is stale. */
async function emit(): Promise<void> {
  const file = path.resolve(process.cwd(), 'schema/schema.graphql');
  writeFileSync(file, printDirectorySchema(await directorySchema()));
  process.stdout.write(`Wrote ${path.relative(process.cwd(), file)}\n`);
}

void emit();
