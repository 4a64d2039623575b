import { readFileSync } from 'node:fs';
import { TEST_SERVICES_FILE_ENV } from './constants';
import { motoServerInfo } from './moto-server';
import type { DatabaseServerInfo, TestServices } from './types/services';

interface StoredServices {
  readonly postgres?: DatabaseServerInfo;
  readonly mariadb?: DatabaseServerInfo;
  readonly moto?: { readonly endpoint: string; readonly region: string };
}

function notStarted(name: string): never {
  throw new Error(
    `readTestServices(): ${name} was not started by this jest run's globalSetup; ` +
      "use '@credential-rotation/test-services/jest-global-setup' (all services) in jest.config.js.",
  );
}

/**
 * Inside a test file: the services jest's global setup started.
 *
 * @example
 * const { postgres, moto } = readTestServices();
 */
export function readTestServices(): TestServices {
  const file = process.env[TEST_SERVICES_FILE_ENV];
  if (file === undefined || file.length === 0) {
    throw new Error(
      `readTestServices() found no ${TEST_SERVICES_FILE_ENV}: add ` +
        "globalSetup: '@credential-rotation/test-services/jest-global-setup' and " +
        "globalTeardown: '@credential-rotation/test-services/jest-global-teardown' to this package's jest.config.js.",
    );
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredServices;
  const moto =
    stored.moto === undefined ? undefined : motoServerInfo(stored.moto.endpoint, stored.moto.region);
  // Getters, so that a test file only fails when it touches a service the run did not start.
  return {
    get postgres() {
      return stored.postgres ?? notStarted('postgres');
    },
    get mariadb() {
      return stored.mariadb ?? notStarted('mariadb');
    },
    get moto() {
      return moto ?? notStarted('moto');
    },
  };
}
