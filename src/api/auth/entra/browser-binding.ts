import type { Context as KoaContext } from 'koa';
import { AUTHORIZATION_REQUEST_MINUTES } from '../../../domain/accounts/entra/authorization-requests';

/**
 * A sign-in at Microsoft is finished only in the browser that started it: starting sets a random
 * binding in an HttpOnly cookie, and the callback needs it back (RFC 9700 §4.7). Without it, an
 * attacker could send their own sign-in link to another organization's administrator and have
 * that organization connected to the attacker's tenant. SameSite=Lax: Microsoft sends the browser
 * back with a top-level GET, which carries it.
 */
const COOKIE = 'evercate_entra_binding';

/** Only the callback and the sign-in start need it. */
const COOKIE_PATH = '/connect/entra';

/** Sets a browser's binding for the sign-in it starts. */
export interface BrowserBinding {
  bind(binding: string): void;
}

export function browserBinding(ctx: KoaContext): BrowserBinding {
  return {
    bind(binding) {
      ctx.cookies.set(COOKIE, binding, {
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.secure,
        path: COOKIE_PATH,
        maxAge: AUTHORIZATION_REQUEST_MINUTES * 60_000,
        overwrite: true,
      });
    },
  };
}

/** The binding the browser presents at the callback; it is cleared, as its sign-in is over. */
export function takeBrowserBinding(ctx: KoaContext): string | undefined {
  const binding = ctx.cookies.get(COOKIE);
  if (binding) ctx.cookies.set(COOKIE, null, { path: COOKIE_PATH, overwrite: true });
  return binding || undefined;
}
