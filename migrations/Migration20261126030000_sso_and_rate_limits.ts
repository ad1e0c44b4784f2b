import { Migration } from '@mikro-orm/migrations';
import { tenantIsolation } from './support/tenant-isolation';

/**
 * Single sign-on settings (which identity provider's tokens sign a tenant's users in) and the
 * GraphQL rate-limit counters, shared by every instance.
 */
export class Migration20261126030000_sso_and_rate_limits extends Migration {
  override async up(): Promise<void> {
    // One configuration per tenant. Like api_tokens, it is looked up before the tenant is known
    // (by the token's issuer), so its lookup index does not lead with tenant_id; under Citus it
    // would be a reference table. The issuer and audience together must name one tenant, or a
    // token could not tell which tenant it signs into: the second tenant to claim a pair is refused
    // at configuration time rather than breaking the first tenant's sign-ins.
    this.addSql(`
      create table sso_settings (
        tenant_id uuid not null,
        issuer text not null,
        audience text not null,
        jwks_uri text not null,
        user_matching text not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint sso_settings_pkey primary key (tenant_id),
        constraint sso_settings_tenant_fk foreign key (tenant_id) references tenants (id) on delete cascade,
        constraint sso_settings_user_matching_valid
          check (user_matching in ('oid_to_external_id', 'preferred_username_to_user_name')),
        constraint sso_settings_issuer_audience_unique unique (issuer, audience)
      );`);

    // One counter per credential (token id or signed-in user id) per one-minute window. Unlogged:
    // counters are worth no WAL, and losing them in a crash only forgives a minute of requests.
    // The fill factor leaves room on each page so that counting is a HOT update.
    this.addSql(`
      create unlogged table graphql_rate_limits (
        tenant_id uuid not null,
        subject uuid not null,
        window_start timestamptz not null,
        count integer not null,
        constraint graphql_rate_limits_pkey primary key (tenant_id, subject, window_start),
        constraint graphql_rate_limits_tenant_fk foreign key (tenant_id) references tenants (id) on delete cascade
      ) with (fillfactor = 70);`);

    // apiTokens pages by creation time.
    this.addSql(`create index api_tokens_created_at_idx on api_tokens (tenant_id, created_at, id);`);

    for (const table of ['sso_settings', 'graphql_rate_limits']) {
      for (const statement of tenantIsolation(table)) this.addSql(statement);
    }
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists api_tokens_created_at_idx;`);
    this.addSql(`drop table if exists graphql_rate_limits;`);
    this.addSql(`drop table if exists sso_settings;`);
  }
}
