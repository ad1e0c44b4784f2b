import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { TOKEN_ENDPOINT_PATH } from '../api/auth/oauth/authorization-server-metadata';
import { ClientService } from '../domain/accounts/clients/client.service';
import { tenantOfClient } from '../domain/accounts/clients/client-tenant';
import type { ClientRecord, ClientSecretRecord } from '../domain/accounts/clients/client.record';
import { SCOPES, SCIM_TOKEN_SCOPES, type Scope, type TokenKind } from '../domain/accounts/tokens/scopes';
import { TokenService } from '../domain/accounts/tokens/token.service';
import { ConfigError, loadConfig, type Config } from '../platform/config';
import { connect, type Connection } from '../database';
import { TenantTransaction } from '../platform/db/tenant-transaction';
import { DomainError } from '../platform/errors';
import { purgeExpired } from '../domain/directory/retention/purge';
import { TenantService } from '../domain/accounts/tenants/tenant.service';
import { isUuid } from '../platform/ids';
import { createLogger } from '../platform/logger';
import { ChangeRecorder } from '../domain/directory/changes/change-recorder';
import { ExtensionAttributeService } from '../domain/directory/extensions/extension-attribute.service';
import { EXTENSION_ATTRIBUTE_TYPES, type ExtensionAttributeKind } from '../model/extension-attribute.entity';
import { ProvisioningEventService } from '../domain/directory/provisioning/provisioning-event.service';
import { WEBHOOK_USAGE, WebhookUsageError, webhookCommand } from './webhooks';

