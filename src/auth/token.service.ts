import type { TenantTransaction } from '../db/tenant-transaction';
import { NotFoundError } from '../directory/errors';
import { ApiToken } from './api-token.entity';
import type { Scope, TokenKind } from './scopes';
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

/** Issues, lists and revokes a tenant's credentials. Several may be active at once, for rotation. */
export class TokenService {
  constructor(private readonly transaction: TenantTransaction) {}

  async issue(input: { kind: TokenKind; name: string; scopes: Scope[] }): Promise<IssuedToken> {
    const secret = generateTokenSecret(input.kind);
    const token = this.transaction.em.create(ApiToken, {
      tenantId: this.transaction.tenantId,
      kind: input.kind,
      name: input.name,
      prefix: displayPrefix(secret),
      secretHash: hashTokenSecret(secret),
      scopes: input.scopes,
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

  async revoke(id: string): Promise<TokenSummary> {
    const token = await this.transaction.em.findOne(ApiToken, { tenantId: this.transaction.tenantId, id });
    if (!token) throw new NotFoundError('Token', id);
    token.revokedAt ??= new Date();
    await this.transaction.em.flush();
    return summarize(token);
  }
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
