import type { Database } from '../../../platform/db/database';
import { isUuid } from '../../../platform/ids';
import { hashCredential, newAccessToken } from './client-credentials';
import type { Federation } from './client.record';

/** An access token just issued: sent to the client once, stored only as its hash. */
export interface IssuedAccessToken {
  accessToken: string;
  expiresInSeconds: number;
  tenantId: string;
  clientId: string;
}

/** Why a client could not authenticate: for the tenant's admin and the logs, never for the caller. */
export interface Refused {
  refused: string;
}

/** A federated client as the token endpoint verifies its assertion. */
export interface FederatedClient extends Federation {
  tenantId: string;
  clientId: string;
}

/** What a federated client's assertion contributes once it is verified: its id and how long it would be accepted. */
export interface VerifiedAssertion {
  issuer: string;
  jti: string;
  acceptedUntil: Date;
}

/** Issued access tokens are kept this long past their expiry, so that a late request is told it expired. */
const EXPIRED_TOKENS_KEPT = "interval '1 day'";

/**
 * A client with secrets and its secret whose hash is the second parameter, when both may
 * authenticate (the first parameter is the client id).
 */
const ACTIVE_SECRET = `oauth_clients c
  join oauth_client_secrets s on s.tenant_id = c.tenant_id and s.client_id = c.id
 where c.id = ?::uuid and c.kind = 'secret' and c.revoked_at is null
   and s.secret_hash = ? and s.revoked_at is null and s.expires_at > now()`;

/**
 * What the token endpoint does with clients, before any tenant is known: the client id is what
 * tells it the tenant. Its statements are autocommitted, as the connecting role (like the API
 * token and SSO issuer lookups). Authenticating a secret and issuing its token is one statement,
 * and so is recording an assertion's id and issuing its token; only a failure costs another, to
 * find out why.
 */
export class ClientAuthentication {
  constructor(private readonly database: Database) {}

  /** client_secret_basic and client_secret_post: authenticates the secret and issues a token in one statement. */
  async issueForSecret(clientId: string, secret: string): Promise<{ issued: IssuedAccessToken } | Refused> {
    if (!isUuid(clientId)) return { refused: 'No client has this id.' };
    const token = newAccessToken();
    const [row] = await this.database.execute<IssuedRow>({
      text: `with client as (
           select c.tenant_id, c.id, c.access_token_lifetime_minutes, s.id as secret_id from ${ACTIVE_SECRET}
         ),
         ${issuing('true')},
         secret_used as (
           update oauth_client_secrets s set last_used_at = now()
             from issued i where s.tenant_id = i.tenant_id and s.id = i.secret_id
         )
         select i.tenant_id, i.client_id, ${EXPIRES_IN} from issued i`,
      params: [clientId, hashCredential(secret), token.hash],
    });
    if (row) return { issued: issuedToken(token.value, row) };
    return { refused: await this.whySecretFails(clientId, secret) };
  }

  /**
   * Whether the secret authenticates its client, without issuing anything: a client with secrets
   * asking for a grant it may not use is told so only once it has proved who it is.
   */
  async authenticatesSecret(clientId: string, secret: string): Promise<true | Refused> {
    if (!isUuid(clientId)) return { refused: 'No client has this id.' };
    const [row] = await this.database.execute({
      text: `select 1 from ${ACTIVE_SECRET}`,
      params: [clientId, hashCredential(secret)],
    });
    return row ? true : { refused: await this.whySecretFails(clientId, secret) };
  }

  /** The federated client a request names, to verify its assertion against. */
  async federatedClient(clientId: string): Promise<{ client: FederatedClient } | Refused> {
    if (!isUuid(clientId)) return { refused: 'No client has this id.' };
    const [row] = await this.database.execute<ClientRow>({
      text: `select c.tenant_id, c.id, c.kind, c.revoked_at, c.federated_issuer, c.federated_subject,
                    c.federated_audiences, c.jwks_uri
               from oauth_clients c where c.id = ?::uuid`,
      params: [clientId],
    });
    if (!row) return { refused: 'No client has this id.' };
    if (row.revoked_at) return { refused: 'The client is revoked.' };
    if (row.kind !== 'federated') {
      return {
        refused:
          'A client assertion was sent, but this client authenticates with a client secret (client_secret_basic or client_secret_post).',
      };
    }
    return {
      client: {
        tenantId: row.tenant_id,
        clientId: row.id,
        issuer: row.federated_issuer!,
        subject: row.federated_subject!,
        audiences: row.federated_audiences!,
        jwksUri: row.jwks_uri!,
      },
    };
  }

