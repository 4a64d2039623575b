import type { EngineFamily, SecretStage } from './types/secret';

/** Base class of every error this package throws. */
export class RotationClientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RotationClientError';
  }
}

/** A pool option is missing or invalid. Names the option, never its value. */
export class InvalidOptionError extends RotationClientError {
  constructor(
    readonly option: string,
    rule: string,
  ) {
    super(`Option "${option}" ${rule}`);
    this.name = 'InvalidOptionError';
  }
}

/** The secret's SecretString is not a database secret. Names the field, never the value. */
export class SecretFormatError extends RotationClientError {
  constructor(
    readonly secretId: string,
    readonly field: string,
    rule: string,
  ) {
    super(`Secret "${secretId}" field "${field}" ${rule}`);
    this.name = 'SecretFormatError';
  }
}

/** The secret names an engine the pool cannot talk to (e.g. a MySQL secret given to `createPgPool`). */
export class EngineMismatchError extends RotationClientError {
  constructor(
    readonly secretId: string,
    readonly expected: EngineFamily,
    readonly actual: string,
  ) {
    super(
      `Secret "${secretId}" is for engine "${actual}", but this pool speaks ${expected}: ` +
        `use ${expected === 'postgres' ? 'createMySqlPool' : 'createPgPool'} for it`,
    );
    this.name = 'EngineMismatchError';
  }
}

/** GetSecretValue failed and no cached value could stand in. `cause` is the SDK error. */
export class SecretFetchError extends RotationClientError {
  constructor(
    readonly secretId: string,
    readonly stage: SecretStage,
    cause: unknown,
  ) {
    const name = cause instanceof Error ? cause.name : 'UnknownError';
    super(`Reading secret "${secretId}" (${stage}) from Secrets Manager failed: ${name}`, { cause });
    this.name = 'SecretFetchError';
  }
}

export interface DatabaseConnectErrorProps {
  readonly family: EngineFamily;
  readonly host: string;
  readonly port: number;
  readonly username: string;
  /** Driver error code (`28P01`, `ER_ACCESS_DENIED_ERROR`, `ECONNREFUSED`...). @default 'UNKNOWN' */
  readonly code?: string;
  readonly errno?: number;
  readonly sqlState?: string;
  /** The driver error, already redacted. */
  readonly cause: unknown;
  /** The driver message, already redacted. */
  readonly detail: string;
}

/**
 * Opening a database connection failed. Wraps the driver error (kept, redacted, as `cause`) and copies
 * its `code`, `errno` and `sqlState`, so code that branches on them keeps working.
 */
export class DatabaseConnectError extends RotationClientError {
  readonly family: EngineFamily;
  readonly code: string;
  readonly errno?: number;
  readonly sqlState?: string;

  constructor(props: DatabaseConnectErrorProps) {
    const engineName = props.family === 'postgres' ? 'PostgreSQL' : 'MySQL';
    super(
      `${engineName} connection to ${props.host}:${props.port} as "${props.username}" failed: ${props.detail}`,
      { cause: props.cause },
    );
    this.name = 'DatabaseConnectError';
    this.family = props.family;
    this.code = props.code ?? 'UNKNOWN';
    if (props.errno !== undefined) this.errno = props.errno;
    if (props.sqlState !== undefined) this.sqlState = props.sqlState;
  }
}

/** Authentication kept failing after refreshing the secret, until the retry budget ran out. */
export class AuthenticationRetryExhaustedError extends RotationClientError {
  readonly code: string;

  constructor(
    readonly secretId: string,
    readonly attempts: number,
    readonly elapsedMs: number,
    cause: DatabaseConnectError,
  ) {
    super(
      `Authentication with secret "${secretId}" still failed after ${attempts} attempts in ${elapsedMs} ms ` +
        `(${cause.code}); the secret and the database disagree beyond the retry budget`,
      { cause },
    );
    this.name = 'AuthenticationRetryExhaustedError';
    this.code = cause.code;
  }
}
