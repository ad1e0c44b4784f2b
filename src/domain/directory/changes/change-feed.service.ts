import type { Sql } from '../../../platform/db/tenant-transaction';
import { DomainError, InvalidInputError } from '../../../platform/errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../platform/pagination';
import type { ChangeType, ObjectType } from './change-recorder';

export interface DirectoryChangeRecord {
  sequence: string;
  occurredAt: Date;
  objectType: ObjectType;
  objectId: string;
  changeType: ChangeType;
  changedFields: string[];
  data: Record<string, unknown>;
  actor: string;
}

export interface ChangePage {
  changes: DirectoryChangeRecord[];
  cursors: string[];
  hasNextPage: boolean;
  /** Where to continue from: the last change's cursor, or the given one when nothing is new. */
  endCursor: string;
}

interface ChangeRow {
  seq: string;
  occurred_at: string;
  object_type: ObjectType;
  object_id: string;
  change_type: ChangeType;
  changed_fields: string[];
  data: Record<string, unknown>;
  actor: string;
}

/**
 * The directory's changes in the order they became visible. Sequence numbers are given to
 * committed changes only, before every read, under the tenant's counter lock: once a reader sees
 * number n, every change up to n is visible, so reading "after n" never skips one that commits later.
 */
export class ChangeFeedService {
  constructor(private readonly sql: Sql) {}

  async latestCursor(): Promise<string> {
    return encodeChangeCursor((await this.bounds()).lastSeq);
  }

  /**
   * Numbers the committed changes that have none yet (see migrations/sql/070-change-sequencing.sql)
   * and returns the feed's bounds: the last number, and up to which number changes were purged.
   */
  private async bounds(): Promise<{ lastSeq: string; purgedThrough: string }> {
    const [row] = await this.sql.query<{ last_seq: string; purged_through: string }>(
      'select last_seq::text, purged_through::text from directory_sequence_changes(?::uuid)',
      [this.sql.tenantId],
    );
    return { lastSeq: row!.last_seq, purgedThrough: row!.purged_through };
  }

  async read(options: {
    after?: string | null;
    first?: number | null;
    types?: ChangeType[] | null;
    objectTypes?: ObjectType[] | null;
  }): Promise<ChangePage> {
    const first = options.first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw new InvalidInputError(`first must be between 1 and ${MAX_PAGE_SIZE}.`, ['first']);
    }
    const after = options.after ? decodeChangeCursor(options.after) : '0';
    const { purgedThrough } = await this.bounds();
    if (BigInt(after) < BigInt(purgedThrough)) {
      throw new DomainError(
        'CURSOR_EXPIRED',
        'Changes after this cursor are older than the retention window and have been purged. Read the current state again and continue from directoryChangesLatestCursor.',
        ['after'],
      );
    }
    const rows = await this.sql.query<ChangeRow>(
      `select c.seq::text as seq, c.occurred_at, c.object_type, c.object_id, c.change_type, c.changed_fields, c.data, c.actor
         from directory_changes c
        where c.tenant_id = ? and c.seq > ?::bigint
          and (?::jsonb is null or c.change_type in (select jsonb_array_elements_text(?::jsonb)))
          and (?::jsonb is null or c.object_type in (select jsonb_array_elements_text(?::jsonb)))
        order by c.seq limit ?`,
      [
        this.sql.tenantId,
        after,
        jsonOrNull(options.types),
        jsonOrNull(options.types),
        jsonOrNull(options.objectTypes),
        jsonOrNull(options.objectTypes),
        first + 1,
      ],
    );
    const shown = rows.slice(0, first);
    const cursors = shown.map((row) => encodeChangeCursor(row.seq));
    return {
      changes: shown.map((row) => ({
        sequence: row.seq,
        occurredAt: new Date(row.occurred_at),
        objectType: row.object_type,
        objectId: row.object_id,
        changeType: row.change_type,
        changedFields: row.changed_fields,
        data: row.data,
        actor: row.actor,
      })),
      cursors,
      hasNextPage: rows.length > first,
      endCursor: cursors[cursors.length - 1] ?? encodeChangeCursor(after),
    };
  }
}

function jsonOrNull(values: readonly string[] | null | undefined): string | null {
  return values && values.length > 0 ? JSON.stringify(values) : null;
}

export function encodeChangeCursor(sequence: string): string {
  return Buffer.from(`changes:${sequence}`, 'utf8').toString('base64url');
}

export function decodeChangeCursor(cursor: string): string {
  const match = /^changes:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match)
    throw new InvalidInputError(
      'The after cursor is not a change feed cursor; start from directoryChangesLatestCursor.',
      ['after'],
    );
  return match[1]!;
}
