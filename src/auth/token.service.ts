import type { TenantTransaction } from '../db/tenant-transaction';
import { and, fragment, TRUE } from '../db/sql-fragment';
import { InvalidInputError, NotFoundError } from '../directory/errors';
import { planKeysetPage, toPage, type Page, type PageRequest, type SortKey } from '../directory/shared/pagination';
import { isUuid } from '../directory/shared/ids';
import { ApiToken } from './api-token.entity';
import { SCIM_TOKEN_SCOPES, SCOPES, type Scope, type TokenKind } from './scopes';
import { displayPrefix, generateTokenSecret, hashTokenSecret } from './token-secret';

export interface TokenSummary {
  id: string;
  kind: TokenKind;
  name: string;
  prefix: string;
  scopes: Scope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

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

interface TokenRow {
  id: string;
  kind: TokenKind;
  name: string;
  prefix: string;
  scopes: Scope[];
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  sort_key: string;
}

/** Issues, lists and revokes a tenant's credentials. Several may be active at once, for rotation. */
export class TokenService {
  constructor(private readonly transaction: TenantTransaction) {}

  async issue(request: TokenRequest): Promise<IssuedToken> {
    const { kind, name, scopes } = validateTokenRequest(request);
    const secret = generateTokenSecret(kind);
    const token = this.transaction.em.create(ApiToken, {
      tenantId: this.transaction.tenantId,
      kind,
      name,
      prefix: displayPrefix(secret),
      secretHash: hashTokenSecret(secret),
      scopes,
    });
    await this.transaction.em.flush();
    return { ...summarize(token), secret };
  }

  async list(): Promise<TokenSummary[]> {
    const tokens = await this.transaction.em.find(
      ApiToken,
      { tenantId: this.transaction.tenantId },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    return tokens.map(summarize);
  }

  /** A page of tokens, oldest first, in SQL (the GraphQL apiTokens connection). */
  async page(options: { includeRevoked: boolean }, request: PageRequest): Promise<Page<TokenSummary>> {
    const plan = planKeysetPage(BY_CREATION, 't.id', request);
    const where = and([this.belongsToTenant(options), plan.after]);
    const rows = await this.transaction.query<TokenRow>(
      `select t.id, t.kind, t.name, t.prefix, t.scopes, t.created_at, t.last_used_at, t.revoked_at, ${plan.sortKeySelect}
         from api_tokens t where ${where.text} order by ${plan.orderBy} limit ? offset ?`,
      [...where.params, plan.limit, plan.offset],
    );
    return toPage(rows, BY_CREATION, request, (row) => ({
      id: row.id,
      kind: row.kind,
      name: row.name,
      prefix: row.prefix,
      scopes: row.scopes,
      createdAt: new Date(row.created_at),
      lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
      revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
    }));
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
    const token = isUuid(id)
      ? await this.transaction.em.findOne(ApiToken, { tenantId: this.transaction.tenantId, id })
      : null;
    if (!token) throw new NotFoundError('Token', id);
    token.revokedAt ??= new Date();
    await this.transaction.em.flush();
    return summarize(token);
  }

  private belongsToTenant({ includeRevoked }: { includeRevoked: boolean }) {
    return and([
      fragment('t.tenant_id = ?', this.transaction.tenantId),
      includeRevoked ? TRUE : fragment('t.revoked_at is null'),
    ]);
  }
}

function validateTokenRequest(request: TokenRequest): { kind: TokenKind; name: string; scopes: Scope[] } {
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

function summarize(token: ApiToken): TokenSummary {
  return {
    id: token.id,
    kind: token.kind,
    name: token.name,
    prefix: token.prefix,
    scopes: token.scopes,
    createdAt: new Date(token.createdAt),
    lastUsedAt: token.lastUsedAt && new Date(token.lastUsedAt),
    revokedAt: token.revokedAt && new Date(token.revokedAt),
  };
}