  /**
   * After a federated client's assertion was verified: records the assertion's id, which must not
   * have been used before, and issues a token, in one statement. Two requests with the same
   * assertion, on any instances, cannot both succeed: the used id's primary key decides.
   */
  async issueForAssertion(
    client: FederatedClient,
    assertion: VerifiedAssertion,
  ): Promise<{ issued: IssuedAccessToken } | Refused> {
    const token = newAccessToken();
    const [row] = await this.database.execute<IssuedRow & { clients: number; first_uses: number }>({
      text: `with client as (
           select c.tenant_id, c.id, c.access_token_lifetime_minutes, null::uuid as secret_id
             from oauth_clients c
            where c.id = ?::uuid and c.kind = 'federated' and c.revoked_at is null
         ),
         forgotten as (delete from oauth_used_assertions u where u.expires_at < now()),
         first_use as (
           insert into oauth_used_assertions (issuer, jti, expires_at)
           select ?::text, ?::text, ?::timestamptz from client
           on conflict (issuer, jti) do nothing
           returning 1
         ),
         ${issuing('exists (select from first_use)')}
         select (select count(*) from client)::int as clients, (select count(*) from first_use)::int as first_uses,
                i.tenant_id, i.client_id, ${EXPIRES_IN}
           from (select) as one left join issued i on true`,
      params: [client.clientId, assertion.issuer, assertion.jti, assertion.acceptedUntil.toISOString(), token.hash],
    });
    if (row?.tenant_id) return { issued: issuedToken(token.value, row) };
    if (!row?.clients) return { refused: 'The client was revoked while its assertion was checked.' };
    return { refused: `The assertion (jti ${assertion.jti}) was already used; an assertion is good for one token.` };
  }

  /** Notes on the client, when it exists, why authenticating as it failed; its admin reads it there. */
  async recordFailure(clientId: string, reason: string): Promise<void> {
    if (!isUuid(clientId)) return;
    await this.database.execute({
      text: `update oauth_clients set last_failed_at = now(), last_failure = ? where id = ?::uuid`,
      params: [reason.slice(0, MAX_REASON_LENGTH), clientId],
    });
  }

  private async whySecretFails(clientId: string, secret: string): Promise<string> {
    const [row] = await this.database.execute<SecretDiagnosis>({
      text: `select c.kind, c.revoked_at is not null as client_revoked, s.prefix, s.revoked_at, s.expires_at
               from oauth_clients c
               left join oauth_client_secrets s
                 on s.tenant_id = c.tenant_id and s.client_id = c.id and s.secret_hash = ?
              where c.id = ?::uuid`,
      params: [hashCredential(secret), clientId],
    });
    if (!row) return 'No client has this id.';
    if (row.client_revoked) return 'The client is revoked.';
    if (row.kind === 'federated') {
      return 'A client secret was sent, but this client is federated: it authenticates with an assertion signed by its identity provider (client_assertion).';
    }
    if (!row.prefix) return "The client secret is not one of this client's secrets.";
    if (row.revoked_at) return `The client secret ${row.prefix} is revoked.`;
    return `The client secret ${row.prefix} expired at ${new Date(row.expires_at!).toISOString()}.`;
  }
}

/** An admin's view of why a client failed stays short; it may quote what the caller sent. */
const MAX_REASON_LENGTH = 500;

/**
 * The CTEs of an issuing statement that follow its `client` CTE (tenant_id, id,
 * access_token_lifetime_minutes, secret_id): the token, issued when `condition` holds, the
 * client's last use, and the removal of its tokens long expired, so the table keeps about one row
 * per client in use. Takes one parameter, the token's hash.
 */
function issuing(condition: string): string {
  return `issued as (
           insert into oauth_access_tokens (tenant_id, id, client_id, secret_id, token_hash, expires_at)
           select c.tenant_id, gen_random_uuid(), c.id, c.secret_id, ?, now() + make_interval(mins => c.access_token_lifetime_minutes)
             from client c where ${condition}
           returning tenant_id, client_id, secret_id, expires_at
         ),
         client_used as (
           update oauth_clients c set last_used_at = now()
             from issued i where c.tenant_id = i.tenant_id and c.id = i.client_id
         ),
         long_expired as (
           delete from oauth_access_tokens t using issued i
            where t.tenant_id = i.tenant_id and t.client_id = i.client_id and t.expires_at < now() - ${EXPIRED_TOKENS_KEPT}
         )`;
}

const EXPIRES_IN = 'extract(epoch from i.expires_at - now())::int as expires_in';

interface IssuedRow {
  tenant_id: string;
  client_id: string;
  expires_in: number;
}

interface ClientRow {
  tenant_id: string;
  id: string;
  kind: 'secret' | 'federated';
  revoked_at: string | null;
  federated_issuer: string | null;
  federated_subject: string | null;
  federated_audiences: string[] | null;
  jwks_uri: string | null;
}

interface SecretDiagnosis {
  kind: 'secret' | 'federated';
  client_revoked: boolean;
  prefix: string | null;
  revoked_at: string | null;
  expires_at: string | null;
}

function issuedToken(accessToken: string, row: IssuedRow): IssuedAccessToken {
  return { accessToken, expiresInSeconds: row.expires_in, tenantId: row.tenant_id, clientId: row.client_id };
}
