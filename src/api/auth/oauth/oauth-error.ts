/**
 * The token endpoint's error codes: RFC 6749 §5.2, plus two of §4.1.2.1: `temporarily_unavailable`
 * for a request that may succeed later (throttled, keys or database unreachable) and
 * `server_error` for a bug.
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'temporarily_unavailable'
  | 'server_error';

const STATUS: Record<OAuthErrorCode, number> = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  invalid_scope: 400,
  temporarily_unavailable: 503,
  server_error: 500,
};

/** A token request refused, as RFC 6749 §5.2 renders it. */
export class OAuthError extends Error {
  readonly status: number;
  /** The client tried the Authorization header: a 401 must challenge it (RFC 6749 §5.2). */
  readonly challenge: boolean;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: OAuthErrorCode,
    description: string,
    options: {
      status?: number;
      challenge?: boolean;
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(errorDescription(description));
    this.name = 'OAuthError';
    this.status = options.status ?? STATUS[code];
    this.challenge = options.challenge ?? false;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get body(): { error: OAuthErrorCode; error_description: string } {
    return { error: this.code, error_description: this.message };
  }
}

/**
 * RFC 6749 §5.2 allows only printable ASCII without `"` and `\` in error_description: anything
 * else (quoted input, typographic characters) becomes a space or a plain quote.
 */
export function errorDescription(text: string): string {
  return text
    .replace(/["\u201c\u201d]/g, "'")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\u2026/g, '...')
    .replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, ' ');
}
