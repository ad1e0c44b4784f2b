import type { EntityMetadata, EntityProperty, Hidden, Ref } from '@mikro-orm/core';

type ReferenceKeys<E> = { [K in keyof E]-?: NonNullable<E[K]> extends Ref<object> ? K : never }[keyof E];
/**
 * Hidden<T> is T and an optional brand, so any object with a string index signature (a jsonb
 * map such as users.extension_values) would pass for hidden too: those are not.
 */
type HiddenKeys<E> = {
  [K in keyof E]-?: E[K] extends Hidden ? (string extends keyof NonNullable<E[K]> ? never : K) : never;
}[keyof E];

/**
 * An entity's row as services pass it around: its own columns by property name, each reference
 * as `<name>Id` (a user's `manager` is `managerId`), without the tenant (implied by the
 * transaction) and without hidden columns (lookup keys and search text PostgreSQL computes).
 */
export type RecordOf<E> = {
  -readonly [K in Exclude<keyof E, ReferenceKeys<E> | HiddenKeys<E> | symbol>]: E[K];
} & {
  -readonly [K in Exclude<ReferenceKeys<E>, 'tenant'> as `${K & string}Id`]: null extends E[K] ? string | null : string;
};

export type ColumnKind =
  | 'text'
  | 'uuid'
  | 'boolean'
  | 'integer'
  | 'bigint'
  | 'jsonb'
  | 'timestamptz'
  | 'text[]'
  | 'bytea';

/**
 * Which record keys a read fills, for a caller that reads no others (a GraphQL list selecting a
 * few fields): the id always comes too, and every other key is left undefined. Undefined: all.
 */
export type ColumnChoice<R> = readonly (keyof R & string)[] | undefined;

/** A column of a record, as hand-written SQL reads and writes it. */
export interface RecordColumn {
  /** The record's key: the property name, or `<name>Id` for a reference. */
  key: string;
  column: string;
  kind: ColumnKind;
}

/**
 * What hand-written SQL needs to know of an entity's table, derived from its MikroORM metadata:
 * the select list, the row-to-record mapping, each column's name and how to pass its values.
 * Services write their statements; the columns come from here, never typed again.
 */
export class EntityTable<R> {
  readonly name: string;
  /** The record's columns, in the entity's order. */
  readonly columns: readonly RecordColumn[];
  /** Every stored column that can be written (the tenant's included; not what PostgreSQL computes). */
  readonly storedColumns: readonly string[];
  /** `u.id, u.external_id, …`: the record's columns, qualified by the alias. */
  readonly select: string;
  /** A row selected with `select` as the record (timestamps arrive as text and become Dates). */
  readonly fromRow: (row: object) => R;
  private readonly byKey: ReadonlyMap<string, RecordColumn>;
  private readonly lookupKeys: ReadonlyMap<string, string>;
  private readonly instants: ReadonlyMap<string, string>;
  /** selectOf's lists by choice; clients choose fields, so forgetting all at a cap bounds it. */
  private readonly chosenSelects = new Map<string, string>();

  constructor(
    metadata: EntityMetadata,
    readonly alias: string,
  ) {
    this.name = metadata.tableName;
    this.columns = metadata.props.flatMap((prop) => recordColumn(metadata, prop));
    this.storedColumns = metadata.props.flatMap((prop) =>
      prop.persist === false || prop.generated ? [] : (prop.ownColumns ?? prop.fieldNames),
    );
    this.select = this.columns.map((column) => `${alias}.${column.column}`).join(', ');
    this.byKey = new Map(this.columns.map((column) => [column.key, column]));
    this.fromRow = compileRowMapping<R>(this.columns);
    this.lookupKeys = new Map(
      metadata.props
        .filter((prop) => prop.hidden && prop.generated && prop.name.endsWith('Key'))
        .map((prop) => [prop.name.slice(0, -'Key'.length), prop.fieldNames[0]!]),
    );
    this.instants = new Map(
      metadata.props
        .filter((prop) => prop.hidden && prop.generated && prop.name.endsWith('Instant'))
        .map((prop) => [prop.name.slice(0, -'Instant'.length), prop.fieldNames[0]!]),
    );
  }

  /** Whether the record has this key (a column of its own, or `<name>Id` for a reference). */
  hasKey(key: string): boolean {
    return this.byKey.has(key);
  }

