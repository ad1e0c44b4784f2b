import { createReadStream } from 'node:fs';
import path from 'node:path';
import type Router from '@koa/router';
import { repositoryRoot } from '../../../platform/repository-root';
import { ADMIN_PAGE_PATH } from '../../auth/entra/return-path';
import { ENTRA_SIGN_IN_PATH } from '../entra/entra-routes';
import { PAGE_SECURITY_POLICY } from '../entra/result-page';

/** The page's files (admin/ at the repository's root): plain HTML, CSS and one script, no framework. */
const ASSETS: Record<string, string> = {
  'admin.js': 'application/javascript; charset=utf-8',
  'admin.css': 'text/css; charset=utf-8',
};

const adminFile = (name: string) => path.join(repositoryRoot(), 'admin', name);

/**
 * The admin page at /admin, served by the service itself (no CDN: it works without internet
 * access, like GraphiQL): an admin signs in with an admin API token or with Microsoft, connects
 * Microsoft Entra ID, copies the Tenant URL and token, allows single sign-on and reads the
 * provisioning log. It speaks only the public GraphQL API.
 */
export function adminRoutes(router: Router, options: { entraConfigured: boolean }): void {
  router.get(ADMIN_PAGE_PATH, (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('Content-Security-Policy', PAGE_SECURITY_POLICY);
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.body = createReadStream(adminFile('index.html'));
  });

  // What the static page cannot know: whether "Sign in with Microsoft" can work here.
  router.get(`${ADMIN_PAGE_PATH}/settings.json`, (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { entraSignInUrl: options.entraConfigured ? ENTRA_SIGN_IN_PATH : null };
  });

  router.get(`${ADMIN_PAGE_PATH}/assets/:name`, (ctx) => {
    const type = ASSETS[ctx.params.name!];
    if (!type) {
      ctx.status = 404;
      return;
    }
    ctx.type = type;
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = createReadStream(adminFile(ctx.params.name!));
  });
}
