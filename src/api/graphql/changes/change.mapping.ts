import type { DirectoryChangeRecord } from '../../../domain/directory/changes/change-feed.service';
import type { DirectoryChange, DirectoryChangeType, DirectoryObjectType } from './change.types';

/** A change as the API shows it: in directoryChanges, and in the body of a webhook delivery. */
export function changeAsGraphQL(change: DirectoryChangeRecord, cursor: string): DirectoryChange {
  const data = change.data as { from?: string | null; to?: string | null; memberId?: string; memberType?: string };
  return {
    cursor,
    sequence: change.sequence,
    occurredAt: change.occurredAt,
    objectType: change.objectType as DirectoryObjectType,
    objectId: change.objectId,
    changeType: change.changeType as DirectoryChangeType,
    changedFields: change.changedFields,
    previousManagerId: change.changeType === 'manager_changed' ? (data.from ?? null) : null,
    managerId: change.changeType === 'manager_changed' ? (data.to ?? null) : null,
    memberId: data.memberId ?? null,
    memberType: (data.memberType as DirectoryObjectType | undefined) ?? null,
    actor: change.actor,
  };
}
