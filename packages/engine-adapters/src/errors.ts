import type { ConnectionFailureReason, StatementFailureReason } from './constants';
import type { Engine } from './types/adapter';

/**
 * What is kept of a driver error: codes only. Driver messages are dropped because they can
 * quote SQL text (mysql2 attaches the statement, which may hold a password literal) or
 * server-side tokens of it.
 */
export class DriverErrorSummary extends Error {
  override readonly name = 'DriverErrorSummary';
  constructor(
    /** Node/driver code, e.g. `ECONNREFUSED`, `ER_ACCESS_DENIED_ERROR`, `SELF_SIGNED_CERT_IN_CHAIN`. */
    readonly code: string | undefined,
    /** SQLSTATE, e.g. `28P01`. */
    readonly sqlState: string | undefined,
    /** MySQL error number, e.g. `1045`. */
    readonly errno: number | undefined,
  ) {
    super(
      [
        'driver error',
        code && `code=${code}`,
        sqlState && `sqlstate=${sqlState}`,
        errno !== undefined && `errno=${errno}`,
      ]
        .filter(Boolean)
        .join(' '),
    );
  }
}

/** Base class of every error this package throws. */
export class EngineAdapterError extends Error {
  override name = 'EngineAdapterError';
}

/** Where a connection attempt went. Never holds a password. */
export interface ConnectionTarget {
  readonly engine: Engine;
  readonly host: string;
  readonly port: number;
  readonly username: string;
}

const REASON_TEXT: Record<ConnectionFailureReason, string> = {
  authentication: 'authentication failed (wrong user name or password)',
  'tls-verification': 'TLS certificate verification failed (untrusted CA or host name mismatch)',
  'tls-unavailable':
    'the server does not offer TLS and plaintext was not allowed (set "ssl": false to allow it)',
  timeout: 'timed out',
  unreachable: 'host unreachable (connection refused, no route, or unknown host name)',
  rejected: 'the server refused the session',
  'connection-lost': 'the connection dropped during the handshake',
  unknown: 'unexpected driver error',
};

/** A login failed. `reason` says why; the message never holds the password or driver text. */
export class DatabaseConnectionError extends EngineAdapterError {
  override name = 'DatabaseConnectionError';
  readonly engine: Engine;
  readonly host: string;
  readonly port: number;
  readonly username: string;
  constructor(
    readonly reason: ConnectionFailureReason,
    target: ConnectionTarget,
    options?: { cause?: DriverErrorSummary; detail?: string },
  ) {
    super(
      `Could not connect to ${target.engine} at ${target.host}:${target.port} as user ${JSON.stringify(target.username)}: ` +
        `${REASON_TEXT[reason]}${options?.detail ? ` (${options.detail})` : ''}`,
      options?.cause ? { cause: options.cause } : undefined,
    );
    this.engine = target.engine;
    this.host = target.host;
    this.port = target.port;
    this.username = target.username;
  }
}

/** Wrong user name or password (PostgreSQL 28P01, MySQL 1045). */
export class AuthenticationFailedError extends DatabaseConnectionError {
  override name = 'AuthenticationFailedError';
}

/** The server certificate did not verify, or the server offers no TLS. Never downgraded. */
export class TlsVerificationError extends DatabaseConnectionError {
  override name = 'TlsVerificationError';
}

/** No answer within the connect timeout. */
export class ConnectionTimeoutError extends DatabaseConnectionError {
  override name = 'ConnectionTimeoutError';
}

/** Connection refused, no route to host, or the name does not resolve. */
export class HostUnreachableError extends DatabaseConnectionError {
  override name = 'HostUnreachableError';
}

/** A statement failed. The message names the operation and code, never the SQL text. */
export class DatabaseStatementError extends EngineAdapterError {
  override name = 'DatabaseStatementError';
  constructor(
    /** What we were doing, e.g. `ALTER ROLE (set password)`. */
    readonly operation: string,
    readonly reason: StatementFailureReason,
    cause: DriverErrorSummary,
  ) {
    super(`${operation} failed: ${reason} (${cause.message})`, { cause });
  }
}

/** A user name breaks an engine rule (too long, empty, NUL). Raised before connecting. */
export class UnsupportedUsernameError extends EngineAdapterError {
  override name = 'UnsupportedUsernameError';
  constructor(
    /** Which field, e.g. `credentials.username` or `cloneUsername`. */
    readonly field: string,
    /** The rule that was broken. */
    readonly rule: string,
  ) {
    super(`${field} is not usable: ${rule}`);
  }
}

/** Bad input other than the user name. The message names the field, never the value of a secret. */
export class InvalidCredentialsError extends EngineAdapterError {
  override name = 'InvalidCredentialsError';
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field} is invalid: ${rule}`);
  }
}

/** The engine string is not one this package supports. */
export class UnsupportedEngineError extends EngineAdapterError {
  override name = 'UnsupportedEngineError';
  constructor(received: string) {
    super(
      `engine ${JSON.stringify(received)} is not supported: use one of postgres, aurora-postgresql, mysql, aurora-mysql, mariadb`,
    );
  }
}

/** A user the operation needs does not exist (the source of a clone, or the target of setUserPassword). */
export class UserNotFoundError extends EngineAdapterError {
  override name = 'UserNotFoundError';
  constructor(
    /** Which argument named the user, e.g. `sourceUsername`. */
    readonly field: string,
    readonly username: string,
  ) {
    super(`${field}: user ${JSON.stringify(username)} does not exist`);
  }
}

/**
 * A SHOW GRANTS line of the source account could not be rewritten for the clone. The line is
 * not echoed: on MariaDB it can hold the source's password hash.
 */
export class GrantRewriteError extends EngineAdapterError {
  override name = 'GrantRewriteError';
  constructor(
    readonly username: string,
    readonly host: string,
  ) {
    super(
      `a SHOW GRANTS line for ${JSON.stringify(username)}@${JSON.stringify(host)} does not name that account where expected; no grant was copied from it`,
    );
  }
}