const USAGE = `Usage: npm run --silent cli -- <command> [options]

Commands:
  tenants create --name <name>                 Create a tenant with a SCIM token and an admin GraphQL token
  tenants list                                 List tenants
  tokens create --tenant <id> --kind scim|graphql [--name <name>] [--scopes read,write,admin (graphql tokens)]
                                               Issue a token (shown once)
  tokens list --tenant <id>                    List a tenant's tokens (never their secrets)
  tokens revoke --tenant <id> --token <token id>
                                               Revoke a token at once
  extensions list --tenant <id>                List the tenant's declared extension attributes
  extensions create --tenant <id> --schema <urn> --name <name> --type string|boolean|integer|decimal|date_time
                    [--description <text>] [--case-exact] [--unique]
                                               Declare an extension attribute (what Entra maps to <urn>:<name>)
  extensions delete --tenant <id> --schema <urn> --name <name> [--drop-values]
                                               Delete one (refused while users have values, unless --drop-values)
  extensions undeclared --tenant <id>          Extension attributes Entra sent that are not declared
  clients create --tenant <id> --name <name> [--token-lifetime-minutes 60-360] [--secret-lifetime-days 365-1095]
                                               Create an OAuth client with a first secret (shown once),
                                               for Entra's OAuth client credentials
  clients create --tenant <id> --name <name> --federated-issuer <url> --federated-subject <sub>
                 --federated-audience <aud> [--federated-audience <aud>] [--jwks-uri <url>]
                 [--token-lifetime-minutes 60-360]
                                               Create a federated OAuth client (workload identity federation)
  clients list --tenant <id>                   List a tenant's OAuth clients with their secrets (never the secrets)
  clients revoke --client <client id>          Revoke a client and its access tokens at once
  clients secrets add --client <client id> [--secret-lifetime-days 365-1095]
                                               Add a secret (shown once) to rotate to; at most 3 are active
  clients secrets revoke --client <client id> --secret <secret id>
                                               Revoke a secret and its access tokens at once
${WEBHOOK_USAGE}
  purge                                        Remove what is past retention (deleted objects,
                                               old changes and provisioning log entries) now

Options:
  --json    Print exactly one JSON object (for scripts) instead of text for people
  --help    Show this help

Uses DATABASE_URL when set, otherwise the embedded database under DATA_DIR (default ./.data).`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      tenant: { type: 'string' },
      kind: { type: 'string' },
      scopes: { type: 'string' },
      token: { type: 'string' },
      schema: { type: 'string' },
      type: { type: 'string' },
      description: { type: 'string' },
      'case-exact': { type: 'boolean', default: false },
      unique: { type: 'boolean', default: false },
      'drop-values': { type: 'boolean', default: false },
      client: { type: 'string' },
      secret: { type: 'string' },
      'federated-issuer': { type: 'string' },
      'federated-subject': { type: 'string' },
      'federated-audience': { type: 'string', multiple: true },
      'jwks-uri': { type: 'string' },
      'token-lifetime-minutes': { type: 'string' },
      'secret-lifetime-days': { type: 'string' },
      url: { type: 'string' },
      types: { type: 'string' },
      webhook: { type: 'string' },
      after: { type: 'string' },
      'previous-valid-hours': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const print = (json: unknown, text: string) =>
    process.stdout.write(values.json ? `${JSON.stringify(json)}\n` : `${text}\n`);

  const config = loadConfig();
  // Logs go to stderr, so stdout carries only the command's output.
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const connection = await connect(config, log, 'cli');
  try {
    const tenants = new TenantService(connection.database);
    switch (positionals.slice(0, 2).join(' ')) {
      case 'tenants create': {
        if (!values.name) throw new UsageError('tenants create needs --name.');
        const created = await tenants.create(values.name);
        print(
          { tenantId: created.tenantId, scimToken: created.scimToken, graphqlToken: created.graphqlToken },
          [
            `Created tenant "${created.name}" (${created.tenantId}). The tokens are shown only now:`,
            `  SCIM token (for Entra):      ${created.scimToken}`,
            `  GraphQL token (admin scope): ${created.graphqlToken}`,
          ].join('\n'),
        );
        return 0;
      }
      case 'tenants list': {
        const list = await tenants.list();
        print(
          { tenants: list.map((t) => ({ id: t.id, name: t.name, createdAt: t.createdAt.toISOString() })) },
          list.length === 0
            ? 'No tenants.'
            : list.map((t) => `${t.id}  ${t.name}  (created ${t.createdAt.toISOString()})`).join('\n'),
        );
        return 0;
      }
      case 'tokens create': {
        const kind = parseKind(values.kind);
        // SCIM tokens always carry what Entra needs; --scopes applies to GraphQL tokens.
        const scopes =
          kind === 'scim' ? SCIM_TOKEN_SCOPES : values.scopes ? parseScopes(values.scopes) : (['read'] as Scope[]);
        const issued = await inTenant(connection, values.tenant, (sql) =>
          new TokenService(sql).issue({ kind, name: values.name ?? `${kind} token`, scopes }),
        );
        print(
          { id: issued.id, kind: issued.kind, name: issued.name, scopes: issued.scopes, token: issued.secret },
          `Issued ${issued.kind} token "${issued.name}" (${issued.id}, scopes ${issued.scopes.join(',')}). Shown only now:\n  ${issued.secret}`,
        );
        return 0;
      }
      case 'tokens list': {
        const list = await inTenant(connection, values.tenant, (sql) => new TokenService(sql).list());
        print(
          {
            tokens: list.map((t) => ({
              id: t.id,
              kind: t.kind,
              name: t.name,
              prefix: t.prefix,
              scopes: t.scopes,
              createdAt: t.createdAt.toISOString(),
              lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
              revokedAt: t.revokedAt?.toISOString() ?? null,
            })),
          },
          list.length === 0
            ? 'No tokens.'
            : list
                .map(
                  (t) =>
                    `${t.id}  ${t.kind.padEnd(7)} ${t.prefix.padEnd(16)} ${t.scopes.join(',').padEnd(12)} ${t.revokedAt ? 'revoked' : 'active '}  ${t.name}`,
                )
                .join('\n'),
        );
        return 0;
      }
      case 'tokens revoke': {
        if (!values.token || !isUuid(values.token))
          throw new UsageError('tokens revoke needs --token <token id> (see tokens list).');
        const tokenId = values.token;
        const revoked = await inTenant(connection, values.tenant, (sql) => new TokenService(sql).revoke(tokenId));
        print({ id: revoked.id, revokedAt: revoked.revokedAt?.toISOString() }, `Revoked token ${revoked.id}.`);
        return 0;
      }
      case 'extensions list': {
        const list = await inTenant(connection, values.tenant, (sql) => extensions(sql).list());
        print(
          { extensionAttributes: list.map(describeAttribute) },
          list.length === 0
            ? 'No extension attributes declared.'
            : list.map((a) => `${a.schema}:${a.name}  ${a.type}${a.isUnique ? ' unique' : ''}`).join('\n'),
        );
        return 0;
      }
      case 'extensions create': {
        const { schema, name } = attributeName(values.schema, values.name);
        const type = values.type?.toLowerCase();
        if (!type || !(EXTENSION_ATTRIBUTE_TYPES as readonly string[]).includes(type)) {
          throw new UsageError(`--type must be one of ${EXTENSION_ATTRIBUTE_TYPES.join(', ')}.`);
        }
        const created = await inTenant(connection, values.tenant, (sql) =>
          extensions(sql).create({
            schema,
            name,
            type: type as ExtensionAttributeKind,
            description: values.description,
            caseExact: values['case-exact'],
            isUnique: values.unique,
          }),
        );
        print(describeAttribute(created), `Declared ${created.schema}:${created.name} (${created.type}).`);
        return 0;
      }
      case 'extensions delete': {
        const name = attributeName(values.schema, values.name);
        const deleted = await inTenant(connection, values.tenant, (sql) =>
          extensions(sql).delete(name, values['drop-values']),
        );
        print(describeAttribute(deleted), `Deleted ${deleted.schema}:${deleted.name}.`);
        return 0;
      }
      case 'extensions undeclared': {
        const list = await inTenant(connection, values.tenant, (sql) =>
          new ProvisioningEventService(sql).undeclaredAttributes(),
        );
        print(
          {
            undeclaredExtensionAttributes: list.map((u) => ({
              path: u.path,
              requests: Number(u.requestCount),
              lastSeenAt: u.lastSeenAt.toISOString(),
            })),
          },
          list.length === 0
            ? 'Entra has sent no undeclared extension attribute.'
            : list.map((u) => `${u.path}  ${u.requestCount} requests, last ${u.lastSeenAt.toISOString()}`).join('\n'),
        );
        return 0;
      }
      case 'clients create': {
        if (!values.name) throw new UsageError('clients create needs --name, e.g. --name "Entra provisioning".');
        const federated = values['federated-issuer'] || values['federated-subject'] || values['federated-audience'];
        if (federated && !(values['federated-issuer'] && values['federated-subject'] && values['federated-audience'])) {
          throw new UsageError(
            'A federated client needs --federated-issuer, --federated-subject and at least one --federated-audience.',
          );
        }
        const name = values.name;
        const { client, secret } = await inTenant(connection, values.tenant, (sql) =>
          new ClientService(sql).create({
            name,
            accessTokenLifetimeMinutes: wholeNumber(values['token-lifetime-minutes'], '--token-lifetime-minutes'),
            secretLifetimeDays: wholeNumber(values['secret-lifetime-days'], '--secret-lifetime-days'),
            federation: federated
              ? {
                  issuer: values['federated-issuer']!,
                  subject: values['federated-subject']!,
                  audiences: values['federated-audience']!,
                  jwksUri: values['jwks-uri'] ?? null,
                }
              : null,
          }),
        );
        const urls = serviceUrls(config);
        print(
          secret
            ? { clientId: client.id, clientSecret: secret.clientSecret, tokenUrl: urls.token }
            : { clientId: client.id, tokenUrl: urls.token },
          [
            `Created ${client.kind} OAuth client "${client.name}". In Entra's provisioning settings:`,
            `  Tenant URL        ${urls.scim}`,
            `  Token endpoint    ${urls.token}`,
            `  Client identifier ${client.id}`,
            ...(secret
              ? [
                  `  Client secret     ${secret.clientSecret}   (shown only now; expires ${secret.expiresAt.toISOString()})`,
                ]
              : [
                  `  Accepted issuer   ${client.federatedIssuer}`,
                  `  Subject           ${client.federatedSubject}`,
                  `  Audiences         ${client.federatedAudiences!.join(', ')}`,
                  `  Signing keys      ${client.jwksUri}`,
                ]),
            `Access tokens live ${client.accessTokenLifetimeMinutes} minutes.`,
          ].join('\n'),
        );
        return 0;
      }
      case 'clients list': {
        const clients = await inTenant(connection, values.tenant, async (sql) => {
          const service = new ClientService(sql);
          const all = await service.list({ includeRevoked: true });
          const secrets = await service.secretsOf(all.map((client) => client.id));
          return all.map((client) => ({ client, secrets: secrets.filter((secret) => secret.clientId === client.id) }));
        });
        print(
          { clients: clients.map(({ client, secrets }) => clientJson(client, secrets)) },
          clients.length === 0
            ? 'No OAuth clients.'
            : clients.map(({ client, secrets }) => clientText(client, secrets)).join('\n'),
        );
        return 0;
      }
      case 'clients revoke': {
        const { clientId, tenantId } = await clientAndTenant(connection, values);
        const revoked = await inTenant(connection, tenantId, (sql) => new ClientService(sql).revoke(clientId));
        print(
          { clientId: revoked.id, revokedAt: revoked.revokedAt?.toISOString() },
          `Revoked OAuth client ${revoked.id}; its access tokens are refused from now on.`,
        );
        return 0;
      }
      case 'clients secrets': {
        const action = positionals[2];
        const { clientId, tenantId } = await clientAndTenant(connection, values);
        if (action === 'add') {
          const days = wholeNumber(values['secret-lifetime-days'], '--secret-lifetime-days');
          const { secret } = await inTenant(connection, tenantId, (sql) =>
            new ClientService(sql).addSecret(clientId, days),
          );
          print(
            {
              clientId,
              secretId: secret.id,
              clientSecret: secret.clientSecret,
              expiresAt: secret.expiresAt.toISOString(),
            },
            `Added secret ${secret.id} to client ${clientId} (expires ${secret.expiresAt.toISOString()}). Shown only now:\n  ${secret.clientSecret}`,
          );
          return 0;
        }
        if (action === 'revoke') {
          if (!values.secret || !isUuid(values.secret))
            throw new UsageError('clients secrets revoke needs --secret <secret id> (see clients list).');
          const secretId = values.secret;
          const { secret } = await inTenant(connection, tenantId, (sql) =>
            new ClientService(sql).revokeSecret(clientId, secretId),
          );
          print(
            { clientId, secretId: secret.id, revokedAt: secret.revokedAt?.toISOString() },
            `Revoked secret ${secret.id} of client ${clientId}; its access tokens are refused from now on.`,
          );
          return 0;
        }
        throw new UsageError('Use clients secrets add or clients secrets revoke.');
      }
      case 'purge': {
        const purged = await purgeExpired(connection.database, config.retention);
        const result = purged ?? {
          deletedObjects: 0,
          changes: 0,
          provisioningEvents: 0,
          webhookDeliveries: 0,
          skipped: 'another purge is running',
        };
        print(
          result,
          purged
            ? `Purged ${purged.deletedObjects} deleted objects, ${purged.changes} change records, ${purged.provisioningEvents} provisioning log entries and ${purged.webhookDeliveries} webhook delivery attempts.`
            : 'Another purge is running; nothing done.',
        );
        return 0;
      }
      default: {
        if (positionals[0] === 'webhooks' && positionals[1]) {
          const action = positionals[1];
          const output = await inTenant(connection, values.tenant, (transaction) =>
            webhookCommand(action, values, config, transaction),
          );
          print(output.json, output.text);
          return 0;
        }
        throw new UsageError(`Unknown command "${positionals.join(' ')}".`);
      }
    }
  } finally {
    await connection.close();
  }
}

