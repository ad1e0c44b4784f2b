import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { SCOPES, SCIM_TOKEN_SCOPES, type Scope, type TokenKind } from '../domain/accounts/tokens/scopes';
import { TokenService } from '../domain/accounts/tokens/token.service';
import { ConfigError, loadConfig } from '../platform/config';
import { connect, type Connection } from '../database';
import { TenantTransaction } from '../platform/db/tenant-transaction';
import { DomainError } from '../platform/errors';
import { purgeExpired } from '../domain/directory/retention/purge';
import { TenantService } from '../domain/accounts/tenants/tenant.service';
import { isUuid } from '../platform/ids';
import { createLogger } from '../platform/logger';
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
      url: { type: 'string' },
      types: { type: 'string' },
      description: { type: 'string' },
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
        const issued = await inTenant(connection, values.tenant, (tokens) =>
          tokens.issue({ kind, name: values.name ?? `${kind} token`, scopes }),
        );
        print(
          { id: issued.id, kind: issued.kind, name: issued.name, scopes: issued.scopes, token: issued.secret },
          `Issued ${issued.kind} token "${issued.name}" (${issued.id}, scopes ${issued.scopes.join(',')}). Shown only now:\n  ${issued.secret}`,
        );
        return 0;
      }
      case 'tokens list': {
        const list = await inTenant(connection, values.tenant, (tokens) => tokens.list());
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
        const revoked = await inTenant(connection, values.tenant, (tokens) => tokens.revoke(tokenId));
        print({ id: revoked.id, revokedAt: revoked.revokedAt?.toISOString() }, `Revoked token ${revoked.id}.`);
        return 0;
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
          const output = await inTenantTransaction(connection, values.tenant, (transaction) =>
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

function inTenant<T>(
  connection: Connection,
  tenantId: string | undefined,
  work: (tokens: TokenService) => Promise<T>,
): Promise<T> {
  return inTenantTransaction(connection, tenantId, (transaction) => work(new TokenService(transaction)));
}

async function inTenantTransaction<T>(
  connection: Connection,
  tenantId: string | undefined,
  work: (transaction: TenantTransaction) => Promise<T>,
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
