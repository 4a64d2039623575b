import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { requireExecutable } from './binaries';
import { LOOPBACK, MOTO_REGION, TIMEOUTS_MS } from './constants';
import { ServiceStartError } from './errors';
import { startOnFreePort } from './start-on-free-port';
import { ManagedProcess } from './managed-process';
import type { MotoServer, MotoServerInfo } from './types/services';

const READY_LINE = /Running on http/;
const PORT_TAKEN = /Address already in use/;

/** Dummy credentials: moto accepts any, and real ones must never reach a test. */
const DUMMY_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;

/** A moto client and reset function for an endpoint (used by test files that only have the info). */
export function motoServerInfo(endpoint: string, region: string = MOTO_REGION): MotoServerInfo {
  return {
    endpoint,
    region,
    client: () => new SecretsManagerClient({ endpoint, region, credentials: DUMMY_CREDENTIALS }),
    async reset() {
      const response = await fetch(`${endpoint}/moto-api/reset`, {
        method: 'POST',
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new ServiceStartError('moto', `reset failed with HTTP ${response.status}`, '');
    },
  };
}

async function waitForHttp(endpoint: string, process: ManagedProcess): Promise<void> {
  const deadline = Date.now() + TIMEOUTS_MS.ready;
  for (;;) {
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (!process.running) throw new ServiceStartError('moto', 'exited before it was ready', process.output);
    if (Date.now() > deadline)
      throw new ServiceStartError('moto', 'HTTP API not ready in time', process.output);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts `moto_server` on a free loopback port and waits until its HTTP API answers.
 *
 * @example
 * const moto = await startMoto();
 * await moto.client().send(new CreateSecretCommand({ Name: 'demo', SecretString: '{}' }));
 * await moto.stop();
 */
export async function startMoto(): Promise<MotoServer> {
  const command = requireExecutable('moto_server', 'The moto server (pip package `moto[server]`)');
  const endpointOf = (port: number): string => `http://${LOOPBACK}:${port}`;
  const { port, server } = await startOnFreePort({
    spawn: (port) =>
      new ManagedProcess({
        service: 'moto',
        command,
        args: ['-H', LOOPBACK, '-p', String(port)],
        spawnOptions: { env: { ...process.env, PYTHONUNBUFFERED: '1' } },
        stopSignal: 'SIGTERM',
      }),
    waitReady: async (server, port) => {
      await server.waitForLine(READY_LINE);
      await waitForHttp(endpointOf(port), server);
    },
    portTaken: PORT_TAKEN,
  });
  return { ...motoServerInfo(endpointOf(port)), stop: () => server.stop() };
}
