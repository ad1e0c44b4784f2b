import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Which version of each file in migrations/sql (the functions and triggers in force) the database
 * runs: a file is applied again when its checksum changes. Not tenant-owned; requests never read it.
 */
@Entity({ tableName: 'directory_sql_definitions' })
export class SqlDefinition {
  [OptionalProps]?: 'appliedAt';

  @PrimaryKey({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  checksum!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  appliedAt!: Date;
}
