/**
 * The layers, lowest first, and what each may import (checked by `npm run lint:layers`, which
 * `npm test` runs first, so a violation fails CI):
 *
 *   platform   src/platform     database, SQL helpers, errors, pagination, configuration
 *   model      src/model        MikroORM entities: the one description of every table
 *   domain     src/domain       directory (users, groups, departments, org chart, changes) and
 *                               accounts (tenants, tokens, SSO settings)
 *   api        src/api          auth, GraphQL, HTTP: the edges' shared machinery
 *   scim       scim-facade      SCIM 2.0, speaking GraphQL to the core
 *   worker     src/worker       webhook delivery in the background, beside the HTTP edges
 *
 * A layer imports only layers below it (the worker: platform, model, domain and api, not SCIM).
 * src/server.ts, src/cli and src/tools put everything together and may import anything.
 * migrations/ stand alone.
 */
const layer = (name, path, mayNotImport) => ({
  name: `${name}-imports-only-lower-layers`,
  severity: 'error',
  comment: `${name} may not import ${mayNotImport.join(', ')}`,
  from: { path },
  to: { path: mayNotImport.map((target) => `^${target}`) },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules may not import each other in a circle (type-only imports vanish at run time and do not count).',
      from: { path: '^(src|scim-facade)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-circular-folders',
      severity: 'error',
      comment: 'Folders may not import each other in a circle: each concept folder depends one way.',
      scope: 'folder',
      from: { path: '^(src|scim-facade)/' },
      to: { circular: true },
    },
    layer('platform', '^src/platform/', [
      'src/model/',
      'src/domain/',
      'src/api/',
      'scim-facade/',
      'src/worker/',
      'src/server',
      'src/cli/',
    ]),
    layer('model', '^src/model/', ['src/domain/', 'src/api/', 'scim-facade/', 'src/worker/', 'src/server', 'src/cli/']),
    layer('domain', '^src/domain/', ['src/api/', 'scim-facade/', 'src/worker/', 'src/server', 'src/cli/']),
    layer('api', '^src/api/', ['scim-facade/', 'src/worker/', 'src/server', 'src/cli/']),
    layer('worker', '^src/worker/', ['scim-facade/', 'src/server', 'src/cli/']),
    {
      name: 'scim-facade-reaches-the-core-through-graphql',
      severity: 'error',
      comment:
        'The SCIM facade runs GraphQL operations in-process and uses the request runner; it never touches the database, the entities or the domain.',
      from: { path: '^scim-facade/' },
      to: { path: ['^src/platform/db/', '^src/model/', '^src/domain/', '^src/worker/', '^src/server', '^src/cli/'] },
    },
    {
      name: 'directory-and-accounts-stay-apart',
      severity: 'error',
      comment: 'The two domains do not import each other; the api layer composes them.',
      from: { path: '^src/domain/directory/' },
      to: { path: '^src/domain/accounts/' },
    },
    {
      name: 'accounts-and-directory-stay-apart',
      severity: 'error',
      comment: 'The two domains do not import each other; the api layer composes them.',
      from: { path: '^src/domain/accounts/' },
      to: { path: '^src/domain/directory/' },
    },
    {
      name: 'migrations-stand-alone',
      severity: 'error',
      comment: 'Migrations are history: they may not depend on code that changes.',
      from: { path: '^migrations/' },
      to: { path: '^(src|scim-facade)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
