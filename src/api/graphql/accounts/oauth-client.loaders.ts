import type DataLoader from 'dataloader';
import type { ClientSecretRecord } from '../../../domain/accounts/clients/client.record';
import type { GraphQLContext } from '../context';

/** The secrets of each client in a response, newest first, in one statement for all of them. */
export function secretsOfClient(context: GraphQLContext): DataLoader<string, ClientSecretRecord[]> {
  return context.loaders.get('secretsOfClient', undefined, async (clientIds: readonly string[]) => {
    const secrets = await context.oauthClients.secretsOf(clientIds);
    return clientIds.map((id) => secrets.filter((secret) => secret.clientId === id));
  });
}
