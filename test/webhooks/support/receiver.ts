import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
  json: { type: string; timestamp: string; data: { change: Record<string, any>; object: Record<string, any> | null } };
  receivedAt: number;
}

/** How the receiver answers one request: a status (after a delay), or not at all until the client gives up. */
export type Answer = { status: number; delayMs?: number; body?: string; headers?: Record<string, string> } | 'hang';

/**
 * A webhook receiver on loopback that records every delivery and answers as the test says: it can
 * fail, be slow, hang, recover and say 410.
 */
export class Receiver {
  readonly deliveries: ReceivedDelivery[] = [];
  answer: (delivery: ReceivedDelivery, index: number) => Answer = () => ({ status: 200 });
  private readonly server: Server;
  private readonly hanging = new Set<ServerResponse>();
  private waiters: Array<() => void> = [];

  private constructor(server: Server) {
    this.server = server;
  }

  static async start(): Promise<Receiver> {
    let receiver: Receiver;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const delivery = { headers: request.headers, body, json: JSON.parse(body), receivedAt: Date.now() };
        const index = receiver.deliveries.push(delivery) - 1;
        for (const wake of receiver.waiters.splice(0)) wake();
        const answer = receiver.answer(delivery, index);
        if (answer === 'hang') {
          receiver.hanging.add(response);
          response.on('close', () => receiver.hanging.delete(response));
          return;
        }
        setTimeout(() => {
          response.writeHead(answer.status, answer.headers ?? { 'content-type': 'text/plain' });
          response.end(answer.body ?? '');
        }, answer.delayMs ?? 0);
      });
    });
    receiver = new Receiver(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    const address = this.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks`;
  }

  /** Waits until `count` deliveries have arrived (fails the test after the timeout). */
  async waitFor(count: number, timeoutMs = 15_000): Promise<ReceivedDelivery[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.deliveries.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Expected ${count} deliveries, got ${this.deliveries.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.deliveries.slice(0, count);
  }

  /** The sequence numbers received, in arrival order. */
  sequences(): number[] {
    return this.deliveries.map((delivery) => Number(delivery.json.data.change.sequence));
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Waits until the condition holds, checking every 50 ms. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error('The condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
