import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantKey, type TenantRef } from './tenant-owned';

/**
 * Requests of one credential (API token or signed-in user) in one one-minute window, shared by
 * every instance. The table is unlogged with a fill factor of 70 (see the migration): counters are
 * worth no WAL, and room on each page keeps counting a HOT update.
 */
@Entity({ tableName: 'graphql_rate_limits' })
export class RateLimitWindow {
  @TenantKey('graphql_rate_limits')
  tenant!: TenantRef;

  @PrimaryKey({ type: 'uuid' })
  subject!: string;

  @PrimaryKey({ type: 'datetime', columnType: 'timestamptz' })
  windowStart!: Date;

  @Property({ type: 'integer' })
  count!: number;
}
