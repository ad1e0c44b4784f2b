import { and, FALSE, fragment, likeEscape, not, or, type Fragment } from '../../../platform/db/sql-fragment';
import { InvalidInputError } from '../../../platform/errors';
import {
  valueKey,
  type ExtensionAttributeName,
  type ExtensionAttributeRecord,
  type ExtensionScalar,
} from './extension-attribute.record';
import { coerceExtensionValue } from './extension-attribute.validation';

/**
 * Conditions on one declared extension attribute of a user; all given ones must hold. Values are
 * coerced to the declared type ("5" compares as 5 with an integer). Text compares ignoring case
 * unless the attribute is case-exact or caseSensitive says so.
 */
export interface ExtensionAttributeCondition extends ExtensionAttributeName {
  eq?: ExtensionScalar | null;
  ne?: ExtensionScalar | null;
  in?: ExtensionScalar[] | null;
  gt?: ExtensionScalar | null;
  gte?: ExtensionScalar | null;
  lt?: ExtensionScalar | null;
  lte?: ExtensionScalar | null;
  startsWith?: string | null;
  endsWith?: string | null;
  contains?: string | null;
  /** true: the user has a value; false: they have none. */
  present?: boolean | null;
  caseSensitive?: boolean | null;
}

type Comparison = 'eq' | 'gt' | 'gte' | 'lt' | 'lte';
const OPERATORS: Record<Comparison, string> = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' };

/**
 * The condition as SQL over the users alias `u`: the users whose row in user_extension_values
 * (attribute, typed value) satisfies it, found through that table's indexes.
 */
export function compileExtensionCondition(
  attribute: ExtensionAttributeRecord,
  condition: ExtensionAttributeCondition,
): Fragment {
  const withValue = (predicate: Fragment): Fragment => ({
    text: `u.id in (select v.user_id from user_extension_values v
                     where v.tenant_id = directory_current_tenant() and v.attribute_id = ?::uuid and ${predicate.text})`,
    params: [attribute.id, ...predicate.params],
  });
  const exact = attribute.caseExact || condition.caseSensitive === true;
  const value = (raw: ExtensionScalar) => coerceExtensionValue(attribute, raw);
  const compare = (operator: Comparison, raw: ExtensionScalar): Fragment => {
    const sql = OPERATORS[operator];
    const coerced = value(raw);
    switch (attribute.type) {
      case 'integer':
      case 'decimal':
        return fragment(`v.number_value ${sql} ?::numeric`, String(coerced));
      case 'date_time':
        return fragment(`v.time_value ${sql} directory_instant(?)`, coerced);
      case 'boolean':
        if (operator !== 'eq') throw unsupported(attribute, operator);
        return fragment(`v.text_key = ?`, String(coerced));
      case 'string': {
        const text = String(coerced);
        const insensitive = fragment(`(v.text_key collate "C") ${sql} lower(?)`, text);
        if (!exact) return insensitive;
        return operator === 'eq'
          ? and([insensitive, fragment(`v.exact_text = ?`, text)])
          : fragment(`(v.exact_text collate "C") ${sql} ?`, text);
      }
    }
  };
  const like = (operator: 'startsWith' | 'endsWith' | 'contains', raw: string): Fragment => {
    if (attribute.type !== 'string') throw unsupported(attribute, operator);
    const escaped = likeEscape(raw);
    const pattern =
      operator === 'startsWith' ? `${escaped}%` : operator === 'endsWith' ? `%${escaped}` : `%${escaped}%`;
    const insensitive = fragment(`(v.text_key collate "C") like lower(?)`, pattern);
    return exact ? and([insensitive, fragment(`v.exact_text like ?`, pattern)]) : insensitive;
  };

  const parts: Fragment[] = [];
  for (const operator of ['eq', 'gt', 'gte', 'lt', 'lte'] as const) {
    const raw = condition[operator];
    if (raw != null) parts.push(withValue(compare(operator, raw)));
  }
  if (condition.ne != null) parts.push(not(withValue(compare('eq', condition.ne))));
  if (condition.in != null) {
    if (condition.in.length === 0) parts.push(FALSE);
    else parts.push(withValue(or(condition.in.map((item) => compare('eq', item)))));
  }
  for (const operator of ['startsWith', 'endsWith', 'contains'] as const) {
    const raw = condition[operator];
    if (raw != null) parts.push(withValue(like(operator, raw)));
  }
  if (condition.present != null) {
    const present = withValue(fragment('true'));
    parts.push(condition.present ? present : not(present));
  }
  return and(parts);
}

function unsupported(attribute: ExtensionAttributeRecord, operator: string): InvalidInputError {
  return new InvalidInputError(
    `${valueKey(attribute)} is ${attribute.type === 'boolean' ? 'true or false' : `of type ${attribute.type}`}: ${operator} does not apply to it.`,
    ['filter', 'extensionAttributes'],
  );
}