async function inTenant<T>(
  connection: Connection,
  tenantId: string | undefined,
  work: (sql: TenantTransaction) => Promise<T>,
): Promise<T> {
  if (!tenantId || !isUuid(tenantId))
    throw new UsageError('Give the tenant with --tenant <tenant id> (see tenants list).');
  if (!(await new TenantService(connection.database).exists(tenantId)))
    throw new UsageError(`No tenant has the id ${tenantId}.`);
  const transaction = await TenantTransaction.begin(connection.database);
  try {
    await transaction.enterTenant(tenantId);
    const result = await work(transaction);
    await transaction.commit();
    return result;
  } catch (error) {
    await transaction.rollback();
    throw error;
  }
}

function extensions(sql: TenantTransaction): ExtensionAttributeService {
  return new ExtensionAttributeService(sql, ChangeRecorder.on(sql, 'cli'));
}

function attributeName(schema: string | undefined, name: string | undefined) {
  if (!schema || !name) throw new UsageError('Give the attribute with --schema <urn> --name <name>.');
  return { schema, name };
}

function describeAttribute(attribute: {
  schema: string;
  name: string;
  type: string;
  description: string | null;
  caseExact: boolean;
  isUnique: boolean;
}) {
  return {
    schema: attribute.schema,
    name: attribute.name,
    type: attribute.type,
    description: attribute.description,
    caseExact: attribute.caseExact,
    unique: attribute.isUnique,
  };
}

