import { deliver } from '../../src/api/webhooks/delivery-client';
import { Receiver } from './support/receiver';

/**
 * The HTTP client checks where a delivery goes when it goes: the address the host resolves to at
 * that moment, not what the URL looked like when the webhook was saved.
 */
let receiver: Receiver;
beforeEach(async () => {
  receiver = await Receiver.start();
});
afterEach(() => receiver.close());

const request = (url: string, allowPrivateTargets: boolean) =>
  deliver({ url, body: '{}', headers: { 'content-type': 'application/json' }, timeoutMs: 2_000, allowPrivateTargets });

describe('the webhook delivery client', () => {
  it('does not connect to a loopback address unless private targets are allowed', async () => {
    const port = new URL(receiver.url).port;
    for (const url of [
      `http://127.0.0.1:${port}/hooks`,
      `http://localhost:${port}/hooks`,
      `http://[::ffff:127.0.0.1]:${port}/x`,
    ]) {
      const result = await request(url, false);
      expect(result).toMatchObject({
        kind: 'blocked',
        error: expect.stringMatching(/private, loopback or link-local/),
      });
    }
    expect(receiver.deliveries).toHaveLength(0);
    expect(await request(receiver.url, true)).toMatchObject({ kind: 'answered', statusCode: 200 });
    expect(receiver.deliveries).toHaveLength(1);
  });

  it('gives up at the timeout, and says a refused connection is one', async () => {
    receiver.answer = () => 'hang';
    const started = Date.now();
    const hung = await deliver({
      url: receiver.url,
      body: '{}',
      headers: {},
      timeoutMs: 300,
      allowPrivateTargets: true,
    });
    expect(hung).toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_500);
    const closed = await Receiver.start();
    const url = closed.url;
    await closed.close();
    expect(await request(url, true)).toMatchObject({ kind: 'network', error: 'The connection was refused.' });
  });

  it('stops when the worker does', async () => {
    receiver.answer = () => 'hang';
    const controller = new AbortController();
    const pending = deliver({
      url: receiver.url,
      body: '{}',
      headers: {},
      timeoutMs: 5_000,
      allowPrivateTargets: true,
      signal: controller.signal,
    });
    await receiver.waitFor(1);
    controller.abort();
    expect(await pending).toMatchObject({ kind: 'aborted' });
  });
});
