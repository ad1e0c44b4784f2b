import type { Sql } from '../../../platform/db/tenant-transaction';
import { and, fragment } from '../../../platform/db/sql-fragment';
import { planKeysetPage, toPage, type Page, type PageRequest, type SortKey } from '../../../platform/pagination';
import {
  PROVISIONING_EVENTS,
  type NewProvisioningEvent,
  type ProvisioningEventFilter,
  type ProvisioningEventRecord,
} from './provisioning-event.record';

const MAX_DETAIL_LENGTH = 4000;

/** Newest first; ids grow with time, so the primary key orders the log. */
const NEWEST_FIRST: SortKey = {
  name: 'provisioning:ID:desc',
  expression: 'e.id',
  type: 'bigint',
  unique: true,
  descending: true,
};

export class ProvisioningEventService {
  constructor(private readonly sql: Sql) {}

  /** Written with the request's commit: an entry exists exactly when the work it describes does. */
  record(event: NewProvisioningEvent): void {
    // Details can quote what a client sent; U+0000 cannot be stored, so it is shown as U+FFFD.
    const text = (value: string | null) => value?.replace(/\u0000/g, '\ufffd') ?? null;
    this.sql.writeAtCommit({
      text: `insert into provisioning_events
         (tenant_id, request_id, method, path, operation, resource_type, resource_id, status, outcome, scim_type, detail, actor)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      params: [
        this.sql.tenantId,
        text(event.requestId),
        event.method,
        text(event.path.slice(0, 2000)),
        event.operation,
        event.resourceType,
        text(event.resourceId),
        event.status,
        event.outcome,
        event.scimType,
        text(event.detail?.slice(0, MAX_DETAIL_LENGTH) ?? null),
        event.actor,
      ],
    });
  }

  async list(
    filter: ProvisioningEventFilter | null | undefined,
    page: PageRequest,
  ): Promise<Page<ProvisioningEventRecord>> {
    const plan = planKeysetPage(NEWEST_FIRST, 'e.id', page);
    const where = and([fragment('e.tenant_id = ?', this.sql.tenantId), ...conditions(filter), plan.after]);
    const rows = await this.sql.query<{ id: string; sort_key: string }>(
      `select ${PROVISIONING_EVENTS.select}, ${plan.sortKeySelect}
         from provisioning_events e where ${where.text} order by ${plan.orderBy} limit ? offset ?`,
      [...where.params, plan.limit, plan.offset],
    );
    return toPage(rows, NEWEST_FIRST, page, PROVISIONING_EVENTS.fromRow);
  }

  async count(filter: ProvisioningEventFilter | null | undefined): Promise<number> {
    const where = and([fragment('e.tenant_id = ?', this.sql.tenantId), ...conditions(filter)]);
    const [row] = await this.sql.query<{ count: number }>(
      `select count(*)::int as count from provisioning_events e where ${where.text}`,
      where.params,
    );
    return row?.count ?? 0;
  }
}

function conditions(filter: ProvisioningEventFilter | null | undefined) {
  if (!filter) return [];
  const parts = [];
  if (filter.outcome) parts.push(fragment('e.outcome = ?', filter.outcome));
  if (filter.resourceType) parts.push(fragment('e.resource_type = ?', filter.resourceType));
  if (filter.resourceId) parts.push(fragment('e.resource_id = ?', filter.resourceId));
  if (filter.occurredAfter) parts.push(fragment('e.occurred_at > ?::timestamptz', filter.occurredAfter.toISOString()));
  if (filter.occurredBefore)
    parts.push(fragment('e.occurred_at < ?::timestamptz', filter.occurredBefore.toISOString()));
  return parts;
}
