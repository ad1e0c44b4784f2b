import { randomUUID } from 'node:crypto';
import type { Sql } from '../../../platform/db/tenant-transaction';
import { and, fragment, TRUE } from '../../../platform/db/sql-fragment';
import { DomainError, InvalidInputError, NotFoundError } from '../../../platform/errors';
import { isUuid } from '../../../platform/ids';
import { planKeysetPage, toPage, type Page, type PageRequest, type SortKey } from '../../../platform/pagination';
import { newClientSecret } from './client-credentials';
import {
  OAUTH_CLIENT_SECRETS,
  OAUTH_CLIENTS,
  type ClientRecord,
  type ClientRequest,
  type ClientSecretRecord,
  type IssuedClientSecret,
} from './client.record';
import { MAX_ACTIVE_SECRETS, validateClientRequest, validateSecretLifetimeDays } from './client.validation';

/** Oldest first: the order clients were created in. */
const BY_CREATION: SortKey = {
  name: 'oauthClients:CREATED_AT:asc',
  expression: 'c.created_at',
  type: 'timestamptz',
  unique: false,
  descending: false,
};

export interface CreatedClient {
  client: ClientRecord;
  /** The first secret of a client with secrets; null for a federated client. */
  secret: IssuedClientSecret | null;
}

/**
 * Creates, lists and revokes the current tenant's OAuth clients and their secrets. Revoking is
 * immediate: the SCIM facade checks the client and the secret on every request made with one of
 * their access tokens.
 */
export class ClientService {
  constructor(private readonly sql: Sql) {}

  async create(request: ClientRequest): Promise<CreatedClient> {
    const valid = validateClientRequest(request);
    const { federation } = valid;
    const [row] = await this.sql.query(
      `insert into oauth_clients as c
         (tenant_id, id, name, kind, access_token_lifetime_minutes, federated_issuer, federated_subject,
          federated_audiences, jwks_uri)
       values (?, ?, ?, ?, ?, ?, ?, nullif(array(select jsonb_array_elements_text(?::jsonb)), '{}'), ?)
       returning ${OAUTH_CLIENTS.select}`,
      [
        this.sql.tenantId,
        randomUUID(),
        valid.name,
        federation ? 'federated' : 'secret',
        valid.accessTokenLifetimeMinutes,
        federation?.issuer ?? null,
        federation?.subject ?? null,
        JSON.stringify(federation?.audiences ?? []),
        federation?.jwksUri ?? null,
      ],
    );
    const client = OAUTH_CLIENTS.fromRow(row!);
    const secret =
      valid.secretLifetimeDays === null ? null : await this.insertSecret(client.id, valid.secretLifetimeDays);
    return { client, secret };
  }

