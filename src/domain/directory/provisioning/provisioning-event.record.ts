/** One SCIM request that changed something or failed, as the provisioning log keeps it. */
export interface ProvisioningEventRecord {
  id: string;
  occurredAt: Date;
  requestId: string | null;
  method: string;
  path: string;
  operation: string;
  resourceType: string | null;
  resourceId: string | null;
  status: number;
  outcome: 'success' | 'failure';
  scimType: string | null;
  detail: string | null;
}

export type NewProvisioningEvent = Omit<ProvisioningEventRecord, 'id' | 'occurredAt'>;

export interface ProvisioningEventFilter {
  outcome?: 'success' | 'failure' | null;
  resourceType?: string | null;
  resourceId?: string | null;
  occurredAfter?: Date | null;
  occurredBefore?: Date | null;
}
