import { ProvisioningEvent } from '../../../model/provisioning-event.entity';
import { table } from '../../../model/tables';
import type { RecordOf } from '../../../platform/db/entity-table';

/** One SCIM request that changed something or failed, as the provisioning log keeps it. */
export type ProvisioningEventRecord = RecordOf<ProvisioningEvent>;

/** The provisioning log for hand-written SQL, aliased `e`. */
export const PROVISIONING_EVENTS = table(ProvisioningEvent, 'e');

export type NewProvisioningEvent = Omit<ProvisioningEventRecord, 'id' | 'occurredAt'>;

export interface ProvisioningEventFilter {
  outcome?: 'success' | 'failure' | null;
  operation?: string | null;
  resourceType?: string | null;
  resourceId?: string | null;
  occurredAfter?: Date | null;
  occurredBefore?: Date | null;
}
