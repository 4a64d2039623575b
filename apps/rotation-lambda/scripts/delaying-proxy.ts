/**
 * A loopback HTTP proxy that holds every request for a fixed delay before forwarding it, to
 * stand for the network round trip to Secrets Manager in front of moto. Counts the requests.
 * Bodies are passed through untouched and never logged.
 */
import { createServer, request } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DelayingProxy {
  /** `http://127.0.0.1:<port>`: use as the Secrets Manager endpoint. */
  readonly endpoint: string;
  /** Requests forwarded so far. */
  readonly requests: number;
  stop(): Promise<void>;
}

/**
 * Starts the proxy in front of `target` (an http:// URL), adding `delayMs` to every request.
 *
 * @example
 * const proxy = await startDelayingProxy(moto.endpoint, 10);
 */
export async function startDelayingProxy(target: string, delayMs: number): Promise<DelayingProxy> {
  const upstream = new URL(target);
  let requests = 0;
  const forward = (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    requests++;
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      setTimeout(() => {
        const upstreamRequest = request(
          {
            host: upstream.hostname,
            port: upstream.port,
            method: incoming.method,
            path: incoming.url,
            headers: { ...incoming.headers, host: upstream.host },
          },
          (response) => {
            outgoing.writeHead(response.statusCode ?? 502, response.headers);
            response.pipe(outgoing);
          },
        );
        upstreamRequest.on('error', () => {
          outgoing.writeHead(502);
          outgoing.end();
        });
        upstreamRequest.end(Buffer.concat(chunks));
      }, delayMs);
    });
  };
  const server: Server = createServer(forward);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
