import { Check, Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** One Evercate account. Owns every user, group, department and credential. */
@Entity({ tableName: 'tenants' })
@Check({ name: 'tenants_name_not_blank', expression: "btrim(name) <> ''" })
export class Tenant {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;
}
