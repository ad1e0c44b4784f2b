import { InvalidInputError } from '../../../platform/errors';

/** Where an admin lands after connecting or signing in, unless they asked for somewhere else. */
export const ADMIN_PAGE_PATH = '/admin';

/**
 * The path (with its query; a fragment is dropped, the callback adds its own) of a return URL on this service's own origin, or the admin
 * page when none is given. Any other origin is refused: the callback must never send an
 * administrator, or a SCIM token, to a site it does not know (an open redirect).
 */
export function returnPathOf(returnUrl: string | null | undefined, publicBaseUrl: string): string {
  if (returnUrl === null || returnUrl === undefined || returnUrl.trim() === '') return ADMIN_PAGE_PATH;
  const origin = new URL(publicBaseUrl).origin;
  let url: URL;
  try {
    url = new URL(returnUrl.trim(), `${origin}/`);
  } catch {
    throw new InvalidInputError('returnUrl must be a URL of this service.', ['returnUrl']);
  }
  // A path starting with // would be read as another host when used as a redirect on its own.
  if (url.origin !== origin || url.username || url.password || url.pathname.startsWith('//')) {
    throw new InvalidInputError(`returnUrl must be on this service (${origin}); other sites are refused.`, [
      'returnUrl',
    ]);
  }
  if (url.pathname.length + url.search.length > 2000) {
    throw new InvalidInputError('returnUrl must be at most 2000 characters.', ['returnUrl']);
  }
  return `${url.pathname}${url.search}`;
}
