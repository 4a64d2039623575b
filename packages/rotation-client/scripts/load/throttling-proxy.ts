import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ThrottlingProxy {
  /** `http://127.0.0.1:<port>`: give this to clients as the Secrets Manager endpoint. */
  readonly endpoint: string;
  /** Answers every request with ThrottlingException for `ms`. */
  throttleFor(ms: number): void;
  /** Requests answered with ThrottlingException so far. */
  throttled(): number;
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of the local Secrets Manager (moto) that can answer
 * ThrottlingException for a while, as Secrets Manager does when a fleet reconnects at once.
 * The SDK sees a real throttling response (and applies its own retries to it).
 */
export async function startThrottlingProxy(target: string): Promise<ThrottlingProxy> {
  const upstream = new URL(target);
  if (upstream.hostname !== '127.0.0.1') throw new Error('The throttling proxy only forwards to 127.0.0.1');
  let throttleUntil = 0;
  let throttled = 0;

  const server = http.createServer((request, response) => {
    if (Date.now() < throttleUntil) {
      throttled += 1;
      request.resume();
      const body = JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' });
      response.writeHead(400, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-errortype': 'ThrottlingException',
        'content-length': Buffer.byteLength(body),
      });
      response.end(body);
      return;
    }
    const forward = http.request(
      {
        host: '127.0.0.1',
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forward.on('error', () => {
      response.writeHead(502);
      response.end();
    });
    request.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    throttleFor(ms) {
      throttleUntil = Date.now() + ms;
    },
    throttled: () => throttled,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
