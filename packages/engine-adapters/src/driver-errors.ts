import {
  AUTHENTICATION_FAILURE_CODES,
  CONNECTION_FAILURE_REASONS as R,
  STATEMENT_FAILURE_REASONS as S,
  type ConnectionFailureReason,
  type StatementFailureReason,
} from './constants';
import {
  AuthenticationFailedError,
  ConnectionTimeoutError,
  DatabaseConnectionError,
  DatabaseStatementError,
  DriverErrorSummary,
  HostUnreachableError,
  TlsVerificationError,
  type ConnectionTarget,
} from './errors';
import type { EngineFamily } from './types/adapter';

interface DriverErrorShape {
  readonly code?: unknown;
  readonly errno?: unknown;
  readonly sqlState?: unknown;
  readonly severity?: unknown;
  readonly message?: unknown;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
]);
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE', 'PROTOCOL_CONNECTION_LOST', 'ECONNABORTED']);
const TLS_VERIFICATION = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
  // mysql2 wraps every TLS handshake failure in this code.
  'HANDSHAKE_SSL_ERROR',
]);
/** MySQL errors where the server answered but refused the session. */
const MYSQL_REJECTED = new Set([1040, 1044, 1049, 1129, 1130, 1251, 3159]);
/** PostgreSQL SQLSTATEs where the server answered but refused the session. */
const POSTGRES_REJECTED = new Set(['28000', '53300', '57P03', '3D000', '08004']);