  /**
   * `select` narrowed to the chosen keys' columns and the id: fewer columns to read, send and
   * parse where the caller reads only those (a page of 100 reports showing names).
   */
  selectOf(choice: ColumnChoice<R>): string {
    if (choice === undefined) return this.select;
    const cacheKey = choice.join(',');
    let select = this.chosenSelects.get(cacheKey);
    if (select === undefined) {
      const chosen = new Set<string>(['id', ...choice]);
      for (const key of chosen) this.columnOf(key as keyof R & string);
      select = this.columns
        .filter((column) => chosen.has(column.key))
        .map((column) => `${this.alias}.${column.column}`)
        .join(', ');
      if (this.chosenSelects.size >= 1_000) this.chosenSelects.clear();
      this.chosenSelects.set(cacheKey, select);
    }
    return select;
  }

  /**
   * The stored instant of a date-time kept as text (`startDateInstant` for `startDate`),
   * qualified, when the entity has one: filters and sorting compare it. It is -infinity when the
   * text is null, so that keyset pages can order by it.
   */
  instantOf(key: keyof R & string): string | undefined {
    const column = this.instants.get(key);
    return column === undefined ? undefined : `${this.alias}.${column}`;
  }

  /**
   * The stored lower-cased copy of a column (`userNameKey` for `userName`), qualified, when the
   * entity has one: lookups and sorts compare it with plain `=` and `<`, which row-level security
   * lets an index serve.
   */
  lookupKey(key: keyof R & string): string | undefined {
    const column = this.lookupKeys.get(key);
    return column === undefined ? undefined : `${this.alias}.${column}`;
  }

  /** `u.user_name` for `userName`. */
  column(key: keyof R & string): string {
    return `${this.alias}.${this.columnOf(key).column}`;
  }

  columnOf(key: keyof R & string): RecordColumn {
    const column = this.byKey.get(key);
    if (!column) throw new Error(`${this.name} has no column for ${key}`);
    return column;
  }

  /** The placeholder for a value of this column (jsonb and uuid values are cast). */
  placeholder(key: keyof R & string): string {
    const { kind } = this.columnOf(key);
    return kind === 'jsonb' ? '?::jsonb' : kind === 'uuid' ? '?::uuid' : '?';
  }

  /** A value as the driver sends it for this column. */
  parameter(key: keyof R & string, value: unknown): unknown {
    return this.columnOf(key).kind === 'jsonb' ? JSON.stringify(value ?? []) : (value ?? null);
  }
}

/**
 * The row-to-record mapping as one object literal with every key: V8 then gives all records of a
 * table one shape, where a loop adding some 40 keys to an empty object ends in a slow dictionary
 * (about four times slower to build, and a page of 100 users with their managers and groups maps
 * over a thousand rows). The keys and column names are the entity's, never a client's.
 */
function compileRowMapping<R>(columns: readonly RecordColumn[]): (row: object) => R {
  const value = (column: RecordColumn) =>
    column.kind === 'timestamptz'
      ? `toDate(row[${JSON.stringify(column.column)}])`
      : `row[${JSON.stringify(column.column)}]`;
  const literal = columns.map((column) => `${JSON.stringify(column.key)}: ${value(column)}`).join(', ');
  return new Function('toDate', `return (row) => ({ ${literal} });`)(toDate) as (row: object) => R;
}

/** The driver already gives a Date; rows built in SQL as JSON (json_agg) give the ISO text. */
function toDate(value: unknown): unknown {
  return value === null || value === undefined || value instanceof Date ? value : new Date(value as string);
}

function recordColumn(metadata: EntityMetadata, prop: EntityProperty): RecordColumn[] {
  if (prop.hidden || prop.persist === false) return [];
  if (prop.kind === 'm:1' || prop.kind === '1:1') {
    if (prop.primary && prop.targetMeta?.className === 'Tenant') return [];
    const [column] = prop.ownColumns ?? prop.fieldNames;
    return [{ key: `${prop.name}Id`, column: column!, kind: 'uuid' }];
  }
  return [{ key: prop.name, column: prop.fieldNames[0]!, kind: columnKind(metadata, prop) }];
}

function columnKind(metadata: EntityMetadata, prop: EntityProperty): ColumnKind {
  const type = (prop.columnTypes?.[0] ?? prop.type).toLowerCase();
  if (type === 'timestamptz' || type.startsWith('timestamp')) return 'timestamptz';
  if (type === 'jsonb' || type === 'json') return 'jsonb';
  if (type === 'text[]') return 'text[]';
  if (type === 'uuid') return 'uuid';
  if (type === 'boolean') return 'boolean';
  if (type === 'int' || type === 'integer' || type === 'int4') return 'integer';
  if (type === 'bigint' || type === 'int8') return 'bigint';
  if (type === 'bytea') return 'bytea';
  if (type === 'text' || prop.enum) return 'text';
  throw new Error(`${metadata.className}.${prop.name}: no column kind for type ${type}`);
}
