import type { Context as KoaContext } from 'koa';
import { ADMIN_PAGE_PATH } from '../../auth/entra/return-path';

/** What the admin page's own files allow, and nothing else. */
export const PAGE_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** A plain page that says why a sign-in at Microsoft led nowhere and what to do. */
export function renderResultPage(ctx: KoaContext, status: number, title: string, message: string): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Content-Security-Policy', PAGE_SECURITY_POLICY);
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.body = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>${escapeHtml(title)} · Evercate directory</title>
  <link rel="stylesheet" href="${ADMIN_PAGE_PATH}/assets/admin.css" />
</head>
<body>
  <main class="result">
    <h1>${escapeHtml(title)}</h1>
    <p class="message" role="alert">${escapeHtml(message)}</p>
    <p><a class="button" href="${ADMIN_PAGE_PATH}">Back to the admin page</a></p>
  </main>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!,
  );
}
