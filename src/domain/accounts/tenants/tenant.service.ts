import { randomUUID } from 'node:crypto';
import { ApiToken } from '../../../model/api-token.entity';
import { Tenant } from '../../../model/tenant.entity';
import type { Database } from '../../../platform/db/database';
import { InvalidInputError } from '../../../platform/errors';
import { SCIM_TOKEN_SCOPES } from '../tokens/scopes';
import { newTokenSecret } from '../tokens/token-secret';
import { validateTokenRequest, type TokenRequest } from '../tokens/token.service';

export interface CreatedTenant {
  tenantId: string;
  name: string;
  scimToken: string;
  graphqlToken: string;
}

/**
 * Tenants are created and listed by operators (CLI, the demo tenant at first start), outside any
 * request and outside any tenant: administration, so MikroORM's unit of work does it.
 */
export class TenantService {
  constructor(private readonly database: Database) {}

  /** A tenant with the two tokens it starts with: one for Entra, one admin token for GraphQL. */
  async create(name: string): Promise<CreatedTenant> {
    if (!name.trim()) throw new InvalidInputError('A tenant needs a name.', ['name']);
    return this.database.em().transactional(async (em) => {
      const tenant = em.create(Tenant, { id: randomUUID(), name: name.trim() });
      const issue = (request: TokenRequest) => {
        const { kind, name: tokenName, scopes } = validateTokenRequest(request);
        const { secret, prefix, hash } = newTokenSecret(kind);
        em.create(ApiToken, { tenant, id: randomUUID(), kind, name: tokenName, prefix, secretHash: hash, scopes });
        return secret;
      };
      const scimToken = issue({ kind: 'scim', name: 'Microsoft Entra provisioning', scopes: SCIM_TOKEN_SCOPES });
      const graphqlToken = issue({ kind: 'graphql', name: 'Initial admin token', scopes: ['admin'] });
      await em.flush();
      return { tenantId: tenant.id, name: tenant.name, scimToken, graphqlToken };
    });
  }

  async list(): Promise<Array<{ id: string; name: string; createdAt: Date }>> {
    const tenants = await this.database.em().find(Tenant, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
    return tenants.map((tenant) => ({ id: tenant.id, name: tenant.name, createdAt: new Date(tenant.createdAt) }));
  }

  async exists(id: string): Promise<boolean> {
    return (await this.database.em().count(Tenant, { id })) > 0;
  }

  /** True when no tenant exists yet: the service then creates the demo tenant. */
  async isEmpty(): Promise<boolean> {
    return (await this.database.em().count(Tenant, {})) === 0;
  }
}
