/**
 * The value a unique index refused, from PostgreSQL's detail:
 * "Key (tenant_id, user_name_key)=(…, alice@x.com) already exists." → ' ("alice@x.com")'.
 */
export function quotedKey(detail: string): string {
  const match = /\)=\([^,]*, (.*)\) already exists/.exec(detail);
  return match ? ` ("${match[1]}")` : '';
}
