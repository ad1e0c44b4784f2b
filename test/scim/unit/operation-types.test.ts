import { spawnSync } from 'node:child_process';
import path from 'node:path';

describe("the SCIM facade's GraphQL types", () => {
  it('are generated from the committed schema and the facade operations (run `npm run codegen` after changing either)', () => {
    // graphql-codegen loads ES modules, which jest's module system cannot; it runs in its own process.
    const check = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/tools/generate-scim-operation-types.ts', '--check'],
      {
        cwd: path.resolve(__dirname, '../../..'),
        encoding: 'utf8',
        env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' },
      },
    );
    expect(check.stdout).toContain('is current');
    expect(check.status).toBe(0);
  });
});
