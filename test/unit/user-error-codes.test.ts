import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserErrorCode } from '../../src/api/graphql/types/user-error';
import { CONSTRAINT_ERRORS } from '../../src/domain/constraint-errors';

/** Every code a domain error can carry must be a value of the GraphQL enum it is reported as. */
describe('domain error codes', () => {
  const codes = new Set<string>(Object.values(UserErrorCode));

  it('of every constraint violation are UserErrorCode values', () => {
    const raised = Object.values(CONSTRAINT_ERRORS).map((toError) => toError('').code);
    expect(raised.filter((code) => !codes.has(code))).toEqual([]);
  });

  it('raised anywhere in src/ are UserErrorCode values', () => {
    const raised = sourceFiles(path.resolve(__dirname, '../../src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:new DomainError|super)\(\s*'([A-Z_]+)'/g)].map((match) => match[1]!),
    );
    expect(raised.length).toBeGreaterThan(5);
    expect(raised.filter((code) => !codes.has(code))).toEqual([]);
  });
});

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const file = path.join(directory, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return file.endsWith('.ts') ? [file] : [];
  });
}
