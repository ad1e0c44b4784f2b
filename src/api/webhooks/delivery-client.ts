import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isInternalAddress } from '../../platform/net/internal-addresses';

/** How much of a response is read: enough for an error message, never a receiver's whole page. */
export const RESPONSE_LIMIT_BYTES = 4096;
/** How much of that the delivery log keeps. */
const EXCERPT_CHARS = 1000;

export interface DeliveryRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowPrivateTargets: boolean;
  /** Aborts the attempt (the worker is shutting down); it then fails with `aborted`. */
  signal?: AbortSignal;
}

export type DeliveryResult =
  | { kind: 'answered'; statusCode: number; responseExcerpt: string | null; durationMs: number }
  | {
      kind: 'timeout' | 'network' | 'blocked' | 'aborted';
      error: string;
      durationMs: number;
    };

class BlockedAddressError extends Error {
  readonly code = 'EBLOCKED';
}

/**
 * One POST to a webhook receiver, safe to point at the internet:
 * - the host's addresses are resolved for this attempt (no connection is reused) and only public
 *   ones are connected to, unless the operator allows internal targets; the check happens in the
 *   socket's own lookup, so what is checked is what is connected to (no DNS rebinding in between);
 * - redirects are not followed (a 3xx is an answer like any other, and is retried);
 * - at most RESPONSE_LIMIT_BYTES of the response are read;
 * - the whole attempt, from resolving to the end of the response, ends at the timeout.
 */
export function deliver(request: DeliveryRequest): Promise<DeliveryResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(request.url);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) !== 0 && !request.allowPrivateTargets && isInternalAddress(host)) {
    return Promise.resolve({ kind: 'blocked', error: notAllowed(host), durationMs: 0 });
  }
  const transport = url.protocol === 'https:' ? https : http;

  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: DeliveryResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      outgoing.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        finish({
          kind: 'timeout',
          error: `No complete answer within ${request.timeoutMs / 1000} s.`,
          durationMs: elapsed(),
        }),
      request.timeoutMs,
    );
    const onAbort = () =>
      finish({ kind: 'aborted', error: 'The attempt was cut short: the worker stopped.', durationMs: elapsed() });

    const outgoing = transport.request(url, {
      method: 'POST',
      headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
      agent: false,
      lookup: checkedLookup(request.allowPrivateTargets),
    });
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      let length = 0;
      const done = () =>
        finish({
          kind: 'answered',
          statusCode: response.statusCode ?? 0,
          responseExcerpt: excerpt(Buffer.concat(chunks).subarray(0, RESPONSE_LIMIT_BYTES)),
          durationMs: elapsed(),
        });
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        length += chunk.length;
        if (length >= RESPONSE_LIMIT_BYTES) done();
      });
      response.on('end', done);
      response.on('error', done);
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof BlockedAddressError || error.code === 'EBLOCKED') {
        finish({ kind: 'blocked', error: error.message, durationMs: elapsed() });
      } else {
        finish({ kind: 'network', error: networkError(error), durationMs: elapsed() });
      }
    });
    if (request.signal?.aborted) return onAbort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    outgoing.end(request.body);
  });
}

/** The socket's DNS lookup, keeping only addresses a delivery may connect to. */
function checkedLookup(allowPrivateTargets: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const allowed = allowPrivateTargets ? addresses : addresses.filter((a) => !isInternalAddress(a.address));
      if (allowed.length === 0) {
        return callback(new BlockedAddressError(notAllowed(`${hostname} (${addresses[0]?.address ?? '?'})`)), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}

function notAllowed(target: string): string {
  return `${target} is a private, loopback or link-local address; deliveries go to public addresses only (WEBHOOK_ALLOW_PRIVATE_TARGETS).`;
}

function networkError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'The connection was refused.';
    case 'ECONNRESET':
      return 'The connection was reset before an answer came.';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host name did not resolve (${error.code}).`;
    default:
      return error.code?.startsWith('ERR_TLS') || /certificate/i.test(error.message)
        ? `TLS failed: ${error.message}`
        : `${error.code ?? 'Error'}: ${error.message}`;
  }
}

/** The start of a response body as text, for the delivery log; nothing when it was empty. */
function excerpt(body: Buffer): string | null {
  if (body.length === 0) return null;
  return body
    .toString('utf8')
    .replace(/\u0000/g, '\ufffd')
    .slice(0, EXCERPT_CHARS);
}
