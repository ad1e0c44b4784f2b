import { randomUUID } from 'node:crypto';
import type { Sql } from '../../../platform/db/tenant-transaction';
import { DomainError, InvalidInputError, NotFoundError } from '../../../platform/errors';
import type { Change, ChangeRecorder } from '../changes/change-recorder';
import {
  EXTENSION_ATTRIBUTES,
  valueKey,
  type ExtensionAttributeKind,
  type ExtensionAttributeName,
  type ExtensionAttributeRecord,
} from './extension-attribute.record';
import {
  MAX_EXTENSION_ATTRIBUTES,
  validAttributeName,
  validDescription,
  validSchemaUrn,
} from './extension-attribute.validation';

export interface NewExtensionAttribute extends ExtensionAttributeName {
  type: ExtensionAttributeKind;
  description?: string | null;
  caseExact?: boolean | null;
  isUnique?: boolean | null;
}

export interface ExtensionAttributeChanges extends ExtensionAttributeName {
  description?: string | null;
  caseExact?: boolean | null;
  isUnique?: boolean | null;
}

type Row = Record<string, unknown>;

/** The declarations of these attributes (ignoring case), by lower-cased `<schema>:<name>`, in one statement. */
export async function findDeclarations(
  sql: Sql,
  names: readonly ExtensionAttributeName[],
): Promise<Map<string, ExtensionAttributeRecord>> {
  const keys = [...new Set(names.map((name) => valueKey(name).toLowerCase()))];
  if (keys.length === 0) return new Map();
  const rows = await sql.query<Row>(
    `select ${EXTENSION_ATTRIBUTES.select} from extension_attributes a
      where a.tenant_id = ? and a.path_key in (select jsonb_array_elements_text(?::jsonb))`,
    [sql.tenantId, JSON.stringify(keys)],
  );
  return new Map(
    rows.map(EXTENSION_ATTRIBUTES.fromRow).map((record) => [valueKey(record).toLowerCase(), record] as const),
  );
}

/**
 * The extension attributes a tenant declares: what its identity provider may write under a schema
 * of its own. Schema, name and type never change (delete and declare again to change the type);
 * a declaration with values is deleted only when told to drop them.
 */
export class ExtensionAttributeService {
  constructor(
    private readonly sql: Sql,
    private readonly changes: ChangeRecorder,
  ) {}

  /** Every declaration, by schema and name. */
  async list(): Promise<ExtensionAttributeRecord[]> {
    const rows = await this.sql.query<Row>(
      `select ${EXTENSION_ATTRIBUTES.select} from extension_attributes a where a.tenant_id = ? order by a.path_key`,
      [this.sql.tenantId],
    );
    return rows.map(EXTENSION_ATTRIBUTES.fromRow);
  }

  /** The declarations of these attributes (ignoring case), by lower-cased `<schema>:<name>`. */
  findMany(names: readonly ExtensionAttributeName[]): Promise<Map<string, ExtensionAttributeRecord>> {
    return findDeclarations(this.sql, names);
  }

  async require(name: ExtensionAttributeName): Promise<ExtensionAttributeRecord> {
    const found = (await this.findMany([name])).get(valueKey(name).toLowerCase());
    if (!found) {
      throw new NotFoundError('Extension attribute', valueKey(name), ['name']);
    }
    return found;
  }

  async create(input: NewExtensionAttribute): Promise<ExtensionAttributeRecord> {
    const schema = validSchemaUrn(input.schema);
    const name = validAttributeName(input.name);
    const description = validDescription(input.description);
    // Counted and inserted in one statement; two racing declarations of one attribute meet at the
    // unique index, and the second gets EXTENSION_ATTRIBUTE_EXISTS.
    const [row] = await this.sql.query<Row>(
      `insert into extension_attributes as a (tenant_id, id, schema, name, type, description, case_exact, is_unique)
       select ?, ?, ?, ?, ?, ?, ?, ?
        where (select count(*) from extension_attributes x where x.tenant_id = ?) < ?
       returning ${EXTENSION_ATTRIBUTES.select}`,
      [
        this.sql.tenantId,
        randomUUID(),
        schema,
        name,
        input.type,
        description,
        input.caseExact ?? false,
        input.isUnique ?? false,
        this.sql.tenantId,
        MAX_EXTENSION_ATTRIBUTES,
      ],
    );
    if (!row) {
      throw new InvalidInputError(
        `A tenant can declare at most ${MAX_EXTENSION_ATTRIBUTES} extension attributes; delete one you no longer map first.`,
        ['name'],
      );
    }
    const created = EXTENSION_ATTRIBUTES.fromRow(row);
    // Declared, it is no longer one the provisioning log reports as undeclared.
    await this.sql.query(`delete from undeclared_extension_attributes where tenant_id = ? and path_key = lower(?)`, [
      this.sql.tenantId,
      valueKey(created),
    ]);
    return created;
  }

