import type { Engine, EngineFamily } from './types/adapter';

/** Time bounds used when ConnectOptions leaves them out. */
export const DEFAULT_TIMEOUTS_MS = {
  connect: 5_000,
  statement: 5_000,
} as const;

/** Suffix of the second user in the alternating-users strategy (`app` / `app_clone`). */
export const CLONE_SUFFIX = '_clone';

/**
 * Longest user name each family accepts everywhere: PostgreSQL counts bytes (NAMEDATALEN - 1)
 * and silently truncates longer names; MySQL 5.7+ and Aurora MySQL count characters. A
 * family-wide floor: MariaDB allows more, see MAX_USERNAME_LENGTH_BY_ENGINE.
 */
export const MAX_USERNAME_LENGTH = {
  postgres: 63,
  mysql: 32,
} as const satisfies Record<EngineFamily, number>;

/**
 * Longest user name per engine, the limit rotation applies (including the `_clone` name of
 * alternating users). MariaDB: 80 characters, the width of `mysql.user.User` in 10.0-10.5
 * (10.6+ allow 128), so every MariaDB version RDS runs accepts it; AWS's own MariaDB rotation
 * functions allow 80 too. MySQL 32. Family names map to the family floor.
 */
export const MAX_USERNAME_LENGTH_BY_ENGINE = {
  postgres: 63,
  'aurora-postgresql': 63,
  mysql: 32,
  'aurora-mysql': 32,
  mariadb: 80,
} as const satisfies Record<Engine | EngineFamily, number>;

/** How MAX_USERNAME_LENGTH is measured. */
export const USERNAME_LENGTH_UNIT = {
  postgres: 'bytes (UTF-8)',
  mysql: 'characters',
} as const satisfies Record<EngineFamily, string>;

/** PostgreSQL SCRAM-SHA-256 verifier parameters (the server's own defaults). */
export const SCRAM = {
  iterations: 4096,
  saltBytes: 16,
} as const;

/** Driver error codes that mean "wrong user name or password". */
export const AUTHENTICATION_FAILURE_CODES = {
  /** SQLSTATE invalid_password */
  postgres: '28P01',
  /** ER_ACCESS_DENIED_ERROR */
  mysql: 1045,
} as const;

/** Why a connection attempt failed, as carried by DatabaseConnectionError.reason. */
export const CONNECTION_FAILURE_REASONS = {
  /** Wrong user name or password. */
  authentication: 'authentication',
  /** The server certificate did not verify against the trusted CA (or the name did not match). */
  tlsVerification: 'tls-verification',
  /** TLS was required but the server does not offer it. Never downgraded to plaintext. */
  tlsUnavailable: 'tls-unavailable',
  /** No answer within connectTimeoutMs. */
  timeout: 'timeout',
  /** Connection refused, no route, or the host name does not resolve. */
  unreachable: 'unreachable',
  /** The server answered but refused the session (no pg_hba entry, host blocked, too many connections). */
  rejected: 'rejected',
  /** The connection dropped during the handshake. */
  connectionLost: 'connection-lost',
  unknown: 'unknown',
} as const;
export type ConnectionFailureReason =
  (typeof CONNECTION_FAILURE_REASONS)[keyof typeof CONNECTION_FAILURE_REASONS];

/** Why a statement failed, as carried by DatabaseStatementError.reason. */
export const STATEMENT_FAILURE_REASONS = {
  timeout: 'timeout',
  /**
   * A concurrent transaction changed or locked the same row: PostgreSQL "tuple concurrently
   * updated" (XX000), serialization failure (40001), deadlock (40P01); MySQL deadlock (1213).
   */
  concurrentUpdate: 'concurrent-update',
  permission: 'permission',
  notFound: 'not-found',
  connectionLost: 'connection-lost',
  other: 'other',
} as const;
export type StatementFailureReason =
  (typeof STATEMENT_FAILURE_REASONS)[keyof typeof STATEMENT_FAILURE_REASONS];

/** Sent as application_name / program_name so DBAs can tell rotation sessions apart. */
export const APPLICATION_NAME = 'credential-rotation';
