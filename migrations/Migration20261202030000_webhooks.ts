import { Migration } from '@mikro-orm/migrations';
import { tenantIsolation } from './support/tenant-isolation';

/**
 * Webhooks: a tenant's subscriptions, their signing secrets, where each one's delivery has got to
 * in the change record (its cursor), and the log of delivery attempts. The job queue that shares
 * the delivery work between instances is graphile-worker's, in its own schema (graphile_worker),
 * which it migrates itself.
 */
export class Migration20261202030000_webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table webhook_subscriptions (
        tenant_id uuid not null,
        id uuid not null,
        url text not null,
        description text,
        change_types text[] not null default '{}',
        status text not null default 'active',
        status_reason text,
        status_changed_at timestamptz not null default now(),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint webhook_subscriptions_pkey primary key (tenant_id, id),
        constraint webhook_subscriptions_tenant_fk foreign key (tenant_id) references tenants (id) on delete cascade,
        constraint webhook_subscriptions_status_check check (status in ('active', 'paused', 'disabled'))
      );`);

    this.addSql(`
      create table webhook_secrets (
        tenant_id uuid not null,
        id uuid not null,
        subscription_id uuid not null,
        secret text not null,
        prefix text not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz,
        constraint webhook_secrets_pkey primary key (tenant_id, id),
        constraint webhook_secrets_subscription_fk foreign key (tenant_id, subscription_id)
          references webhook_subscriptions (tenant_id, id) on delete cascade
      );`);
    this.addSql(
      `create index webhook_secrets_subscription_idx on webhook_secrets (tenant_id, subscription_id, created_at);`,
    );

    this.addSql(`
      create table webhook_cursors (
        tenant_id uuid not null,
        subscription_id uuid not null,
        delivered_through bigint not null,
        attempts integer not null default 0,
        failing_since timestamptz,
        retry_at timestamptz,
        updated_at timestamptz not null default now(),
        constraint webhook_cursors_pkey primary key (tenant_id, subscription_id),
        constraint webhook_cursors_subscription_fk foreign key (tenant_id, subscription_id)
          references webhook_subscriptions (tenant_id, id) on delete cascade
      );`);

    this.addSql(`
      create table webhook_deliveries (
        tenant_id uuid not null,
        id bigint generated always as identity,
        subscription_id uuid not null,
        change_seq bigint not null,
        webhook_id text not null,
        change_type text not null,
        attempt integer not null,
        attempted_at timestamptz not null default now(),
        duration_ms integer not null,
        status_code integer,
        outcome text not null,
        error text,
        response_excerpt text,
        next_attempt_at timestamptz,
        constraint webhook_deliveries_pkey primary key (tenant_id, id),
        constraint webhook_deliveries_subscription_fk foreign key (tenant_id, subscription_id)
          references webhook_subscriptions (tenant_id, id) on delete cascade,
        constraint webhook_deliveries_outcome_check check (outcome in ('delivered', 'failed', 'gone'))
      );`);
    this.addSql(
      `create index webhook_deliveries_subscription_idx on webhook_deliveries (tenant_id, subscription_id, id);`,
    );
    // The purge removes old attempts across tenants.
    this.addSql(`create index webhook_deliveries_purge_idx on webhook_deliveries (attempted_at);`);

    for (const table of ['webhook_subscriptions', 'webhook_secrets', 'webhook_cursors', 'webhook_deliveries']) {
      for (const statement of tenantIsolation(table)) this.addSql(statement);
    }
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists webhook_deliveries;`);
    this.addSql(`drop table if exists webhook_cursors;`);
    this.addSql(`drop table if exists webhook_secrets;`);
    this.addSql(`drop table if exists webhook_subscriptions;`);
  }
}
