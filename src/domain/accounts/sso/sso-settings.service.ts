import type { Sql } from '../../../platform/db/tenant-transaction';
import { DomainError } from '../../../platform/errors';
import { SSO_SETTINGS, type SsoSettingsInput, type SsoSettingsRecord } from './sso-settings.record';
import { validateSsoSettings } from './sso-settings.validation';

/** Reads and changes the current tenant's single sign-on settings (admins only, see the resolver). */
export class SsoSettingsService {
  constructor(private readonly sql: Sql) {}

  async get(): Promise<SsoSettingsRecord | undefined> {
    const [row] = await this.sql.query(`select ${SSO_SETTINGS.select} from sso_settings s where s.tenant_id = ?`, [
      this.sql.tenantId,
    ]);
    return row && SSO_SETTINGS.fromRow(row);
  }

  /** Replaces the settings as a whole (or creates them). */
  async set(input: SsoSettingsInput): Promise<SsoSettingsRecord> {
    const settings = validateSsoSettings(input);
    const [row] = await this.sql.query(
      `insert into sso_settings as s (tenant_id, issuer, audience, jwks_uri, user_matching)
       values (?, ?, ?, ?, ?)
       on conflict (tenant_id) do update
         set issuer = excluded.issuer, audience = excluded.audience, jwks_uri = excluded.jwks_uri,
             user_matching = excluded.user_matching, updated_at = now()
       returning ${SSO_SETTINGS.select}`,
      [this.sql.tenantId, settings.issuer, settings.audience, settings.jwksUri, settings.userMatching],
    );
    return SSO_SETTINGS.fromRow(row!);
  }

  async remove(): Promise<SsoSettingsRecord> {
    const [row] = await this.sql.query(
      `delete from sso_settings s where s.tenant_id = ? returning ${SSO_SETTINGS.select}`,
      [this.sql.tenantId],
    );
    if (!row) throw new DomainError('NOT_FOUND', 'This tenant has no single sign-on settings to remove.');
    return SSO_SETTINGS.fromRow(row);
  }
}
