import type Router from '@koa/router';
import type { Database } from '../../platform/db/database';

/** `/healthz`: the process runs. `/readyz`: the database answers too (a load balancer's check). */
export function healthRoutes(router: Router, database: Database): void {
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    try {
      await database.ping();
      ctx.body = { status: 'ready' };
    } catch {
      ctx.status = 503;
      ctx.body = { status: 'unavailable', detail: 'The database is not reachable.' };
    }
  });
}
