import { readFileSync } from 'node:fs';
import { TEST_SERVICES_FILE_ENV } from './constants';
import { motoServerInfo } from './moto-server';
import type { DatabaseServerInfo, TestServices } from './types/services';

interface StoredServices {
  readonly postgres: DatabaseServerInfo;
  readonly mariadb: DatabaseServerInfo;
  readonly moto: { readonly endpoint: string; readonly region: string };
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
  return {
    postgres: stored.postgres,
    mariadb: stored.mariadb,
    moto: motoServerInfo(stored.moto.endpoint, stored.moto.region),
  };
}
