/**
 * Why a sign-in at Microsoft did not lead anywhere, for the page the administrator lands on: an
 * HTTP status, a title, and a message that says what to do. Nothing was recorded.
 */
export class EntraSignInError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 502 | 503,
    readonly title: string,
    message: string,
  ) {
    super(message);
    this.name = 'EntraSignInError';
  }
}

export const START_AGAIN = 'Start again from the admin page (/admin).';
