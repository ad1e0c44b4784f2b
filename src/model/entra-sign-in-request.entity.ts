import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * An administrator's sign-in to the admin page with Microsoft under way. Unlike a connect request
 * it belongs to no tenant yet: the verified ID token's Entra tenant decides which one it signs in
 * to. Single-use and valid for minutes; only the service's own role reads or writes it.
 */
@Entity({ tableName: 'entra_sign_in_requests' })
@Index({ name: 'entra_sign_in_requests_expires_at_idx', properties: ['expiresAt'] })
export class EntraSignInRequest {
  [OptionalProps]?: 'createdAt';

  /** SHA-256 of the `state` parameter. */
  @PrimaryKey({ type: 'blob', columnType: 'bytea' })
  stateHash!: Buffer;

  /** SHA-256 of the cookie set in the browser that started it. */
  @Property({ type: 'blob', columnType: 'bytea' })
  browserBindingHash!: Buffer;

  @Property({ type: 'text' })
  nonce!: string;

  @Property({ type: 'text' })
  codeVerifier!: string;

  @Property({ type: 'text' })
  returnPath!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;
}
