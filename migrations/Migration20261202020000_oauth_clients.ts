import { Migration } from '@mikro-orm/migrations';
import { tenantIsolation } from './support/tenant-isolation';

/**
 * OAuth 2.0 clients (client credentials and workload identity federation) for Entra's
 * provisioning: the clients with their secrets, the access tokens they get, the assertion ids
 * already used, the token endpoint's failure counters, and who made each provisioning log entry.
 */
export class Migration20261202020000_oauth_clients extends Migration {
  override async up(): Promise<void> {
    // The id is the client id Entra sends to the token endpoint before any tenant is known, so it is
    // unique on its own too (as api_tokens' secret hash is); under Citus this would be a reference table.
    this.addSql(`
      create table oauth_clients (
        tenant_id uuid not null,
        id uuid not null,
        name text not null,
        kind text not null,
        access_token_lifetime_minutes integer not null default 60,
        federated_issuer text,
        federated_subject text,
        federated_audiences text[],
        jwks_uri text,
        created_at timestamptz not null default now(),
        last_used_at timestamptz,
        last_failed_at timestamptz,
        last_failure text,
        revoked_at timestamptz,
        constraint oauth_clients_pkey primary key (tenant_id, id),
        constraint oauth_clients_tenant_fk foreign key (tenant_id) references tenants (id) on delete cascade,
        constraint oauth_clients_id_unique unique (id),
        constraint oauth_clients_kind_check check (kind in ('secret', 'federated')),
        constraint oauth_clients_token_lifetime_range
          check (access_token_lifetime_minutes >= 60 and access_token_lifetime_minutes <= 360),
        -- A federated client has all of its federation settings, a secret client none.
        constraint oauth_clients_federation_by_kind check (
          (kind = 'federated' and num_nulls(federated_issuer, federated_subject, federated_audiences, jwks_uri) = 0
            and cardinality(federated_audiences) > 0)
          or (kind = 'secret' and num_nonnulls(federated_issuer, federated_subject, federated_audiences, jwks_uri) = 0))
      );`);
    this.addSql(`create index oauth_clients_created_at_idx on oauth_clients (tenant_id, created_at, id);`);

    this.addSql(`
      create table oauth_client_secrets (
        tenant_id uuid not null,
        id uuid not null,
        client_id uuid not null,
        prefix text not null,
        secret_hash bytea not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        last_used_at timestamptz,
        revoked_at timestamptz,
        constraint oauth_client_secrets_pkey primary key (tenant_id, id),
        constraint oauth_client_secrets_client_fk foreign key (tenant_id, client_id)
          references oauth_clients (tenant_id, id) on delete cascade
      );`);
    this.addSql(
      `create index oauth_client_secrets_client_idx on oauth_client_secrets (tenant_id, client_id, created_at);`,
    );

    // Looked up by hash in the first statement of a SCIM request, before the tenant is known.
    this.addSql(`
      create table oauth_access_tokens (
        tenant_id uuid not null,
        id uuid not null,
        client_id uuid not null,
        secret_id uuid,
        token_hash bytea not null,
        issued_at timestamptz not null default now(),
        expires_at timestamptz not null,
        constraint oauth_access_tokens_pkey primary key (tenant_id, id),
        constraint oauth_access_tokens_client_fk foreign key (tenant_id, client_id)
          references oauth_clients (tenant_id, id) on delete cascade,
        constraint oauth_access_tokens_secret_fk foreign key (tenant_id, secret_id)
          references oauth_client_secrets (tenant_id, id) on delete cascade,
        constraint oauth_access_tokens_token_hash_unique unique (token_hash)
      );`);
    this.addSql(
      `create index oauth_access_tokens_client_idx on oauth_access_tokens (tenant_id, client_id, expires_at);`,
    );

    for (const table of ['oauth_clients', 'oauth_client_secrets', 'oauth_access_tokens']) {
      for (const statement of tenantIsolation(table)) this.addSql(statement);
    }

    // Neither is tenant-owned (see the entities): only the token endpoint uses them, as the
    // connecting role, so the request role gets no privileges on them.
    this.addSql(`
      create table oauth_used_assertions (
        issuer text not null,
        jti text not null,
        expires_at timestamptz not null,
        constraint oauth_used_assertions_pkey primary key (issuer, jti)
      );`);
    this.addSql(`create index oauth_used_assertions_expires_at_idx on oauth_used_assertions (expires_at);`);
    // Unlogged and with room on each page, as graphql_rate_limits: counters are worth no WAL.
    this.addSql(`
      create unlogged table oauth_failure_windows (
        kind text not null,
        subject text not null,
        window_start timestamptz not null,
        count integer not null,
        constraint oauth_failure_windows_pkey primary key (kind, subject, window_start),
        constraint oauth_failure_windows_kind_check check (kind in ('client', 'source', 'client_source'))
      ) with (fillfactor = 70);`);

    this.addSql(`alter table provisioning_events add column actor text;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table provisioning_events drop column if exists actor;`);
    for (const table of [
      'oauth_failure_windows',
      'oauth_used_assertions',
      'oauth_access_tokens',
      'oauth_client_secrets',
      'oauth_clients',
    ]) {
      this.addSql(`drop table if exists ${table};`);
    }
  }
}
