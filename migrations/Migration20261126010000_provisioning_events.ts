import { Migration } from '@mikro-orm/migrations';
import { tenantIsolation } from './support/tenant-isolation';

/**
 * The provisioning log: one row per SCIM request that changed something or failed, so an admin
 * can see in Evercate what Entra did and why something failed. Never holds a credential.
 */
export class Migration20261126010000_provisioning_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table provisioning_events (
        tenant_id uuid not null,
        id bigint generated always as identity,
        occurred_at timestamptz not null default now(),
        request_id text,
        method text not null,
        path text not null,
        operation text not null,
        resource_type text,
        resource_id text,
        status integer not null,
        outcome text not null,
        scim_type text,
        detail text,
        constraint provisioning_events_pkey primary key (tenant_id, id),
        constraint provisioning_events_tenant_fk foreign key (tenant_id) references tenants (id) on delete cascade,
        constraint provisioning_events_outcome_valid check (outcome in ('success', 'failure'))
      );`);
    this.addSql(`create index provisioning_events_resource_idx on provisioning_events (tenant_id, resource_id, id);`);
    this.addSql(`create index provisioning_events_occurred_at_idx on provisioning_events (tenant_id, occurred_at);`);
    for (const statement of tenantIsolation('provisioning_events', 'select, insert, delete')) this.addSql(statement);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists provisioning_events;`);
  }
}
