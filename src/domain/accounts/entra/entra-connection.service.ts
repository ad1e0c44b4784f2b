import type { Sql } from '../../../platform/db/tenant-transaction';
import { DomainError } from '../../../platform/errors';
import { SsoSettingsService } from '../sso/sso-settings.service';
import type { UserMatching } from '../sso/sso-settings.record';
import { TokenService, type IssuedToken, type TokenSummary } from '../tokens/token.service';
import { recordConnectRequest, type NewAuthorizationRequest } from './authorization-requests';
import {
  ENTRA_ADMIN_ROLE,
  ENTRA_CONNECTIONS,
  PROVISIONING_TOKEN_NAME,
  type EntraAdministrator,
  type EntraConnectionRecord,
} from './entra-connection.record';

/** Entra's default attribute mappings provision userName from the userPrincipalName. */
const ENTRA_USER_MATCHING: UserMatching = 'preferred_username_to_user_name';

export interface Connected {
  connection: EntraConnectionRecord;
  /** The SCIM token issued for Entra's Secret Token field, shown once; null when Entra already uses one. */
  scimToken: IssuedToken | null;
}

/**
 * The current tenant's connection to Microsoft Entra ID: the connect requests that start it, the
 * connection itself with the single sign-on and the SCIM token that come with it, and undoing it.
 */
export class EntraConnectionService {
  private readonly sso: SsoSettingsService;
  private readonly tokens: TokenService;

  constructor(private readonly sql: Sql) {
    this.sso = new SsoSettingsService(sql);
    this.tokens = new TokenService(sql);
  }

  async get(): Promise<EntraConnectionRecord | undefined> {
    const [row] = await this.sql.query<Record<string, unknown>>(
      `select ${ENTRA_CONNECTIONS.select}, coalesce(s.sign_in_allowed, false) as single_sign_on_allowed
         from entra_connections c
         left join sso_settings s on s.tenant_id = c.tenant_id and s.issuer = c.issuer and s.audience = c.application_id
        where c.tenant_id = ?`,
      [this.sql.tenantId],
    );
    return row && { ...ENTRA_CONNECTIONS.fromRow(row), singleSignOnAllowed: row.single_sign_on_allowed as boolean };
  }

  /** Records a connect request of this tenant, for the callback to finish. */
  requestConnect(request: NewAuthorizationRequest): Promise<void> {
    return recordConnectRequest(this.sql, request);
  }

  /**
   * Connects the tenant to the administrator's Entra tenant: records the connection, configures
   * single sign-on for its issuer and this application (off until an admin allows it), and issues
   * a SCIM token unless Entra already provisions with one. Connecting the same Entra tenant again
   * (to consent again) keeps single sign-on as it was.
   */
  async connect(administrator: EntraAdministrator): Promise<Connected> {
    const existing = await this.get();
    if (existing && existing.entraTenantId !== administrator.entraTenantId) {
      throw new DomainError(
        'ALREADY_CONNECTED',
        `This Evercate tenant is connected to another Microsoft Entra tenant (${existing.entraTenantId}). ` +
          'To connect a different one, disconnect first on the admin page, then connect again.',
      );
    }
    const [row] = await this.sql.query(
      `insert into entra_connections as c
         (tenant_id, entra_tenant_id, issuer, application_id, connected_by, connected_by_object_id)
       values (?, ?, ?, ?, ?, ?)
       on conflict (tenant_id) do update
         set issuer = excluded.issuer, application_id = excluded.application_id, connected_at = now(),
             connected_by = excluded.connected_by, connected_by_object_id = excluded.connected_by_object_id
       returning ${ENTRA_CONNECTIONS.select}`,
      [
        this.sql.tenantId,
        administrator.entraTenantId,
        administrator.issuer,
        administrator.applicationId,
        administrator.displayName,
        administrator.objectId,
      ],
    );
    const current = await this.sso.get();
    const same = current?.issuer === administrator.issuer && current.audience === administrator.applicationId;
    const sso = await this.sso.set(
      {
        issuer: administrator.issuer,
        audience: administrator.applicationId,
        jwksUri: administrator.jwksUri,
        userMatching: same ? current.userMatching : ENTRA_USER_MATCHING,
      },
      { signInAllowed: same && current.signInAllowed, adminRole: ENTRA_ADMIN_ROLE },
    );
    return {
      connection: { ...ENTRA_CONNECTIONS.fromRow(row!), singleSignOnAllowed: sso.signInAllowed },
      scimToken: (await this.entraUsesAScimToken()) ? null : await this.issueScimToken(),
    };
  }

  /** Allows or stops single sign-on with the connected Entra tenant. */
  async allowSingleSignOn(allowed: boolean): Promise<EntraConnectionRecord> {
    const connection = await this.connection();
    const settings = { issuer: connection.issuer, audience: connection.applicationId };
    const updated = await this.sso.allowSignIn(settings, allowed);
    // Stopping what is not configured leaves it stopped; allowing it needs Entra's settings back.
    if (!updated && allowed) {
      throw new DomainError(
        'NOT_FOUND',
        'Single sign-on is no longer set up for the connected Entra tenant (ssoSettingsUpdate changed it, or ' +
          'ssoSettingsRemove removed it). Connect Microsoft Entra ID again to set it up.',
      );
    }
    return { ...connection, singleSignOnAllowed: updated?.signInAllowed ?? false };
  }

  /**
   * Removes the connection and the single sign-on it configured. SCIM tokens stay: Entra keeps
   * provisioning until an admin revokes them or turns provisioning off in Entra.
   */
  async disconnect(): Promise<EntraConnectionRecord> {
    const connection = await this.connection();
    await this.sql.query(`delete from entra_connections c where c.tenant_id = ?`, [this.sql.tenantId]);
    await this.sso.removeFor({ issuer: connection.issuer, audience: connection.applicationId });
    return { ...connection, singleSignOnAllowed: false };
  }

  /**
   * A new SCIM token for Entra's Secret Token field; every other SCIM token is revoked at once
   * (a rotation is for a token that must stop working), so Entra needs the new one right away.
   */
  async rotateScimToken(): Promise<{ issued: IssuedToken; revoked: TokenSummary[] }> {
    const issued = await this.issueScimToken();
    const revoked = await this.tokens.revokeOthers('scim', issued.id);
    return { issued, revoked };
  }

  private async connection(): Promise<EntraConnectionRecord> {
    const connection = await this.get();
    if (!connection) {
      throw new DomainError(
        'NOT_FOUND',
        'This tenant is not connected to Microsoft Entra ID; connect it on the admin page first.',
      );
    }
    return connection;
  }

  /** An active SCIM token has been used: Entra provisions already, and needs no new secret. */
  private async entraUsesAScimToken(): Promise<boolean> {
    const tokens = await this.tokens.list();
    return tokens.some((token) => token.kind === 'scim' && !token.revokedAt && token.lastUsedAt);
  }

  private issueScimToken(): Promise<IssuedToken> {
    return this.tokens.issue({ kind: 'scim', name: PROVISIONING_TOKEN_NAME });
  }
}