function readText(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Keeps only the codes of a driver error. Its message is read for classification, never kept. */
export function summarizeDriverError(family: EngineFamily, error: unknown): DriverErrorSummary {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as DriverErrorShape;
  const code = readText(shape.code);
  // pg puts the SQLSTATE in `code` and marks server errors with `severity`.
  if (
    family === 'postgres' &&
    code !== undefined &&
    shape.severity !== undefined &&
    /^[0-9A-Z]{5}$/.test(code)
  ) {
    return new DriverErrorSummary(undefined, code, undefined);
  }
  const errno = typeof shape.errno === 'number' && shape.errno > 0 ? shape.errno : undefined;
  const sqlState = readText(shape.sqlState);
  return new DriverErrorSummary(
    code,
    sqlState && /^[0-9A-Z]{5}$/.test(sqlState) ? sqlState : undefined,
    errno,
  );
}

function messageOf(error: unknown): string {
  return typeof error === 'object' && error !== null ? String((error as DriverErrorShape).message ?? '') : '';
}

/** Which connection failure a driver error is. */
export function classifyConnectionFailure(family: EngineFamily, error: unknown): ConnectionFailureReason {
  const summary = summarizeDriverError(family, error);
  const message = messageOf(error);
  const code = summary.code ?? '';
  if (family === 'postgres' && summary.sqlState === AUTHENTICATION_FAILURE_CODES.postgres)
    return R.authentication;
  // MariaDB answers 1698 instead of 1045 for some unknown users (it fakes an auth plugin for them).
  if (
    family === 'mysql' &&
    (summary.errno === AUTHENTICATION_FAILURE_CODES.mysql || summary.errno === 1698)
  ) {
    return R.authentication;
  }
  if (TLS_VERIFICATION.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'))
    return R.tlsVerification;
  if (code === 'HANDSHAKE_NO_SSL_SUPPORT' || /does not support SSL/i.test(message)) return R.tlsUnavailable;
  if (code === 'ETIMEDOUT' || /timeout expired|connection timeout/i.test(message)) return R.timeout;
  if (UNREACHABLE.has(code)) return R.unreachable;
  if (CONNECTION_LOST.has(code) || /Connection terminated unexpectedly/i.test(message))
    return R.connectionLost;
  if (family === 'postgres' && summary.sqlState !== undefined && POSTGRES_REJECTED.has(summary.sqlState))
    return R.rejected;
  if (family === 'mysql' && summary.errno !== undefined && MYSQL_REJECTED.has(summary.errno))
    return R.rejected;
  return R.unknown;
}

/** Wraps a driver connect error into the matching DatabaseConnectionError subclass. */
export function toConnectionError(
  family: EngineFamily,
  target: ConnectionTarget,
  error: unknown,
): DatabaseConnectionError {
  if (error instanceof DatabaseConnectionError) return error;
  const reason = classifyConnectionFailure(family, error);
  const cause = summarizeDriverError(family, error);
  switch (reason) {
    case R.authentication:
      return new AuthenticationFailedError(reason, target, { cause });
    case R.tlsVerification:
    case R.tlsUnavailable:
      return new TlsVerificationError(reason, target, { cause });
    case R.timeout:
      return new ConnectionTimeoutError(reason, target, { cause });
    case R.unreachable:
      return new HostUnreachableError(reason, target, { cause });
    default:
      return new DatabaseConnectionError(reason, target, { cause });
  }
}

const MYSQL_PERMISSION = new Set([1044, 1045, 1142, 1143, 1227, 1410]);
const MYSQL_TIMEOUT = new Set([1205, 1969, 3024]);

/** PostgreSQL SQLSTATEs of a transaction that lost a race: serialization failure, deadlock. */
const POSTGRES_CONCURRENT = new Set(['40001', '40P01']);
/** MySQL ER_LOCK_DEADLOCK. (1205, a lock wait timeout, stays a timeout: see isConcurrentUpdateError.) */
const MYSQL_CONCURRENT = new Set([1213]);

function isConcurrentUpdateFailure(
  family: EngineFamily,
  summary: DriverErrorSummary,
  message: string,
): boolean {
  if (family === 'mysql') return summary.errno !== undefined && MYSQL_CONCURRENT.has(summary.errno);
  if (summary.sqlState !== undefined && POSTGRES_CONCURRENT.has(summary.sqlState)) return true;
  // XX000 is any internal error; only the catalog race ("tuple concurrently updated/deleted") counts.
  return summary.sqlState === 'XX000' && /tuple concurrently (updated|deleted)/i.test(message);
}

/**
 * True when a statement failed because a concurrent session changed or held the same row: a
 * DatabaseStatementError of reason `concurrent-update`, or a lock wait timeout (MySQL 1205,
 * PostgreSQL 55P03). Two overlapping password changes of one user fail like this; the caller
 * then checks whether the other one succeeded.
 *
 * @example
 * catch (error) { if (isConcurrentUpdateError(error) && (await adapter.verifyLogin(next))) return; throw error; }
 */
export function isConcurrentUpdateError(error: unknown): boolean {
  if (!(error instanceof DatabaseStatementError)) return false;
  if (error.reason === S.concurrentUpdate) return true;
  const cause = error.cause;
  return cause instanceof DriverErrorSummary && (cause.errno === 1205 || cause.sqlState === '55P03');
}

/** Which statement failure a driver error is. */
export function classifyStatementFailure(family: EngineFamily, error: unknown): StatementFailureReason {
  const summary = summarizeDriverError(family, error);
  const message = messageOf(error);
  const code = summary.code ?? '';
  if (CONNECTION_LOST.has(code) || /Connection terminated|not queryable|closed state/i.test(message)) {
    return S.connectionLost;
  }
  if (isConcurrentUpdateFailure(family, summary, message)) return S.concurrentUpdate;
  if (family === 'postgres') {
    if (summary.sqlState === '57014' || summary.sqlState === '55P03' || /Query read timeout/i.test(message)) {
      return S.timeout;
    }
    if (summary.sqlState === '42501') return S.permission;
    if (summary.sqlState === '42704') return S.notFound;
    return S.other;
  }
  if (
    code === 'PROTOCOL_SEQUENCE_TIMEOUT' ||
    (summary.errno !== undefined && MYSQL_TIMEOUT.has(summary.errno))
  ) {
    return S.timeout;
  }
  if (summary.errno !== undefined && MYSQL_PERMISSION.has(summary.errno)) return S.permission;
  if (summary.errno === 1396 || summary.errno === 1141) return S.notFound;
  return S.other;
}

/** Wraps a driver statement error; `operation` names what failed in our words. */
export function toStatementError(
  family: EngineFamily,
  operation: string,
  error: unknown,
): DatabaseStatementError {
  if (error instanceof DatabaseStatementError) return error;
  return new DatabaseStatementError(
    operation,
    classifyStatementFailure(family, error),
    summarizeDriverError(family, error),
  );
}
