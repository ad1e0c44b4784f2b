import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { SCIM_OPERATION_TYPES_FILE, scimOperationTypes } from './scim-operation-types';

/**
 * Writes scim-facade/graphql/operation-types.ts (`npm run codegen`), or with --check only says
 * whether the committed file is current (exit code 1 when it is stale; a test runs that).
 */
async function generate(check: boolean): Promise<number> {
  const options = { ...(await resolveConfig(SCIM_OPERATION_TYPES_FILE)), filepath: SCIM_OPERATION_TYPES_FILE };
  const generated = await format(await scimOperationTypes(), options);
  const file = path.relative(process.cwd(), SCIM_OPERATION_TYPES_FILE);
  if (check) {
    const current = readFileSync(SCIM_OPERATION_TYPES_FILE, 'utf8') === generated;
    process.stdout.write(current ? `${file} is current\n` : `${file} is stale: run npm run codegen\n`);
    return current ? 0 : 1;
  }
  writeFileSync(SCIM_OPERATION_TYPES_FILE, generated);
  process.stdout.write(`Wrote ${file}\n`);
  return 0;
}

generate(process.argv.includes('--check')).then((code) => process.exit(code));
