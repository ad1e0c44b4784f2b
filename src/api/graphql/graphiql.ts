import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Context as KoaContext } from 'koa';

/**
 * GraphiQL served by the service itself, its scripts from npm packages: internal tools work on a
 * network without internet access. GraphiQL 3 is the last version with a browser (UMD) bundle.
 */
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: path.join(packageDir('react'), 'umd/react.production.min.js'), type: 'application/javascript' },
  'react-dom.js': {
    file: path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
    type: 'application/javascript',
  },
  'graphiql.js': { file: path.join(packageDir('graphiql'), 'graphiql.min.js'), type: 'application/javascript' },
  'graphiql.css': { file: path.join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
};

export const GRAPHIQL_ASSET_PATH = '/graphiql-assets';

export function wantsGraphiQL(ctx: KoaContext): boolean {
  return ctx.method === 'GET' && !ctx.query.query && ctx.accepts(['application/json', 'text/html']) === 'text/html';
}

export function serveGraphiQL(ctx: KoaContext): void {
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>evercate-directory · GraphiQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <link rel="stylesheet" href="${GRAPHIQL_ASSET_PATH}/graphiql.css" />
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="${GRAPHIQL_ASSET_PATH}/react.js"></script>
  <script src="${GRAPHIQL_ASSET_PATH}/react-dom.js"></script>
  <script src="${GRAPHIQL_ASSET_PATH}/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultEditorToolsVisibility: 'headers',
        defaultHeaders: JSON.stringify({ Authorization: 'Bearer <paste a gql_ API token here>' }, null, 2),
        defaultQuery: '# Paste an API token into Headers below, then run:\\n{\\n  users(first: 10) {\\n    totalCount\\n    nodes { id userName displayName manager { displayName } department { name } }\\n  }\\n}\\n',
      }),
    );
  </script>
</body>
</html>`;
}

export function serveGraphiQLAsset(ctx: KoaContext, name: string): void {
  const asset = ASSETS[name];
  if (!asset) {
    ctx.status = 404;
    return;
  }
  ctx.type = asset.type;
  ctx.set('Cache-Control', 'public, max-age=86400');
  ctx.body = createReadStream(asset.file);
}
