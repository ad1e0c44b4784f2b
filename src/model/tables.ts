import type { EntityClass } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { EntityTable, type RecordOf } from '../platform/db/entity-table';
import { ENTITIES } from './index';

let discovered: MikroORM | undefined;

/**
 * An entity's table for hand-written SQL, under an alias (`table(User, 'u').select`). The
 * metadata is MikroORM's own discovery of the entities, made once without connecting.
 */
export function table<E extends object>(entity: EntityClass<E>, alias: string): EntityTable<RecordOf<E>> {
  discovered ??= MikroORM.initSync({ entities: [...ENTITIES], connect: false, dbName: 'metadata' });
  return new EntityTable<RecordOf<E>>(discovered.getMetadata().get(entity.name), alias);
}
