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
  for (const [key, item] of Object.entries(value)) {
    if (item === null || item === undefined) continue;
    if (Array.isArray(item) && item.length === 0) continue;
    if (typeof item === 'object' && !Array.isArray(item) && !(item instanceof Date)) {
      const inner = withoutEmpty(item as Record<string, unknown>);
      if (Object.keys(inner).length === 0) continue;
      result[key] = inner;
      continue;
    }
    result[key] = item;
  }
  return result as T;
}
