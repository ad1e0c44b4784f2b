/** The credential of an `Authorization: Bearer <credential>` header; anything else is none. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}
