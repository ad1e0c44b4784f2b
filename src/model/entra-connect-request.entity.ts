import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { TenantKey, type TenantRef } from './tenant-owned';

/**
 * A "Connect Microsoft Entra ID" sign-in under way: started by an admin of the tenant, finished
 * when Microsoft sends the administrator back to the callback, on whichever instance that lands.
 * Single-use (the callback deletes it) and valid for minutes. The state arrives before the tenant
 * is known (it is what tells the tenant), so its index does not lead with tenant_id.
 */
@Entity({ tableName: 'entra_connect_requests' })
@Unique({ name: 'entra_connect_requests_state_unique', properties: ['stateHash'] })
export class EntraConnectRequest {
  [OptionalProps]?: 'createdAt';

  @TenantKey('entra_connect_requests')
  tenant!: TenantRef;

  /** SHA-256 of the `state` parameter; the state itself travels only through the browser. */
  @PrimaryKey({ type: 'blob', columnType: 'bytea' })
  stateHash!: Buffer;

  /** SHA-256 of the cookie set in the browser that started it: only that browser can finish it. */
  @Property({ type: 'blob', columnType: 'bytea' })
  browserBindingHash!: Buffer;

  /** The ID token must carry it back (replay protection). */
  @Property({ type: 'text' })
  nonce!: string;

  /** The PKCE code verifier, sent with the code to the token endpoint. */
  @Property({ type: 'text' })
  codeVerifier!: string;

  /** Where to send the admin afterwards: a path on this service. */
  @Property({ type: 'text' })
  returnPath!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;
}
