/** Secrets Manager staging labels the client reads. */
export const SECRET_STAGES = { current: 'AWSCURRENT', pending: 'AWSPENDING' } as const;

/** Values of the secret's `engine` field, as RDS writes them: the engine adapters' one list. */
export { ENGINES } from '@credential-rotation/engine-adapters';

/** Defaults shared by both pool factories; each is documented on the option it backs. */
export const DEFAULTS = {
  cacheTtlMs: 5 * 60 * 1000,
  cacheMaxEntries: 100,
  minRefreshIntervalMs: 1000,
  retryBudgetMs: 90 * 1000,
  backoffBaseMs: 50,
  backoffCapMs: 5000,
  transientRetryBudgetMs: 0,
  connectTimeoutMs: 10 * 1000,
} as const;

/**
 * Error codes that mean "these credentials were refused".
 * - PostgreSQL 28P01 invalid_password; 28000 invalid_authorization_specification, which is what
 *   RDS Proxy answers when the password it holds no longer matches.
 * - MySQL/MariaDB errno 1045 ER_ACCESS_DENIED_ERROR (SQLSTATE 28000, also what RDS Proxy answers), and
 *   1698 ER_ACCESS_DENIED_NO_PASSWORD_ERROR, which MariaDB answers for a user that does not exist yet
 *   (an alternating-users clone before its first setSecret).
 */
export const AUTH_FAILURE_CODES = {
  postgres: ['28P01', '28000'],
  mysqlErrno: [1045, 1698],
  mysqlSqlState: ['28000'],
} as const;

/** Connect-phase errors that mean "the server is not reachable right now", never "wrong password". */
export const TRANSIENT_CONNECT_CODES = {
  network: ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH'],
  /** admin_shutdown, crash_shutdown, cannot_connect_now (starting up / shutting down). */
  postgres: ['57P01', '57P02', '57P03'],
  /** PROTOCOL_CONNECTION_LOST from mysql2; ER_SERVER_SHUTDOWN 1053; ER_CON_COUNT_ERROR 1040. */
  mysql: ['PROTOCOL_CONNECTION_LOST', 'ER_SERVER_SHUTDOWN', 'ER_CON_COUNT_ERROR'],
} as const;
