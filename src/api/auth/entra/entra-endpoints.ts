/**
 * Microsoft's endpoints as the service derives them from the authority (ENTRA_AUTHORITY,
 * https://login.microsoftonline.com; tests use a local stand-in). Sign-in goes through the
 * multi-tenant `organizations` endpoints, so any organization's administrator can connect; the
 * verified ID token's tenant id then names that organization's issuer and keys.
 */
export class EntraEndpoints {
  constructor(readonly authority: string) {}

  get authorize(): string {
    return `${this.authority}/organizations/oauth2/v2.0/authorize`;
  }

  get token(): string {
    return `${this.authority}/organizations/oauth2/v2.0/token`;
  }

  /** The `iss` of an Entra tenant's v2.0 tokens. */
  issuer(entraTenantId: string): string {
    return `${this.authority}/${entraTenantId}/v2.0`;
  }

  /** Where an Entra tenant's signing keys are published. */
  keys(entraTenantId: string): string {
    return `${this.authority}/${entraTenantId}/discovery/v2.0/keys`;
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Entra tenant and object ids are GUIDs; anything else must not become part of a URL. */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}
