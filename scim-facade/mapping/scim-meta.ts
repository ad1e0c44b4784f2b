/** Where a resource lives, as SCIM `meta.location`: the base URL the client used, plus the path. */
export interface ScimLocation {
  /** e.g. https://directory.example.com/scim/v2 — the prefix the request came in on. */
  baseUrl: string;
}

export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/** The version an If-Match header names, or undefined for `*` or no header; malformed → NaN. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (!header || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d+)"\s*$/.exec(header);
  return match ? Number(match[1]) : Number.NaN;
}

/** Drops null, undefined, empty arrays and empty objects: SCIM omits unassigned attributes. */
export function withoutEmpty<T extends Record<string, unknown>>(value: T): T {
  const result: Record<string, unknown> = {};
  // for…in over plain objects: this runs for every attribute of every resource answered.
  for (const key in value) {
    const item: unknown = value[key];
    if (item === null || item === undefined) continue;
    if (Array.isArray(item)) {
      if (item.length > 0) result[key] = item;
    } else if (typeof item === 'object' && !(item instanceof Date)) {
      const inner = withoutEmpty(item as Record<string, unknown>);
      if (!isEmptyObject(inner)) result[key] = inner;
    } else {
      result[key] = item;
    }
  }
  return result as T;
}

function isEmptyObject(value: Record<string, unknown>): boolean {
  for (const _ in value) return false;
  return true;
}