  /**
   * Changes the description, case-exactness or uniqueness. Making an attribute unique is refused
   * (EXTENSION_VALUE_TAKEN) while two users share a value.
   */
  async update(input: ExtensionAttributeChanges): Promise<ExtensionAttributeRecord> {
    const current = await this.require(input);
    const next = {
      description: input.description === undefined ? current.description : validDescription(input.description),
      caseExact: input.caseExact ?? current.caseExact,
      isUnique: input.isUnique ?? current.isUnique,
    };
    if (
      next.description === current.description &&
      next.caseExact === current.caseExact &&
      next.isUnique === current.isUnique
    ) {
      return current;
    }
    const [row] = await this.sql.query<Row>(
      `update extension_attributes as a set description = ?, case_exact = ?, is_unique = ?, updated_at = now()
        where a.tenant_id = ? and a.id = ? returning ${EXTENSION_ATTRIBUTES.select}`,
      [next.description, next.caseExact, next.isUnique, this.sql.tenantId, current.id],
    );
    if (next.caseExact !== current.caseExact || next.isUnique !== current.isUnique) {
      // The same unique key the trigger computes (migrations/sql/080-extension-values.sql).
      await this.sql
        .query(
          `update user_extension_values v set unique_key = case when ? then
             case when ? in ('integer', 'decimal') then trim_scale(v.number_value)::text
                  when ? then v.exact_text else v.text_key end end
            where v.tenant_id = ? and v.attribute_id = ?`,
          [next.isUnique, current.type, next.caseExact, this.sql.tenantId, current.id],
        )
        .catch((error: unknown) => {
          if (error instanceof DomainError && error.code === 'EXTENSION_VALUE_TAKEN') {
            throw new DomainError(
              'EXTENSION_VALUE_TAKEN',
              `${valueKey(current)} cannot become unique: some users share a value. Make their values different first.`,
              ['unique'],
            );
          }
          throw error;
        });
    }
    return EXTENSION_ATTRIBUTES.fromRow(row!);
  }

  /**
   * Deletes a declaration. While users have values it is refused, unless `dropValues` says to
   * remove them too (each such user changes, and the change feed says so).
   */
  async delete(name: ExtensionAttributeName, dropValues: boolean): Promise<ExtensionAttributeRecord> {
    const attribute = await this.require(name);
    const key = valueKey(attribute);
    const [usage] = await this.sql.query<{ count: number }>(
      `select count(*)::int as count from user_extension_values v where v.tenant_id = ? and v.attribute_id = ?`,
      [this.sql.tenantId, attribute.id],
    );
    const users = usage?.count ?? 0;
    if (users > 0 && !dropValues) {
      throw new DomainError(
        'EXTENSION_ATTRIBUTE_IN_USE',
        `${users} user${users === 1 ? ' has' : 's have'} a value of ${key}. Delete with dropValues: true to remove those values too, or stop mapping the attribute first.`,
        ['dropValues'],
      );
    }
    if (users > 0) {
      const changed = await this.sql.query<{ id: string }>(
        `update users u set extension_values = u.extension_values - ?, version = u.version + 1, updated_at = now()
          where u.tenant_id = ? and u.id in (
            select v.user_id from user_extension_values v where v.tenant_id = ? and v.attribute_id = ?)
          returning u.id`,
        [key, this.sql.tenantId, this.sql.tenantId, attribute.id],
      );
      this.changes.record(
        changed.map(
          (user): Change => ({ objectType: 'user', objectId: user.id, changeType: 'updated', changedFields: [key] }),
        ),
      );
    }
    await this.sql.query(`delete from extension_attributes where tenant_id = ? and id = ?`, [
      this.sql.tenantId,
      attribute.id,
    ]);
    return attribute;
  }
}
