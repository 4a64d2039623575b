import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_SERVICES_FILE_ENV } from './constants';
import { startMariaDb } from './mariadb-server';
import { startMoto } from './moto-server';
import { startPostgres } from './postgres-server';
import { createTempDirectory } from './temp-directory';
import type { DatabaseServer, DatabaseServerInfo, MotoServer } from './types/services';

/** What the global setup leaves for the teardown, which jest runs in the same process. */
interface RunningServices {
  readonly servers: ReadonlyArray<DatabaseServer | MotoServer>;
  readonly directory: { remove(): void };
}

const STATE_KEY = Symbol.for('@credential-rotation/test-services/running');
type GlobalWithState = typeof globalThis & { [STATE_KEY]?: RunningServices };

function infoOf(server: DatabaseServer): DatabaseServerInfo {
  const { engine, host, port, superuser, caPem } = server;
  return { engine, host, port, superuser, caPem };
}

/** Which services a jest run needs. */
export type ServiceName = 'postgres' | 'mariadb' | 'moto';

/**
 * Builds a jest globalSetup that starts the named services (in parallel) once per jest run
 * and writes their connection facts to a private file that `readTestServices()` reads in
 * each test file. Services left out are reported as missing by `readTestServices()`.
 */
export function createGlobalSetup(services: readonly ServiceName[]): () => Promise<void> {
  return async () => {
    const starters: Record<ServiceName, () => Promise<DatabaseServer | MotoServer>> = {
      postgres: startPostgres,
      mariadb: startMariaDb,
      moto: startMoto,
    };
    const names = [...new Set(services)];
    const started = await Promise.allSettled(names.map((name) => starters[name]()));
    const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure !== undefined) {
      await Promise.allSettled(servers.map((server) => server.stop()));
      throw failure.reason;
    }
    const stored: Record<string, unknown> = {};
    names.forEach((name, index) => {
      const server = servers[index] as DatabaseServer | MotoServer;
      stored[name] =
        'engine' in server ? infoOf(server) : { endpoint: server.endpoint, region: server.region };
    });
    const directory = createTempDirectory('jest');
    const file = join(directory.path, 'test-services.json');
    writeFileSync(file, JSON.stringify(stored), { mode: 0o600 });
    // Jest workers are forked after global setup, so they inherit this variable.
    process.env[TEST_SERVICES_FILE_ENV] = file;
    (globalThis as GlobalWithState)[STATE_KEY] = { servers, directory };
  };
}

/** Jest globalSetup: starts PostgreSQL, MariaDB and moto. */
export const globalSetup: () => Promise<void> = createGlobalSetup(['postgres', 'mariadb', 'moto']);

/** Jest globalSetup for packages that only need the databases (saves starting moto). */
export const databasesGlobalSetup: () => Promise<void> = createGlobalSetup(['postgres', 'mariadb']);

/** Jest globalTeardown: stops what globalSetup started and removes its files. */
export async function globalTeardown(): Promise<void> {
  const state = (globalThis as GlobalWithState)[STATE_KEY];
  if (state === undefined) return;
  delete (globalThis as GlobalWithState)[STATE_KEY];
  await Promise.allSettled(state.servers.map((server) => server.stop()));
  state.directory.remove();
  delete process.env[TEST_SERVICES_FILE_ENV];
}