/**
 * The client --client names and its tenant: a client id is unique across tenants, so naming the
 * tenant too is optional (and must then match).
 */
async function clientAndTenant(
  connection: Connection,
  values: { client?: string; tenant?: string },
): Promise<{ clientId: string; tenantId: string }> {
  const clientId = values.client;
  if (!clientId || !isUuid(clientId))
    throw new UsageError('Give the client with --client <client id> (see clients list).');
  const tenantId = await tenantOfClient(connection.database, clientId);
  if (!tenantId || (values.tenant && values.tenant !== tenantId)) {
    throw new UsageError(
      `No OAuth client has the id ${clientId}${values.tenant ? ` in tenant ${values.tenant}` : ''}.`,
    );
  }
  return { clientId, tenantId };
}

/** Where Entra reaches this service: PUBLIC_BASE_URL, else the address it listens on. */
function serviceUrls(config: Config): { scim: string; token: string } {
  const base = config.publicBaseUrl ?? `http://${config.host}:${config.port}`;
  return { scim: `${base}/scim`, token: `${base}${TOKEN_ENDPOINT_PATH}` };
}

function clientJson(client: ClientRecord, secrets: ClientSecretRecord[]) {
  const time = (date: Date | null) => date?.toISOString() ?? null;
  return {
    clientId: client.id,
    name: client.name,
    kind: client.kind,
    accessTokenLifetimeMinutes: client.accessTokenLifetimeMinutes,
    federation:
      client.kind === 'federated'
        ? {
            issuer: client.federatedIssuer,
            subject: client.federatedSubject,
            audiences: client.federatedAudiences,
            jwksUri: client.jwksUri,
          }
        : null,
    secrets: secrets.map((secret) => ({
      id: secret.id,
      prefix: secret.prefix,
      createdAt: time(secret.createdAt),
      expiresAt: time(secret.expiresAt),
      lastUsedAt: time(secret.lastUsedAt),
      revokedAt: time(secret.revokedAt),
    })),
    createdAt: time(client.createdAt),
    lastUsedAt: time(client.lastUsedAt),
    lastFailedAt: time(client.lastFailedAt),
    lastFailure: client.lastFailure,
    revokedAt: time(client.revokedAt),
  };
}

