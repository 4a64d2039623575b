import { DatabaseConnectError } from './errors';
import { errorCodeOf } from './error-classification';
import { redactError, redactText } from './redact';
import type { EngineFamily, ResolvedCredentials } from './types/secret';

const USED_CREDENTIALS = Symbol('rotation-client.usedCredentials');

/**
 * Wraps a connect-phase driver error: the driver error is scrubbed of the password (and any DSN
 * password) and kept as `cause`; the wrapper remembers, out of sight, which credentials failed so the
 * retry loop knows what to refresh.
 */
export function wrapConnectError(
  family: EngineFamily,
  credentials: ResolvedCredentials,
  driverError: unknown,
): DatabaseConnectError {
  const secretValues = [credentials.secret.password];
  redactError(driverError, secretValues);
  const fields = (typeof driverError === 'object' && driverError !== null ? driverError : {}) as {
    errno?: unknown;
    sqlState?: unknown;
    message?: unknown;
  };
  const wrapped = new DatabaseConnectError({
    family,
    host: credentials.secret.host,
    port: credentials.secret.port,
    username: credentials.secret.username,
    code: errorCodeOf(driverError),
    ...(typeof fields.errno === 'number' ? { errno: fields.errno } : {}),
    ...(typeof fields.sqlState === 'string' ? { sqlState: fields.sqlState } : {}),
    detail: redactText(
      typeof fields.message === 'string' ? fields.message : String(driverError),
      secretValues,
    ),
    cause: driverError,
  });
  Object.defineProperty(wrapped, USED_CREDENTIALS, { value: credentials, enumerable: false });
  return wrapped;
}

/** The credentials a wrapped connect error was raised with, if it is one of ours. */
export function usedCredentialsOf(error: unknown): ResolvedCredentials | undefined {
  if (!(error instanceof DatabaseConnectError)) return undefined;
  return (error as unknown as Record<symbol, ResolvedCredentials | undefined>)[USED_CREDENTIALS];
}
