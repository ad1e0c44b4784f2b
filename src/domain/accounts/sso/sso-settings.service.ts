import type { Sql } from '../../../platform/db/tenant-transaction';
import { DomainError, InvalidInputError } from '../../../platform/errors';
import type { SsoSettingsInput, SsoSettingsRecord, UserMatching } from './sso-settings.record';
import { validateSsoSettings } from './sso-settings.validation';

interface SettingsRow {
  issuer: string;
  audience: string;
  jwks_uri: string;
  user_matching: UserMatching;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'issuer, audience, jwks_uri, user_matching, created_at, updated_at';

/** Reads and changes the current tenant's single sign-on settings (admins only, see the resolver). */
export class SsoSettingsService {
  constructor(private readonly sql: Sql) {}

  async get(): Promise<SsoSettingsRecord | undefined> {
    const [row] = await this.sql.query<SettingsRow>(`select ${COLUMNS} from sso_settings where tenant_id = ?`, [
      this.sql.tenantId,
    ]);
    return row && toRecord(row);
  }

  /** Replaces the settings as a whole (or creates them). */
  async set(input: SsoSettingsInput): Promise<SsoSettingsRecord> {
    const settings = validateSsoSettings(input);
    try {
      const [row] = await this.sql.query<SettingsRow>(
        `insert into sso_settings (tenant_id, issuer, audience, jwks_uri, user_matching)
         values (?, ?, ?, ?, ?)
         on conflict (tenant_id) do update
           set issuer = excluded.issuer, audience = excluded.audience, jwks_uri = excluded.jwks_uri,
               user_matching = excluded.user_matching, updated_at = now()
         returning ${COLUMNS}`,
        [this.sql.tenantId, settings.issuer, settings.audience, settings.jwksUri, settings.userMatching],
      );
      return toRecord(row!);
    } catch (error) {
      // Not in src/db/constraint-errors.ts: only this statement can violate it, and the message
      // is about SSO configuration, not about a directory object.
      if ((error as { constraint?: string }).constraint === 'sso_settings_issuer_audience_unique') {
        throw new InvalidInputError(
          'Another Evercate tenant already accepts tokens from this issuer for this audience, so a token could not ' +
            'tell the two apart. Register a separate application for this tenant and use its audience.',
          ['audience'],
        );
      }
      throw error;
    }
  }

  async remove(): Promise<SsoSettingsRecord> {
    const [row] = await this.sql.query<SettingsRow>(
      `delete from sso_settings where tenant_id = ? returning ${COLUMNS}`,
      [this.sql.tenantId],
    );
    if (!row) throw new DomainError('NOT_FOUND', 'This tenant has no single sign-on settings to remove.');
    return toRecord(row);
  }
}

function toRecord(row: SettingsRow): SsoSettingsRecord {
  return {
    issuer: row.issuer,
    audience: row.audience,
    jwksUri: row.jwks_uri,
    userMatching: row.user_matching,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
