import { isIP } from 'node:net';
import { isInternalAddress, isLoopbackHost } from '../../../platform/net/internal-addresses';
import { InvalidInputError } from '../../../platform/errors';

const MAX_LENGTH = 2000;

/**
 * Checks a webhook's target before it is stored: an absolute https URL; http only to this machine
 * (localhost), or to any address where the operator allows internal targets. A host given as an
 * address (or localhost) is checked here against the internal ranges; a host name is checked when
 * it is resolved, on every delivery (api/webhooks/delivery-client.ts), since what it resolves to
 * can change.
 */
export function validateWebhookUrl(value: string, options: { allowPrivateTargets: boolean }): string {
  const trimmed = value.trim();
  const field = ['url'];
  if (trimmed.length > MAX_LENGTH) throw new InvalidInputError(`url must be at most ${MAX_LENGTH} characters.`, field);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new InvalidInputError('url must be an absolute https URL, e.g. https://hooks.example.com/evercate.', field);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidInputError('url must be an https URL.', field);
  }
  if (url.protocol === 'http:' && !options.allowPrivateTargets && !isLoopbackHost(url.hostname)) {
    throw new InvalidInputError('url must be an https URL (http is accepted only for localhost).', field);
  }
  if (url.username || url.password) {
    throw new InvalidInputError(
      'url must not contain a user name or password; verify deliveries by their signature.',
      field,
    );
  }
  if (url.hash) throw new InvalidInputError('url must not contain a #fragment.', field);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const internal = isLoopbackHost(url.hostname) || (isIP(host) !== 0 && isInternalAddress(host));
  if (internal && !options.allowPrivateTargets) {
    throw new InvalidInputError(
      `url points at ${url.hostname}, a private, loopback or link-local address; deliveries go to public addresses only on this server (its operator can allow others with WEBHOOK_ALLOW_PRIVATE_TARGETS).`,
      field,
    );
  }
  return url.toString();
}
