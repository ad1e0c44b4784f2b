import { Entity, OptionalProps, Property } from '@mikro-orm/core';
import { TenantKey, type TenantRef } from './tenant-owned';

/**
 * A tenant's change sequence. Each writing transaction updates it as its last statement before
 * commit, so sequence order is commit order and a reader that has seen n has seen every change up
 * to n.
 */
@Entity({ tableName: 'directory_change_counters' })
export class DirectoryChangeCounter {
  [OptionalProps]?: 'purgedThrough';

  @TenantKey('directory_change_counters')
  tenant!: TenantRef;

  @Property({ type: 'bigint', columnType: 'bigint' })
  lastSeq!: string;

  /** Changes up to this sequence number have been purged; an older cursor must read the state again. */
  @Property({ type: 'bigint', columnType: 'bigint', default: 0 })
  purgedThrough!: string;
}
