import type { TenantTransaction } from '../../../platform/db/tenant-transaction';
import { and, fragment, TRUE } from '../../../platform/db/sql-fragment';
import { InvalidInputError, NotFoundError } from '../../../platform/errors';
import { planKeysetPage, toPage, type Page, type PageRequest, type SortKey } from '../../../platform/pagination';
import { isUuid } from '../../../platform/ids';
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

const TOKEN_SELECT = 't.id, t.kind, t.name, t.prefix, t.scopes, t.created_at, t.last_used_at, t.revoked_at';

interface TokenRow {
  id: string;
  kind: TokenKind;
  name: string;
  prefix: string;
  scopes: Scope[];
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Issues, lists and revokes a tenant's credentials. Several may be active at once, for rotation. */
export class TokenService {
  constructor(private readonly transaction: TenantTransaction) {}

  async issue(request: TokenRequest): Promise<IssuedToken> {
    const { kind, name, scopes } = validateTokenRequest(request);
    const secret = generateTokenSecret(kind);
    const [row] = await this.transaction.query<TokenRow>(
      `insert into api_tokens as t (tenant_id, id, kind, name, prefix, secret_hash, scopes)
       values (?, gen_random_uuid(), ?, ?, ?, ?, array(select jsonb_array_elements_text(?::jsonb)))
       returning ${TOKEN_SELECT}`,
      [this.transaction.tenantId, kind, name, displayPrefix(secret), hashTokenSecret(secret), JSON.stringify(scopes)],
    );
    return { ...summarize(row!), secret };
  }

  async list(): Promise<TokenSummary[]> {
    const rows = await this.transaction.query<TokenRow>(
      `select ${TOKEN_SELECT} from api_tokens t where t.tenant_id = ? order by t.created_at, t.id`,
      [this.transaction.tenantId],
    );
    return rows.map(summarize);
  }

  /** A page of tokens, oldest first, in SQL (the GraphQL apiTokens connection). */
  async page(options: { includeRevoked: boolean }, request: PageRequest): Promise<Page<TokenSummary>> {
    const plan = planKeysetPage(BY_CREATION, 't.id', request);
    const where = and([this.belongsToTenant(options), plan.after]);
    const rows = await this.transaction.query<TokenRow & { sort_key: string }>(
      `select ${TOKEN_SELECT}, ${plan.sortKeySelect}
         from api_tokens t where ${where.text} order by ${plan.orderBy} limit ? offset ?`,
      [...where.params, plan.limit, plan.offset],
    );
    return toPage(rows, BY_CREATION, request, summarize);
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
    const [row] = await this.transaction.query<TokenRow>(
      `update api_tokens as t set revoked_at = coalesce(t.revoked_at, now())
        where t.tenant_id = ? and t.id = ? returning ${TOKEN_SELECT}`,
      [this.transaction.tenantId, id],
    );
    if (!row) throw new NotFoundError('Token', id);
    return summarize(row);
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

function summarize(row: TokenRow): TokenSummary {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: new Date(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
  };
}