function clientText(client: ClientRecord, secrets: ClientSecretRecord[]): string {
  const lines = [`${client.id}  ${client.kind.padEnd(9)} ${client.revokedAt ? 'revoked' : 'active '}  ${client.name}`];
  if (client.kind === 'federated') {
    lines.push(
      `    iss ${client.federatedIssuer}  sub ${client.federatedSubject}  aud ${client.federatedAudiences!.join(', ')}`,
    );
  }
  for (const secret of secrets) {
    const state = secret.revokedAt ? 'revoked' : secret.expiresAt <= new Date() ? 'expired' : 'active ';
    const lastUsed = secret.lastUsedAt ? `last used ${secret.lastUsedAt.toISOString()}` : 'never used';
    lines.push(
      `    secret ${secret.id}  ${secret.prefix.padEnd(16)} ${state}  expires ${secret.expiresAt.toISOString()}  ${lastUsed}`,
    );
  }
  if (client.lastFailedAt) lines.push(`    last failure ${client.lastFailedAt.toISOString()}: ${client.lastFailure}`);
  return lines.join('\n');
}

function wholeNumber(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`${option} takes a whole number.`);
  return Number(text);
}

function parseKind(kind: string | undefined): TokenKind {
  if (kind === 'scim' || kind === 'graphql') return kind;
  throw new UsageError('--kind must be scim or graphql.');
}

function parseScopes(text: string): Scope[] {
  const scopes = text.split(',').map((scope) => scope.trim());
  const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) throw new UsageError(`Unknown scope ${unknown.join(', ')}; use ${SCOPES.join(', ')}.`);
  return scopes as Scope[];
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known =
      error instanceof UsageError ||
      error instanceof WebhookUsageError ||
      error instanceof DomainError ||
      error instanceof ConfigError;
    process.stderr.write(`${known ? '' : 'Failed: '}${error instanceof Error ? error.message : String(error)}\n`);
    if (error instanceof UsageError || error instanceof WebhookUsageError) process.stderr.write(`\n${USAGE}\n`);
    process.exit(known ? 2 : 1);
  },
);
