export { startPostgres } from './postgres-server';
export { connectPostgresSuperuser } from './postgres-superuser';
export { startMariaDb } from './mariadb-server';
export { startMoto } from './moto-server';
export { createGlobalSetup, databasesGlobalSetup, globalSetup, globalTeardown } from './jest-global-setup';
export type { ServiceName } from './jest-global-setup';
export { readTestServices } from './read-test-services';
export { createTestCertificateAuthority } from './test-ca';
export type { TestCertificateAuthority } from './test-ca';
export { findFreePort, isPortOpen } from './free-port';
export { MissingBinaryError, ServiceStartError } from './errors';
export { TEST_SERVICES_FILE_ENV, LOOPBACK, MOTO_REGION } from './constants';
export type {
  DatabaseServer,
  DatabaseServerInfo,
  StartDatabaseOptions,
  MotoServer,
  MotoServerInfo,
  TestServices,
} from './types/services';
