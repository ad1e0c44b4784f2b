import type { Database } from '../../../platform/db/database';
import { isUuid } from '../../../platform/ids';

/** The tenant a client id belongs to, for an operator who names only the client (the CLI). */
export async function tenantOfClient(database: Database, clientId: string): Promise<string | undefined> {
  if (!isUuid(clientId)) return undefined;
  const [row] = await database.execute<{ tenant_id: string }>({
    text: 'select tenant_id from oauth_clients where id = ?::uuid',
    params: [clientId],
  });
  return row?.tenant_id;
}
