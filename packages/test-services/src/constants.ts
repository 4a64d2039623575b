/** Time bounds for the harness; generous because the CI machine has two shared cores. */
export const TIMEOUTS_MS = {
  /** initdb / mariadb-install-db / openssl. */
  initialize: 120_000,
  /** From spawn to "ready for connections". */
  ready: 60_000,
  /** From the stop signal to process exit, before SIGKILL. */
  stop: 20_000,
} as const;

/** The only address the services bind to and the tests connect to. */
export const LOOPBACK = '127.0.0.1';

/** Environment variable naming the JSON file that jest's global setup writes for test files. */
export const TEST_SERVICES_FILE_ENV = 'CREDENTIAL_ROTATION_TEST_SERVICES_FILE';

/** Region the moto client uses. */
export const MOTO_REGION = 'us-east-1';
