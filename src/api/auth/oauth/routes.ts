import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Config } from '../../../platform/config';
import { authorizationServerMetadata, METADATA_PATH, TOKEN_ENDPOINT_PATH } from './authorization-server-metadata';
import { tokenEndpoint, type TokenEndpointDependencies } from './token-endpoint';

/** The OAuth 2.0 authorization server: the token endpoint and its metadata. */
export function oauthRoutes(router: Router, config: Config, dependencies: TokenEndpointDependencies): void {
  router.all(TOKEN_ENDPOINT_PATH, tokenEndpoint(dependencies));
  router.get(METADATA_PATH, (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = authorizationServerMetadata(config.publicBaseUrl ?? requestOrigin(ctx));
  });
}

/** Where the client reached us. Not ctx.origin: since Koa 3 that is the Origin request header. */
function requestOrigin(ctx: Context): string {
  return `${ctx.protocol}://${ctx.host}`;
}
