import { invalidFilter } from '../errors';
import { findSubAttribute, resolveAttributePath } from '../schema/resolve-attribute-path';
import type { ScimAttribute } from '../schema/scim-schemas';
import type { Filter } from './filter-ast';
import {
  booleanField,
  dateTimeField,
  formatAttrPath,
  idField,
  own,
  stringField,
  stringOperators,
  translateTree,
  unknownAttribute,
  unsupportedAttribute,
  type BooleanTree,
  type Condition,
  type ConditionRule,
  type Leaf,
} from './filter-conditions';
import type { ExtensionAttributeFilterInput, UserFilterInput } from '../graphql/operation-types';
import { USER_RESOURCE, type ResourceSchemas } from '../schema/scim-schemas';
import { USER_ATTRIBUTES, userAttributesOf, type UserAttribute } from '../schema/user-attributes';

/** Holds for every user (every user has an id): what `active pr` and `meta.created pr` mean. */
const everyUser: UserFilterInput = { id: { present: true } };

/** The rule for a mapped attribute with one value, by its kind (see mapping/user-attributes.ts). */
function ruleFor(attribute: UserAttribute): Array<[string, ConditionRule<UserFilterInput>]> {
  switch (attribute.kind) {
    case 'text':
      return attribute.filterable === false ? [] : [[attribute.scim, stringField(attribute.field)]];
    case 'boolean':
      return [[attribute.scim, booleanField(attribute.field, everyUser)]];
    case 'manager':
      return [
        [attribute.scim, idField('managerId')],
        [`${attribute.scim}.value`, idField('managerId')],
      ];
    case 'multiValued':
      return [];
    case 'dateTime':
      return [[attribute.scim, dateTimeField(attribute.field, { [attribute.field]: { present: true } })]];
    case 'extension':
      return [[attribute.scim, extensionRule(attribute)]];
  }
}

/** Attributes with one value, by canonical path (see resolveAttributePath). */
function fieldRules(attributes: readonly UserAttribute[]): Readonly<Record<string, ConditionRule<UserFilterInput>>> {
  return {
    id: idField('id'),
    ...Object.fromEntries(attributes.flatMap(ruleFor)),
    groups: memberOf,
    'groups.value': memberOf,
    'meta.created': dateTimeField('createdAt', everyUser),
    'meta.lastModified': dateTimeField('updatedAt', everyUser),
  };
}

const builtInFields = fieldRules(USER_ATTRIBUTES);

/**
 * A declared attribute: its condition in UserFilterInput.extensionAttributes, compared in SQL by
 * its declared type (the core coerces "5" for a number, "True" for a boolean).
 */
function extensionRule(attribute: Extract<UserAttribute, { kind: 'extension' }>): ConditionRule<UserFilterInput> {
  return (node) => {
    const condition: ExtensionAttributeFilterInput = { schema: attribute.schema, name: attribute.name };
    if (node.kind === 'present') condition.present = true;
    else if (node.value === null) {
      if (node.operator !== 'eq' && node.operator !== 'ne') {
        throw invalidFilter(`Invalid filter: "${node.operator}" cannot compare "${attribute.scim}" with null.`);
      }
      condition.present = node.operator === 'ne';
    } else {
      condition[stringOperators[node.operator]] = node.value as never;
    }
    return { extensionAttributes: [condition] };
  };
}

/** A user's groups: only "is a member of this group" has a GraphQL form. */
function memberOf(node: Condition): UserFilterInput {
  if (node.kind !== 'compare' || node.operator !== 'eq' || node.value === null) {
    throw invalidFilter(
      `Invalid filter: "${formatAttrPath(node.path)}" supports only eq with a group id, e.g. groups eq "<group id>".`,
    );
  }
  return { memberOf: { groupId: typeof node.value === 'string' ? node.value : (node.raw ?? String(node.value)) } };
}

