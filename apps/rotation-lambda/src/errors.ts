/**
 * Every error the rotation function throws. Messages say what failed and which field or
 * call was involved; they never carry a password, a secret string or a connection string.
 */

/** Base class: lets callers catch everything this package throws. */
export class RotationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RotationError';
  }
}

/** An environment variable of the function has a value outside its rules. */
export class ConfigurationError extends RotationError {
  constructor(
    readonly variable: string,
    rule: string,
  ) {
    super(`Environment variable ${variable} ${rule}.`);
    this.name = 'ConfigurationError';
  }
}

/** The invocation event is not a Secrets Manager rotation event. */
export class InvalidEventError extends RotationError {
  constructor(
    readonly field: string,
    rule: string,
  ) {
    super(`Rotation event field ${field} ${rule}.`);
    this.name = 'InvalidEventError';
  }
}

/** A secret version does not hold the expected JSON document. The value is never echoed. */
export class InvalidSecretError extends RotationError {
  constructor(
    /** Which version, e.g. `AWSCURRENT` or `AWSPENDING`. */
    readonly version: string,
    /** The offending field, or `(secret)` when the whole value is unusable. */
    readonly field: string,
    rule: string,
  ) {
    super(`Secret ${version} field ${field} ${rule}.`);
    this.name = 'InvalidSecretError';
  }
}

/** The secret is not in a state in which this step may run (rotation off, unknown token, ...). */
export class RotationStateError extends RotationError {
  constructor(message: string) {
    super(message);
    this.name = 'RotationStateError';
  }
}

/** AWSPENDING and AWSCURRENT describe different databases or break the username rules. */
export class CredentialsMismatchError extends RotationError {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialsMismatchError';
  }
}

/** None of the credentials the step may use logs in to the database. */
export class LoginFailedError extends RotationError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LoginFailedError';
  }
}

/** A database operation failed; wraps the adapter's error (whose text is already password-free). */
export class DatabaseOperationError extends RotationError {
  constructor(operation: string, cause: unknown) {
    super(`${operation} failed: ${describeCause(cause)}`, { cause });
    this.name = 'DatabaseOperationError';
  }
}

/** A Secrets Manager call failed. */
export class SecretsManagerCallError extends RotationError {
  constructor(
    readonly operation: string,
    cause: unknown,
  ) {
    super(`Secrets Manager ${operation} failed: ${describeCause(cause)}`, { cause });
    this.name = 'SecretsManagerCallError';
  }
}

/** `Name: message` of an unknown thrown value, for wrapping messages. */
export function describeCause(cause: unknown): string {
  if (cause instanceof Error) return `${cause.name}: ${cause.message}`;
  return typeof cause === 'string' ? cause : 'unknown error';
}
