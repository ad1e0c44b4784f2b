import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Scope, TokenKind } from './scopes';

/** A credential. Only the SHA-256 of the secret is stored; the secret is shown once, at creation. */
@Entity({ tableName: 'api_tokens' })
export class ApiToken {
  [OptionalProps]?: 'id' | 'createdAt' | 'lastUsedAt' | 'revokedAt';

  @PrimaryKey({ type: 'uuid' })
  tenantId!: string;

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  kind!: TokenKind;

  @Property({ type: 'text' })
  name!: string;

  /** The readable start of the secret (`gql_AbCd…`), so an admin can tell tokens apart. */
  @Property({ type: 'text' })
  prefix!: string;

  @Property({ type: 'blob', columnType: 'bytea' })
  secretHash!: Buffer;

  @Property({ type: 'text[]', columnType: 'text[]' })
  scopes!: Scope[];

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}
