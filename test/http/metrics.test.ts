import { createMetrics } from '../../src/api/http/metrics';
import { createLogger } from '../../src/platform/logger';
import { createUser, graphqlClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';
import { parsePrometheus, samplesOf } from '../support/prometheus';
import { scimClient } from '../scim/support/scim-client';
import { Receiver, eventually } from '../webhooks/support/receiver';
import { createWebhook } from '../webhooks/support/webhooks';

let service: TestService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

describe('metrics', () => {
  it('are off unless METRICS=true', async () => {
    service = await startTestService();
    expect((await service.http.get('/metrics')).status).toBe(404);
  });

  it('count HTTP requests by edge, route template and status class, and SCIM operations by method and outcome, with no tenant or user data', async () => {
    service = await startTestService({ METRICS: 'true' });
    const tenant = await service.createTenant();
    const client = graphqlClient(service, tenant.graphqlToken);
    const user = await createUser(client, { userName: 'counted@example.com' });
    const scim = scimClient(service, tenant.scimToken);
    await scim.get(`/v2/Users/${user.id}`);
    await scim.get('/v2/Users/7b2f5e1c-0000-4000-8000-000000000000');
    await scim.post('/v2/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'scim@example.com',
    });
    await service.http.get('/no/such/path');
    await service.http.get('/healthz');

    const response = await service.http.get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const { samples, types } = parsePrometheus(response.text);
    expect(types.get('evercate_http_requests_total')).toBe('counter');
    expect(types.get('evercate_http_request_duration_seconds')).toBe('histogram');

    const requests = (labels: Record<string, string>) =>
      samplesOf(samples, 'evercate_http_requests_total', labels).reduce((sum, sample) => sum + sample.value, 0);
    expect(
      requests({ edge: 'graphql', route: '/graphql', method: 'POST', status_class: '2xx' }),
    ).toBeGreaterThanOrEqual(1);
    expect(requests({ edge: 'scim', route: '/Users/:id', method: 'GET', status_class: '2xx' })).toBe(1);
    expect(requests({ edge: 'scim', route: '/Users/:id', method: 'GET', status_class: '4xx' })).toBe(1);
    expect(requests({ edge: 'scim', route: '/Users', method: 'POST', status_class: '2xx' })).toBe(1);
    expect(requests({ edge: 'other', route: 'unmatched', status_class: '4xx' })).toBe(1);
    expect(requests({ edge: 'other', route: '/healthz', status_class: '2xx' })).toBe(1);
    const buckets = samplesOf(samples, 'evercate_http_request_duration_seconds_bucket', {
      edge: 'scim',
      route: '/Users',
    });
    expect(buckets.map((bucket) => bucket.labels.le)).toContain('+Inf');
    expect(buckets.find((bucket) => bucket.labels.le === '+Inf')!.value).toBe(1);

    const scimOperations = (labels: Record<string, string>) =>
      samplesOf(samples, 'evercate_scim_operations_total', labels)[0]?.value;
    expect(scimOperations({ method: 'GET', resource: 'User', outcome: 'success' })).toBe(1);
    expect(scimOperations({ method: 'GET', resource: 'User', outcome: 'client_error' })).toBe(1);
    expect(scimOperations({ method: 'POST', resource: 'Users', outcome: 'success' })).toBe(1);

    // Labels carry no ids, names or tokens.
    for (const secret of [tenant.tenantId, user.id, 'counted@example.com', 'scim@example.com', tenant.scimToken]) {
      expect(response.text).not.toContain(secret);
    }
  });

  it('show the database pool: its size, connections in use and requests waiting', async () => {
    service = await startTestService({ METRICS: 'true' });
    await graphqlClient(service, (await service.createTenant()).graphqlToken).query('{ users { totalCount } }');
    const { samples } = parsePrometheus((await service.http.get('/metrics')).text);
    const gauge = (name: string) => samplesOf(samples, name)[0]?.value;
    expect(gauge('evercate_db_pool_max')).toBe(4);
    expect(gauge('evercate_db_pool_size')).toBeGreaterThanOrEqual(1);
    expect(gauge('evercate_db_pool_size')).toBeLessThanOrEqual(4);
    expect(gauge('evercate_db_pool_in_use')).toBeGreaterThanOrEqual(0);
    expect(gauge('evercate_db_pool_waiting')).toBe(0);
    expect(samplesOf(samples, 'nodejs_eventloop_lag_seconds')).toHaveLength(1);
  });

  it('show webhook deliveries, failures, queue depth and the oldest undelivered age', async () => {
    const hooks = await Receiver.start();
    try {
      hooks.answer = () => ({ status: 500 });
      service = await startTestService(
        {
          METRICS: 'true',
          WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
          WEBHOOK_POLL_INTERVAL_MS: '50',
          WEBHOOK_RETRY_FIRST_DELAY_MS: '60000',
        },
        { webhookWorker: true, database: 'own' },
      );
      const tenant = await service.createTenant();
      const client = graphqlClient(service, tenant.graphqlToken);
      await createWebhook(client, { url: hooks.url });
      await createUser(client, { userName: 'waiting@example.com' });
      await hooks.waitFor(1);
      const on = service;
      const { samples } = await eventually(async () => {
        const parsed = parsePrometheus((await on.http.get('/metrics')).text);
        return samplesOf(parsed.samples, 'evercate_webhook_delivery_failures_total', { reason: 'status' })[0] && parsed;
      });
      const value = (name: string, labels: Record<string, string> = {}) => samplesOf(samples, name, labels)[0]?.value;
      expect(value('evercate_webhook_deliveries_total', { outcome: 'failed' })).toBe(1);
      expect(value('evercate_webhook_delivery_failures_total', { reason: 'status' })).toBe(1);
      expect(value('evercate_webhook_delivery_duration_seconds_count', { outcome: 'failed' })).toBe(1);
      expect(value('evercate_webhook_queue_depth')).toBeGreaterThanOrEqual(1);
      expect(value('evercate_webhook_webhooks_behind')).toBeGreaterThanOrEqual(1);
      expect(value('evercate_webhook_oldest_undelivered_age_seconds')).toBeGreaterThan(0);
    } finally {
      await hooks.close();
    }
  });

  it('count purge runs by outcome, with what they removed', async () => {
    const log = createLogger('silent');
    service = await startTestService();
    const metrics = createMetrics({ enabled: true, database: service.database, log });
    metrics.purgeRun('success', { changes: 3, deletedObjects: 1 });
    metrics.purgeRun('skipped');
    metrics.purgeRun('failure');
    const { samples } = parsePrometheus((await metrics.render()).body);
    expect(
      samplesOf(samples, 'evercate_purge_runs_total')
        .map((s) => [s.labels.outcome, s.value])
        .sort(),
    ).toEqual([
      ['failure', 1],
      ['skipped', 1],
      ['success', 1],
    ]);
    expect(samplesOf(samples, 'evercate_purge_removed_total', { kind: 'changes' })[0]?.value).toBe(3);
    expect(samplesOf(samples, 'evercate_purge_last_success_timestamp_seconds')[0]!.value).toBeGreaterThan(
      Date.now() / 1000 - 60,
    );
  });

  it('can be served on a port of their own (METRICS_PORT), and then not on the service port', async () => {
    service = await startTestService({ METRICS: 'true', METRICS_PORT: '0' });
    expect((await service.http.get('/metrics')).status).toBe(404);
    const response = await fetch(`${service.metricsUrl}/metrics`);
    expect(response.status).toBe(200);
    const { samples } = parsePrometheus(await response.text());
    expect(samplesOf(samples, 'evercate_db_pool_max')).toHaveLength(1);
  });
});
