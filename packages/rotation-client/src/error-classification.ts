import { AUTH_FAILURE_CODES, TRANSIENT_CONNECT_CODES } from './constants';
import { AuthenticationRetryExhaustedError, SecretFetchError } from './errors';
import type { EngineFamily } from './types/secret';

interface DriverErrorFields {
  readonly code?: unknown;
  readonly errno?: unknown;
  readonly sqlState?: unknown;
  readonly message?: unknown;
}

function fieldsOf(error: unknown): DriverErrorFields {
  return typeof error === 'object' && error !== null ? (error as DriverErrorFields) : {};
}

/**
 * True when the server refused the credentials: PostgreSQL 28P01/28000 (28000 is RDS Proxy's answer),
 * MySQL/MariaDB errno 1045 or SQLSTATE 28000. Nothing else counts: a syntax error, a missing database
 * or a refused TCP connection is not a reason to re-read the secret.
 *
 * @example
 * isAuthenticationFailure('postgres', { code: '28P01' }) // true
 */
export function isAuthenticationFailure(family: EngineFamily, error: unknown): boolean {
  // Already retried to the end of its budget (e.g. by a nested getConnection): final.
  if (error instanceof AuthenticationRetryExhaustedError) return false;
  const { code, errno, sqlState, message } = fieldsOf(error);
  if (family === 'postgres') {
    if (typeof code !== 'string' || !(AUTH_FAILURE_CODES.postgres as readonly string[]).includes(code))
      return false;
    // 28000 also covers "no pg_hba.conf entry" (e.g. plaintext refused): configuration, not a password.
    return !(code === '28000' && typeof message === 'string' && message.includes('pg_hba.conf'));
  }
  return (
    (typeof errno === 'number' && (AUTH_FAILURE_CODES.mysqlErrno as readonly number[]).includes(errno)) ||
    (typeof sqlState === 'string' &&
      (AUTH_FAILURE_CODES.mysqlSqlState as readonly string[]).includes(sqlState))
  );
}

/**
 * True for connect-phase errors that say "not reachable right now": network errors, a server that is
 * shutting down or starting up, a connection dropped during the handshake.
 */
export function isTransientConnectFailure(family: EngineFamily, error: unknown): boolean {
  const { code, message } = fieldsOf(error);
  if (typeof code === 'string') {
    if ((TRANSIENT_CONNECT_CODES.network as readonly string[]).includes(code)) return true;
    const engineCodes: readonly string[] =
      family === 'postgres' ? TRANSIENT_CONNECT_CODES.postgres : TRANSIENT_CONNECT_CODES.mysql;
    if (engineCodes.includes(code)) return true;
  }
  // pg reports a socket closed mid-handshake with no code, only this message.
  return family === 'postgres' && typeof message === 'string' && message.startsWith('Connection terminated');
}

/** The best code to report for a driver error: `code`, else `errno`, else `UNKNOWN`. */
export function errorCodeOf(error: unknown): string {
  const { code, errno } = fieldsOf(error);
  if (typeof code === 'string' && code.length > 0) return code;
  if (typeof errno === 'number') return String(errno);
  return 'UNKNOWN';
}

/** SDK error names that mean "Secrets Manager is busy or unreachable", not "you may not read this". */
const RETRYABLE_SECRET_FETCH_ERRORS = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'InternalServiceError',
  'ServiceUnavailable',
  'TimeoutError',
]);

/**
 * True when reading the secret failed for a reason that passes (throttling, a 5xx, the network),
 * so trying again later can work. A missing secret or a denied read is final.
 */
export function isRetryableSecretFetchFailure(error: unknown): boolean {
  if (!(error instanceof SecretFetchError)) return false;
  const cause = error.cause as
    { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: number } } | undefined;
  if (cause === undefined || cause === null) return false;
  if (typeof cause.name === 'string' && RETRYABLE_SECRET_FETCH_ERRORS.has(cause.name)) return true;
  const status = cause.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 500) return true;
  return (
    typeof cause.code === 'string' &&
    (TRANSIENT_CONNECT_CODES.network as readonly string[]).includes(cause.code)
  );
}
