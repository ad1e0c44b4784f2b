import { ProvisioningEvent } from '../../../model/provisioning-event.entity';
import { UndeclaredExtensionAttribute } from '../../../model/undeclared-extension-attribute.entity';
import { table } from '../../../model/tables';
import type { RecordOf } from '../../../platform/db/entity-table';

/** One SCIM request that changed something or failed, as the provisioning log keeps it. */
export type ProvisioningEventRecord = RecordOf<ProvisioningEvent>;

/** The provisioning log for hand-written SQL, aliased `e`. */
export const PROVISIONING_EVENTS = table(ProvisioningEvent, 'e');

export type NewProvisioningEvent = Omit<ProvisioningEventRecord, 'id' | 'occurredAt'> & {
  /** Extension attributes the request carried that the tenant has not declared (`<schema>:<name>`). */
  undeclaredAttributes?: readonly string[];
};

/** An extension attribute clients have been sending that the tenant has not declared. */
export type UndeclaredAttributeRecord = Omit<RecordOf<UndeclaredExtensionAttribute>, 'pathKey'>;

export const UNDECLARED_ATTRIBUTES = table(UndeclaredExtensionAttribute, 'x');

export interface ProvisioningEventFilter {
  outcome?: 'success' | 'failure' | null;
  operation?: string | null;
  resourceType?: string | null;
  resourceId?: string | null;
  occurredAfter?: Date | null;
  occurredBefore?: Date | null;
  hasWarnings?: boolean | null;
}
