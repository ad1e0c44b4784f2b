import { ManyToOne, type EntityClass, type Ref } from '@mikro-orm/core';
import { Tenant } from './tenant.entity';

/**
 * The tenant column every tenant-owned table leads its keys with. Row-level security keys on it
 * (the policies live in SQL, see migrations/support/tenant-isolation.ts); deleting a tenant deletes
 * everything it owns. Rows that hang off another tenant-owned row (memberships, reporting lines,
 * email keys) go with that row, so they need no foreign key of their own to tenants: it would only
 * add a check to every one of their many writes.
 */
export function TenantKey(table: string, options: { foreignKey?: boolean } = {}) {
  return ManyToOne(() => Tenant, {
    primary: true,
    fieldName: 'tenant_id',
    deleteRule: 'cascade',
    updateRule: 'no action',
    foreignKeyName: `${table}_tenant_fk`,
    createForeignKeyConstraint: options.foreignKey ?? true,
  });
}

export type TenantRef = Ref<Tenant>;

/**
 * A reference to another object of the same tenant: a composite foreign key (tenant_id, column)
 * whose tenant_id is the row's own, so a row can never point into another tenant.
 */
export function SameTenant<T extends object>(
  /** The entity, or its name where importing it would make a cycle of modules (users ⇄ departments). */
  target: (() => EntityClass<T>) | string,
  options: {
    column: string;
    foreignKeyName: string;
    deleteRule: 'cascade' | 'set null';
    nullable?: boolean;
    primary?: boolean;
  },
) {
  return ManyToOne(target, {
    joinColumns: ['tenant_id', options.column],
    ownColumns: [options.column],
    // PostgreSQL 15 `on delete set null (column)`: only the referencing column is cleared, never tenant_id.
    deleteRule: options.deleteRule === 'set null' ? `set null (${options.column})` : 'cascade',
    updateRule: 'no action',
    foreignKeyName: options.foreignKeyName,
    nullable: options.nullable ?? false,
    primary: options.primary ?? false,
  });
}