/** MultiValueFilterInput or AddressFilterInput: a condition on one element of a multi-valued attribute. */
interface ElementFilter extends BooleanTree<ElementFilter> {
  [subAttribute: string]: unknown;
}

interface ElementAttribute {
  rules: Readonly<Record<string, ConditionRule<ElementFilter>>>;
  /** The sub-attribute meant when a filter names the attribute alone (`emails eq "x"`). */
  defaultSubAttribute?: string;
}

const multiValue: ElementAttribute = {
  rules: {
    value: stringField('value'),
    type: stringField('type'),
    display: stringField('display'),
    primary: booleanField('primary'),
  },
  defaultSubAttribute: 'value',
};

const address: ElementAttribute = {
  rules: {
    type: stringField('type'),
    formatted: stringField('formatted'),
    streetAddress: stringField('streetAddress'),
    locality: stringField('locality'),
    region: stringField('region'),
    postalCode: stringField('postalCode'),
    country: stringField('country'),
    primary: booleanField('primary'),
  },
};

/** Keyed by canonical attribute name, which is also the UserFilterInput field. */
const elementAttributes: Readonly<Record<string, ElementAttribute>> = {
  emails: multiValue,
  phoneNumbers: multiValue,
  roles: multiValue,
  addresses: address,
};

/**
 * Translates a parsed SCIM filter on Users into the GraphQL `UserFilterInput`. Any attribute or
 * operator without an exact GraphQL form is a 400 invalidFilter naming it (R-29: never widen).
 */
export function translateUserFilter(filter: Filter, resource: ResourceSchemas = USER_RESOURCE): UserFilterInput {
  const fields = resource === USER_RESOURCE ? builtInFields : fieldRules(userAttributesOf(resource));
  return translateTree<UserFilterInput>(filter, (node) => translateLeaf(node, resource, fields));
}

function translateLeaf(
  node: Leaf,
  resource: ResourceSchemas,
  userFields: Readonly<Record<string, ConditionRule<UserFilterInput>>>,
): UserFilterInput {
  const resolved = resolveAttributePath(resource, node.path);
  if (!resolved) throw unknownAttribute(node.path, 'User');
  const elements = own(elementAttributes, resolved.canonicalAttribute);
  if (elements) {
    const condition = elementCondition(node, elements, resolved.attribute, resolved.subAttribute);
    return { [resolved.canonicalAttribute]: condition } as UserFilterInput;
  }
  const rule = node.kind === 'valuePath' ? undefined : own(userFields, resolved.canonicalPath);
  if (!rule) throw unsupportedAttribute(node.path);
  return rule(node as Condition, resolved.target);
}

function elementCondition(
  node: Leaf,
  elements: ElementAttribute,
  attribute: ScimAttribute,
  subAttribute: ScimAttribute | undefined,
): ElementFilter {
  if (node.kind === 'valuePath') {
    return translateTree<ElementFilter>(node.filter, (inner) => {
      const sub = inner.kind === 'valuePath' ? undefined : findSubAttribute(attribute, inner.path.attribute);
      if (!sub) throw unknownAttribute(inner.path, `${attribute.name} element`);
      return elementRule(inner as Condition, elements, sub);
    });
  }
  const defaultSub = elements.defaultSubAttribute;
  const sub = subAttribute ?? (defaultSub === undefined ? undefined : findSubAttribute(attribute, defaultSub));
  if (sub) return elementRule(node, elements, sub);
  // `addresses pr`: some address has some part.
  if (node.kind !== 'present') throw unsupportedAttribute(node.path);
  const parts = Object.keys(elements.rules).filter((name) => name !== 'primary' && name !== 'type');
  return { or: parts.map((name) => ({ [name]: { present: true } })) };
}

function elementRule(node: Condition, elements: ElementAttribute, sub: ScimAttribute): ElementFilter {
  const rule = own(elements.rules, sub.name);
  if (!rule) throw unsupportedAttribute(node.path);
  return rule(node, sub);
}
