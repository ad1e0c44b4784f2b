import type { Database } from '../../../platform/db/database';
import { TenantTransaction } from '../../../platform/db/tenant-transaction';
import { SCIM_TOKEN_SCOPES } from '../tokens/scopes';
import { TokenService } from '../tokens/token.service';
import { InvalidInputError } from '../../../platform/errors';
import { Tenant } from '../../../model/tenant.entity';

export interface CreatedTenant {
  tenantId: string;
  name: string;
  scimToken: string;
  graphqlToken: string;
}

/**
 * Tenants are created by operators (CLI) outside any tenant, so this runs with the connecting
 * role; the tokens are then issued inside the new tenant, under row-level security.
 */
export class TenantService {
  constructor(private readonly database: Database) {}

  async create(name: string): Promise<CreatedTenant> {
    if (!name.trim()) throw new InvalidInputError('A tenant needs a name.', ['name']);
    const transaction = await TenantTransaction.begin(this.database);
    try {
      const [tenant] = await transaction.queryAsOwner<{ id: string; name: string }>(
        'insert into tenants (id, name) values (gen_random_uuid(), ?) returning id, name',
        [name.trim()],
      );
      await transaction.enterTenant(tenant!.id);
      const tokens = new TokenService(transaction);
      const scim = await tokens.issue({
        kind: 'scim',
        name: 'Microsoft Entra provisioning',
        scopes: SCIM_TOKEN_SCOPES,
      });
      const graphql = await tokens.issue({ kind: 'graphql', name: 'Initial admin token', scopes: ['admin'] });
      await transaction.commit();
      return { tenantId: tenant!.id, name: tenant!.name, scimToken: scim.secret, graphqlToken: graphql.secret };
    } catch (error) {
      await transaction.rollback();
      throw error;
    }
  }

  async list(): Promise<Array<{ id: string; name: string; createdAt: Date }>> {
    const em = this.database.fork();
    const tenants = await em.find(Tenant, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
    return tenants.map((tenant) => ({ id: tenant.id, name: tenant.name, createdAt: new Date(tenant.createdAt) }));
  }

  async exists(id: string): Promise<boolean> {
    return (await this.database.fork().count(Tenant, { id })) > 0;
  }

  /** True when no tenant exists yet: the service then creates the demo tenant. */
  async isEmpty(): Promise<boolean> {
    return (await this.database.fork().count(Tenant, {})) === 0;
  }
}
