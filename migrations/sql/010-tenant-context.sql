-- The tenant a transaction is confined to: app.tenant_id, set per transaction when a request
-- enters its tenant. Every row-level security policy and every tenant condition inside the
-- functions below compares with it.
create or replace function directory_current_tenant() returns uuid
language sql stable parallel safe
as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;
