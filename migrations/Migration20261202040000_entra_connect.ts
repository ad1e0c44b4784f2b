import { Migration } from '@mikro-orm/migrations';
import { tenantIsolation } from './support/tenant-isolation';

/**
 * "Connect Microsoft Entra ID": a tenant's connection to its Entra tenant, the sign-ins under way
 * (kept here so that any instance can take Microsoft's callback), and single sign-on that can be
 * configured but off, with an app role that makes a signed-in user an admin.
 */
export class Migration20261202040000_entra_connect extends Migration {
  override async up(): Promise<void> {
    // Settings typed in with ssoSettingsUpdate stay as they were: on, signed-in users read.
    this.addSql(`
      alter table sso_settings
        add column sign_in_allowed boolean not null default true,
        add column admin_role text null;`);

    // One connection per tenant; an Entra tenant connects to one Evercate tenant only, so that
    // unique index spans tenants (like sso_settings_issuer_audience_unique).
    this.addSql(`
      create table entra_connections (
        tenant_id uuid not null,
        entra_tenant_id uuid not null,
        issuer text not null,
        application_id text not null,
        connected_at timestamptz not null default now(),
        connected_by text not null,
        connected_by_object_id uuid not null,
        constraint entra_connections_pkey primary key (tenant_id),
        constraint entra_connections_tenant_fk foreign key (tenant_id) references tenants (id) on delete cascade,
        constraint entra_connections_entra_tenant_unique unique (entra_tenant_id)
      );`);

    // Looked up by state at the callback, before the tenant is known (like api_tokens by hash).
    this.addSql(`
      create table entra_connect_requests (
        tenant_id uuid not null,
        state_hash bytea not null,
        browser_binding_hash bytea not null,
        nonce text not null,
        code_verifier text not null,
        return_path text not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        constraint entra_connect_requests_pkey primary key (tenant_id, state_hash),
        constraint entra_connect_requests_tenant_fk foreign key (tenant_id) references tenants (id) on delete cascade,
        constraint entra_connect_requests_state_unique unique (state_hash)
      );`);

    // No tenant yet: the verified ID token decides it. Only the service's own role uses it.
    this.addSql(`
      create table entra_sign_in_requests (
        state_hash bytea not null,
        browser_binding_hash bytea not null,
        nonce text not null,
        code_verifier text not null,
        return_path text not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        constraint entra_sign_in_requests_pkey primary key (state_hash)
      );`);
    this.addSql(`create index entra_sign_in_requests_expires_at_idx on entra_sign_in_requests (expires_at);`);

    for (const statement of tenantIsolation('entra_connections')) this.addSql(statement);
    for (const statement of tenantIsolation('entra_connect_requests', 'select, insert, delete')) {
      this.addSql(statement);
    }
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists entra_sign_in_requests;`);
    this.addSql(`drop table if exists entra_connect_requests;`);
    this.addSql(`drop table if exists entra_connections;`);
    this.addSql(`alter table sso_settings drop column if exists admin_role, drop column if exists sign_in_allowed;`);
  }
}
