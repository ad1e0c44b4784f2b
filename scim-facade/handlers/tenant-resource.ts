import type { ScimHandlerContext } from '../http/scim-exchange';
import type { IgnoredAttributes } from '../patch/patch-operation';
import { USER_RESOURCE, type ResourceSchemas } from '../schema/scim-schemas';
import { mentionsTenantSchema, userResourceWith } from '../schema/tenant-schemas';

/**
 * The User resource as this request must know it: with the tenant's declared extension schemas
 * when the request names a URN of theirs (one GraphQL query, once per request), else the built-in
 * schemas alone at no cost.
 */
export function userResourceFor(context: ScimHandlerContext, ...sources: unknown[]): Promise<ResourceSchemas> {
  const text = sources
    .map((source) => (typeof source === 'string' ? source : JSON.stringify(source ?? null)))
    .join(' ');
  if (!mentionsTenantSchema(text)) return Promise.resolve(USER_RESOURCE);
  context.userResource ??= context.graphql
    .run('ExtensionAttributes', {})
    .then((data) => userResourceWith(data.extensionAttributes));
  return context.userResource;
}

/** At most this many attributes are named in one warning; the rest are counted. */
const NAMED = 10;

/** Warnings for the provisioning log about what a request carried that was not stored. */
export function noteIgnored(context: ScimHandlerContext, ignored: IgnoredAttributes): void {
  const note = context.note;
  if (ignored.undeclared.length > 0) {
    note.undeclaredAttributes = [...(note.undeclaredAttributes ?? []), ...ignored.undeclared];
    warn(
      context,
      `${listed(ignored.undeclared)} ${ignored.undeclared.length === 1 ? 'is not a declared extension attribute' : 'are not declared extension attributes'} of this tenant, so ${ignored.undeclared.length === 1 ? 'it was' : 'they were'} not stored. To keep ${ignored.undeclared.length === 1 ? 'it' : 'them'}, declare each with the GraphQL mutation extensionAttributeCreate(input: { schema, name, type }) or "npm run cli -- extensions create" (see the README, "Your own attributes").`,
    );
  }
  if (ignored.unknown.length > 0) {
    warn(
      context,
      `${listed(ignored.unknown)} ${ignored.unknown.length === 1 ? 'is not an attribute' : 'are not attributes'} of a ${note.resourceType ?? 'resource'}; ignored.`,
    );
  }
}

export function warn(context: ScimHandlerContext, warning: string): void {
  context.note.warnings = [...(context.note.warnings ?? []), warning];
}

function listed(names: readonly string[]): string {
  const shown = names
    .slice(0, NAMED)
    .map((name) => JSON.stringify(name.length > 200 ? `${name.slice(0, 200)}…` : name));
  return names.length > NAMED ? `${shown.join(', ')} and ${names.length - NAMED} more` : shown.join(', ');
}
