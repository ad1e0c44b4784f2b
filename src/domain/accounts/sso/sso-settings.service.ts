import type { Sql } from '../../../platform/db/tenant-transaction';
import { DomainError } from '../../../platform/errors';
import {
  SSO_ON_FOR_READING,
  SSO_SETTINGS,
  type SsoAccess,
  type SsoSettingsInput,
  type SsoSettingsRecord,
} from './sso-settings.record';
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

  /** Replaces the settings as a whole (or creates them); by default on, for reading (ssoSettingsUpdate). */
  async set(input: SsoSettingsInput, access: SsoAccess = SSO_ON_FOR_READING): Promise<SsoSettingsRecord> {
    const settings = validateSsoSettings(input);
    const [row] = await this.sql.query(
      `insert into sso_settings as s (tenant_id, issuer, audience, jwks_uri, user_matching, sign_in_allowed, admin_role)
       values (?, ?, ?, ?, ?, ?, ?)
       on conflict (tenant_id) do update
         set issuer = excluded.issuer, audience = excluded.audience, jwks_uri = excluded.jwks_uri,
             user_matching = excluded.user_matching, sign_in_allowed = excluded.sign_in_allowed,
             admin_role = excluded.admin_role, updated_at = now()
       returning ${SSO_SETTINGS.select}`,
      [
        this.sql.tenantId,
        settings.issuer,
        settings.audience,
        settings.jwksUri,
        settings.userMatching,
        access.signInAllowed,
        access.adminRole,
      ],
    );
    return SSO_SETTINGS.fromRow(row!);
  }

  /**
   * Turns sign-in on or off for the settings of this issuer and audience; undefined when the
   * tenant's settings are not those (changed with ssoSettingsUpdate, or removed).
   */
  async allowSignIn(
    settings: Pick<SsoSettingsRecord, 'issuer' | 'audience'>,
    allowed: boolean,
  ): Promise<SsoSettingsRecord | undefined> {
    const [row] = await this.sql.query(
      `update sso_settings s set sign_in_allowed = ?, updated_at = now()
        where s.tenant_id = ? and s.issuer = ? and s.audience = ?
       returning ${SSO_SETTINGS.select}`,
      [allowed, this.sql.tenantId, settings.issuer, settings.audience],
    );
    return row && SSO_SETTINGS.fromRow(row);
  }

  /** Removes the settings of this issuer and audience, if they are the tenant's. */
  async removeFor(settings: Pick<SsoSettingsRecord, 'issuer' | 'audience'>): Promise<void> {
    await this.sql.query(`delete from sso_settings s where s.tenant_id = ? and s.issuer = ? and s.audience = ?`, [
      this.sql.tenantId,
      settings.issuer,
      settings.audience,
    ]);
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