  async get(id: string): Promise<ClientRecord | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.sql.query(
      `select ${OAUTH_CLIENTS.select} from oauth_clients c where c.tenant_id = ? and c.id = ?`,
      [this.sql.tenantId, id],
    );
    return row && OAUTH_CLIENTS.fromRow(row);
  }

  async list(options: { includeRevoked: boolean }): Promise<ClientRecord[]> {
    const where = this.belongsToTenant(options);
    const rows = await this.sql.query(
      `select ${OAUTH_CLIENTS.select} from oauth_clients c where ${where.text} order by c.created_at, c.id`,
      where.params,
    );
    return rows.map(OAUTH_CLIENTS.fromRow);
  }

  /** A page of clients, oldest first, in SQL (the GraphQL oauthClients connection). */
  async page(options: { includeRevoked: boolean }, request: PageRequest): Promise<Page<ClientRecord>> {
    const plan = planKeysetPage(BY_CREATION, 'c.id', request);
    const where = and([this.belongsToTenant(options), plan.after]);
    const rows = await this.sql.query<{ id: string; sort_key: string }>(
      `select ${OAUTH_CLIENTS.select}, ${plan.sortKeySelect}
         from oauth_clients c where ${where.text} order by ${plan.orderBy} limit ? offset ?`,
      [...where.params, plan.limit, plan.offset],
    );
    return toPage(rows, BY_CREATION, request, OAUTH_CLIENTS.fromRow);
  }

  async count(options: { includeRevoked: boolean }): Promise<number> {
    const where = this.belongsToTenant(options);
    const [row] = await this.sql.query<{ count: number }>(
      `select count(*)::int as count from oauth_clients c where ${where.text}`,
      where.params,
    );
    return row?.count ?? 0;
  }

  /** The secrets of several clients, newest first, in one statement (never the secrets themselves). */
  async secretsOf(clientIds: readonly string[]): Promise<ClientSecretRecord[]> {
    const valid = clientIds.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await this.sql.query(
      `select ${OAUTH_CLIENT_SECRETS.select} from oauth_client_secrets s
        where s.tenant_id = ? and s.client_id = any(?::uuid[])
        order by s.created_at desc, s.id`,
      [this.sql.tenantId, valid],
    );
    return rows.map(OAUTH_CLIENT_SECRETS.fromRow);
  }

  /** Revokes a client: its access tokens are refused from the next request on, on every instance. */
  async revoke(id: string): Promise<ClientRecord> {
    if (!isUuid(id)) throw new NotFoundError('Client', id);
    const [row] = await this.sql.query(
      `update oauth_clients as c set revoked_at = coalesce(c.revoked_at, now())
        where c.tenant_id = ? and c.id = ? returning ${OAUTH_CLIENTS.select}`,
      [this.sql.tenantId, id],
    );
    if (!row) throw new NotFoundError('Client', id);
    return OAUTH_CLIENTS.fromRow(row);
  }

  /** A further secret, for rotation: at most MAX_ACTIVE_SECRETS may be active at once. */
  async addSecret(
    clientId: string,
    lifetimeDays?: number | null,
  ): Promise<{ client: ClientRecord; secret: IssuedClientSecret }> {
    const days = validateSecretLifetimeDays(lifetimeDays);
    if (!isUuid(clientId)) throw new NotFoundError('Client', clientId, ['clientId']);
    // Locked, so that two concurrent additions cannot both see room for one more.
    const [row] = await this.sql.query(
      `select ${OAUTH_CLIENTS.select} from oauth_clients c where c.tenant_id = ? and c.id = ? for update`,
      [this.sql.tenantId, clientId],
    );
    if (!row) throw new NotFoundError('Client', clientId, ['clientId']);
    const client = OAUTH_CLIENTS.fromRow(row);
    if (client.kind === 'federated') {
      throw new InvalidInputError(
        'This client is federated: it authenticates with assertions signed by its identity provider and has no secrets.',
        ['clientId'],
      );
    }
    if (client.revokedAt) throw new InvalidInputError('This client is revoked; create a new one.', ['clientId']);
    return { client, secret: await this.insertSecret(clientId, days) };
  }

  /** Revokes one secret: access tokens issued for it are refused from the next request on. */
  async revokeSecret(
    clientId: string,
    secretId: string,
  ): Promise<{ client: ClientRecord; secret: ClientSecretRecord }> {
    if (!isUuid(clientId)) throw new NotFoundError('Client', clientId, ['clientId']);
    if (!isUuid(secretId)) throw new NotFoundError('Client secret', secretId, ['secretId']);
    const [row] = await this.sql.query(
      `update oauth_client_secrets as s set revoked_at = coalesce(s.revoked_at, now())
        where s.tenant_id = ? and s.client_id = ? and s.id = ? returning ${OAUTH_CLIENT_SECRETS.select}`,
      [this.sql.tenantId, clientId, secretId],
    );
    if (!row) throw new NotFoundError('Client secret', secretId, ['secretId']);
    return { client: (await this.get(clientId))!, secret: OAUTH_CLIENT_SECRETS.fromRow(row) };
  }

  private async insertSecret(clientId: string, lifetimeDays: number): Promise<IssuedClientSecret> {
    const { value, prefix, hash } = newClientSecret();
    const [row] = await this.sql.query(
      `insert into oauth_client_secrets as s (tenant_id, id, client_id, prefix, secret_hash, expires_at)
       select ?, gen_random_uuid(), ?, ?, ?, now() + make_interval(days => ?)
        where (select count(*) from oauth_client_secrets a
                where a.tenant_id = ? and a.client_id = ? and a.revoked_at is null and a.expires_at > now()) < ?
       returning ${OAUTH_CLIENT_SECRETS.select}`,
      [this.sql.tenantId, clientId, prefix, hash, lifetimeDays, this.sql.tenantId, clientId, MAX_ACTIVE_SECRETS],
    );
    if (!row) {
      throw new DomainError(
        'TOO_MANY_SECRETS',
        `This client already has ${MAX_ACTIVE_SECRETS} active secrets. Revoke the one Entra no longer uses (see lastUsedAt), then add the new one.`,
        ['clientId'],
      );
    }
    return { ...OAUTH_CLIENT_SECRETS.fromRow(row), clientSecret: value };
  }

  private belongsToTenant({ includeRevoked }: { includeRevoked: boolean }) {
    return and([
      fragment('c.tenant_id = ?', this.sql.tenantId),
      includeRevoked ? TRUE : fragment('c.revoked_at is null'),
    ]);
  }
}
