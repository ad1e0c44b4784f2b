/**
 * What puts a tenant-owned table under row-level security: only the current tenant's rows
 * (directory_current_tenant(), set per transaction) can be read or written, and the request role
 * gets the privileges it needs. The one definition of the policy every tenant-owned table has.
 */
export function tenantIsolation(table: string, privileges = 'select, insert, update, delete'): string[] {
  return [
    `alter table ${table} enable row level security;`,
    `create policy ${table}_tenant_isolation on ${table}
       using (tenant_id = directory_current_tenant())
       with check (tenant_id = directory_current_tenant());`,
    `grant ${privileges} on ${table} to evercate_directory_request;`,
  ];
}
