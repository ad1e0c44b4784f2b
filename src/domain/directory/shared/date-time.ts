import { InvalidInputError } from '../../../platform/errors';

/**
 * ISO 8601 / xsd:dateTime as clients send it: a date, optionally a time (seconds and fractions
 * optional), optionally a zone. The same forms migrations/sql/080-extension-values.sql reads
 * (directory_instant): a time without a zone is UTC, a date alone its midnight UTC.
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** The instant a date-time names, or undefined when the text is not one (or not a real calendar day). */
export function instantOf(text: string): Date | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  const calendarDay = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendarDay.getUTCMonth() !== Number(month) - 1 || calendarDay.getUTCDate() !== Number(day)) return undefined;
  if (Number(hour ?? 0) > 23 || Number(minute ?? 0) > 59 || Number(second ?? 0) > 59) return undefined;
  return calendarDay;
}

/** A date-time kept exactly as written, once it is known to be one. */
export function validDateTime(value: string, field: readonly string[], label = field.join('.')): string {
  if (value.length > 64 || instantOf(value) === undefined) {
    throw new InvalidInputError(
      `${label} must be an ISO 8601 date-time such as "2026-03-01T09:00:00Z" or "2026-03-01", not ${JSON.stringify(value.slice(0, 64))}.`,
      field,
    );
  }
  return value;
}
