import type { Sql } from '../../../platform/db/tenant-transaction';
import { and, fragment, TRUE } from '../../../platform/db/sql-fragment';
import { InvalidInputError, NotFoundError } from '../../../platform/errors';
import { planKeysetPage, toPage, type Page, type PageRequest, type SortKey } from '../../../platform/pagination';
import { isUuid } from '../../../platform/ids';
import { SCIM_TOKEN_SCOPES, SCOPES, type Scope, type TokenKind } from './scopes';
import { newTokenSecret } from './token-secret';
import { API_TOKENS, type TokenSummary } from './token.record';

export type { TokenSummary };

export interface IssuedToken extends TokenSummary {
  /** The secret itself. Returned once, never stored. */
  secret: string;
}

export interface TokenRequest {
  kind: TokenKind;
  name: string;
  /** GraphQL tokens: read, write and/or admin. SCIM tokens always get SCIM_TOKEN_SCOPES; omit them. */
  scopes?: readonly Scope[] | null;
}

const MAX_NAME_LENGTH = 200;

/** Oldest first: the order tokens were issued in. */
const BY_CREATION: SortKey = {
  name: 'apiTokens:CREATED_AT:asc',
  expression: 't.created_at',
  type: 'timestamptz',
  unique: false,
  descending: false,
};

/** Issues, lists and revokes a tenant's credentials. Several may be active at once, for rotation. */
export class TokenService {
  constructor(private readonly transaction: Sql) {}

  async issue(request: TokenRequest): Promise<IssuedToken> {
    const { kind, name, scopes } = validateTokenRequest(request);
    const { secret, prefix, hash } = newTokenSecret(kind);
    const [row] = await this.transaction.query(
      `insert into api_tokens as t (tenant_id, id, kind, name, prefix, secret_hash, scopes)
       values (?, gen_random_uuid(), ?, ?, ?, ?, array(select jsonb_array_elements_text(?::jsonb)))
       returning ${API_TOKENS.select}`,
      [this.transaction.tenantId, kind, name, prefix, hash, JSON.stringify(scopes)],
    );
    return { ...(API_TOKENS.fromRow(row!) as TokenSummary), secret };
  }

  async list(): Promise<TokenSummary[]> {
    const rows = await this.transaction.query(
      `select ${API_TOKENS.select} from api_tokens t where t.tenant_id = ? order by t.created_at, t.id`,
      [this.transaction.tenantId],
    );
    return rows.map((row) => API_TOKENS.fromRow(row) as TokenSummary);
  }

  /** A page of tokens, oldest first, in SQL (the GraphQL apiTokens connection). */
  async page(options: { includeRevoked: boolean }, request: PageRequest): Promise<Page<TokenSummary>> {
    const plan = planKeysetPage(BY_CREATION, 't.id', request);
    const where = and([this.belongsToTenant(options), plan.after]);
    const rows = await this.transaction.query<{ id: string; sort_key: string }>(
      `select ${API_TOKENS.select}, ${plan.sortKeySelect}
         from api_tokens t where ${where.text} order by ${plan.orderBy} limit ? offset ?`,
      [...where.params, plan.limit, plan.offset],
    );
    return toPage(rows, BY_CREATION, request, (row) => API_TOKENS.fromRow(row) as TokenSummary);
  }

  async count(options: { includeRevoked: boolean }): Promise<number> {
    const where = this.belongsToTenant(options);
    const [row] = await this.transaction.query<{ count: number }>(
      `select count(*)::int as count from api_tokens t where ${where.text}`,
      where.params,
    );
    return row?.count ?? 0;
  }

  async revoke(id: string): Promise<TokenSummary> {
    // Not a UUID cannot name a token; asking PostgreSQL would fail the statement instead.
    if (!isUuid(id)) throw new NotFoundError('Token', id);
    const [row] = await this.transaction.query(
      `update api_tokens as t set revoked_at = coalesce(t.revoked_at, now())
        where t.tenant_id = ? and t.id = ? returning ${API_TOKENS.select}`,
      [this.transaction.tenantId, id],
    );
    if (!row) throw new NotFoundError('Token', id);
    return API_TOKENS.fromRow(row) as TokenSummary;
  }

  /** When a token of this kind was last used, to the hour (revoked ones too: they were used then). */
  async lastUsedAt(kind: TokenKind): Promise<Date | null> {
    const [row] = await this.transaction.query<{ last_used_at: string | null }>(
      `select max(t.last_used_at) as last_used_at from api_tokens t where t.tenant_id = ? and t.kind = ?`,
      [this.transaction.tenantId, kind],
    );
    return row?.last_used_at ? new Date(row.last_used_at) : null;
  }

  /** Revokes every active token of a kind but one (a rotation); returns those it revoked. */
  async revokeOthers(kind: TokenKind, keptId: string): Promise<TokenSummary[]> {
    const rows = await this.transaction.query(
      `update api_tokens as t set revoked_at = now()
        where t.tenant_id = ? and t.kind = ? and t.id <> ? and t.revoked_at is null
       returning ${API_TOKENS.select}`,
      [this.transaction.tenantId, kind, keptId],
    );
    return rows.map((row) => API_TOKENS.fromRow(row) as TokenSummary);
  }

  private belongsToTenant({ includeRevoked }: { includeRevoked: boolean }) {
    return and([
      fragment('t.tenant_id = ?', this.transaction.tenantId),
      includeRevoked ? TRUE : fragment('t.revoked_at is null'),
    ]);
  }
}

export function validateTokenRequest(request: TokenRequest): { kind: TokenKind; name: string; scopes: Scope[] } {
  const name = request.name.trim();
  if (!name) throw new InvalidInputError('A token needs a name that says who or what holds it.', ['name']);
  if (name.length > MAX_NAME_LENGTH) {
    throw new InvalidInputError(`name must be at most ${MAX_NAME_LENGTH} characters.`, ['name']);
  }
  const requested = [...new Set(request.scopes ?? [])];
  if (request.kind === 'scim') {
    const fixed = requested.length === 0 || sameScopes(requested, SCIM_TOKEN_SCOPES);
    if (!fixed)
      throw new InvalidInputError('A SCIM token always has the scopes write and provision; omit scopes.', ['scopes']);
    return { kind: 'scim', name, scopes: [...SCIM_TOKEN_SCOPES] };
  }
  if (requested.length === 0) throw new InvalidInputError('A GraphQL token needs at least one scope.', ['scopes']);
  if (!requested.every((scope) => (SCOPES as readonly Scope[]).includes(scope))) {
    throw new InvalidInputError(`A GraphQL token's scopes are ${SCOPES.join(', ')}.`, ['scopes']);
  }
  return { kind: 'graphql', name, scopes: requested };
}

function sameScopes(a: readonly Scope[], b: readonly Scope[]): boolean {
  return a.length === b.length && a.every((scope) => b.includes(scope));
}
