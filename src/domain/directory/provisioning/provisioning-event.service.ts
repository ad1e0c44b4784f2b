import type { Sql } from '../../../platform/db/tenant-transaction';
import { and, fragment } from '../../../platform/db/sql-fragment';
import { planKeysetPage, toPage, type Page, type PageRequest, type SortKey } from '../../../platform/pagination';
import {
  PROVISIONING_EVENTS,
  UNDECLARED_ATTRIBUTES,
  type NewProvisioningEvent,
  type UndeclaredAttributeRecord,
  type ProvisioningEventFilter,
  type ProvisioningEventRecord,
} from './provisioning-event.record';

const MAX_DETAIL_LENGTH = 4000;
const MAX_WARNINGS = 50;
const MAX_WARNING_LENGTH = 1000;
/** Of one request's undeclared attributes, the first this many are counted. */
const MAX_UNDECLARED_PER_REQUEST = 100;
/** A tenant's list of undeclared attributes stops growing here (a client inventing names cannot fill the table). */
export const MAX_UNDECLARED_PER_TENANT = 1000;
const MAX_PATH_LENGTH = 400;

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

  /**
   * Written with the request's commit: an entry exists exactly when the work it describes does.
   * The undeclared attributes it names are counted in the same statement.
   */
  record(event: NewProvisioningEvent): void {
    // Details can quote what a client sent; U+0000 cannot be stored, so it is shown as U+FFFD.
    const text = (value: string | null) => value?.replace(/\u0000/g, '\ufffd') ?? null;
    const warnings = event.warnings
      .slice(0, MAX_WARNINGS)
      .map((warning) => text(warning.slice(0, MAX_WARNING_LENGTH))!);
    const insert = `insert into provisioning_events
         (tenant_id, request_id, method, path, operation, resource_type, resource_id, status, outcome, scim_type, detail, actor, warnings)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, array(select jsonb_array_elements_text(?::jsonb)))`;
    const params = [
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
      JSON.stringify(warnings),
    ];
    const undeclared = distinctPaths(event.undeclaredAttributes ?? []).map((path) => text(path)!);
    if (undeclared.length === 0) {
      this.sql.writeAtCommit({ text: insert, params });
      return;
    }
    this.sql.writeAtCommit({
      text: `with event as (${insert}),
        seen as (select p.path, lower(p.path) as path_key from jsonb_array_elements_text(?::jsonb) as p(path))
       insert into undeclared_extension_attributes as x (tenant_id, path_key, path)
       select ?, seen.path_key, seen.path from seen
        where exists (select 1 from undeclared_extension_attributes y where y.tenant_id = ? and y.path_key = seen.path_key)
           or (select count(*) from undeclared_extension_attributes y where y.tenant_id = ?) < ?
       on conflict (tenant_id, path_key) do update
         set request_count = x.request_count + 1, last_seen_at = now(), path = excluded.path`,
      params: [
        ...params,
        JSON.stringify(undeclared),
        this.sql.tenantId,
        this.sql.tenantId,
        this.sql.tenantId,
        MAX_UNDECLARED_PER_TENANT,
      ],
    });
  }

  /** The extension attributes clients have sent that are not declared, most recently seen first. */
  async undeclaredAttributes(): Promise<UndeclaredAttributeRecord[]> {
    const rows = await this.sql.query<Record<string, unknown>>(
      `select ${UNDECLARED_ATTRIBUTES.select} from undeclared_extension_attributes x
        where x.tenant_id = ? order by x.last_seen_at desc, x.path_key limit ?`,
      [this.sql.tenantId, MAX_UNDECLARED_PER_TENANT],
    );
    return rows.map(UNDECLARED_ATTRIBUTES.fromRow);
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

  /** When the latest logged request was handled (changes and failures; reads are not logged). */
  async lastEventAt(): Promise<Date | null> {
    const [row] = await this.sql.query<{ occurred_at: string | null }>(
      `select max(e.occurred_at) as occurred_at from provisioning_events e where e.tenant_id = ?`,
      [this.sql.tenantId],
    );
    return row?.occurred_at ? new Date(row.occurred_at) : null;
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
  if (filter.operation) parts.push(fragment('e.operation = ?', filter.operation));
  if (filter.resourceType) parts.push(fragment('e.resource_type = ?', filter.resourceType));
  if (filter.resourceId) parts.push(fragment('e.resource_id = ?', filter.resourceId));
  if (filter.occurredAfter) parts.push(fragment('e.occurred_at > ?::timestamptz', filter.occurredAfter.toISOString()));
  if (filter.occurredBefore)
    parts.push(fragment('e.occurred_at < ?::timestamptz', filter.occurredBefore.toISOString()));
  if (filter.hasWarnings != null) {
    parts.push(fragment(filter.hasWarnings ? "e.warnings <> '{}'" : "e.warnings = '{}'"));
  }
  return parts;
}

/** Paths once each (ignoring case), bounded in number and length. */
function distinctPaths(paths: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const path of paths) {
    const bounded = path.slice(0, MAX_PATH_LENGTH);
    if (!seen.has(bounded.toLowerCase())) seen.set(bounded.toLowerCase(), bounded);
    if (seen.size >= MAX_UNDECLARED_PER_REQUEST) break;
  }
  return [...seen.values()];
}
